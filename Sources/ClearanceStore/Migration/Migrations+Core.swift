import GRDB

extension StoreMigration {
    /// `v1-core`: persons and their search keys, cases, form versions, encounters, observations,
    /// attachments, users and the audit log. Shipped: never edit; add a new migration instead.
    static let core = StoreMigration(id: "v1-core") { db in
        try db.execute(sql: """
        CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            surname TEXT NOT NULL,
            given_names TEXT NOT NULL,
            date_of_birth TEXT NOT NULL CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            sex TEXT NOT NULL CHECK (sex IN ('F', 'M', 'X')),
            nationality TEXT NOT NULL,
            document_type TEXT NOT NULL CHECK (document_type IN ('passport', 'refugee-travel-document', 'national-id')),
            document_number TEXT NOT NULL,
            document_key TEXT NOT NULL,
            document_expiry TEXT,
            guardian TEXT,
            photo_attachment_id INTEGER REFERENCES attachments(id),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX persons_document_key ON persons(document_key);

        CREATE TABLE person_search_keys (
            key TEXT NOT NULL,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('s', 'g')),
            PRIMARY KEY (key, person_id, kind)
        ) WITHOUT ROWID;
        CREATE INDEX person_search_keys_person ON person_search_keys(person_id);

        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES persons(id),
            programme TEXT NOT NULL,
            purpose TEXT NOT NULL,
            site TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'results-pending', 'ready-for-review', 'certified', 'closed')),
            opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL
        );
        CREATE INDEX cases_person ON cases(person_id);

        CREATE TABLE form_versions (
            id INTEGER PRIMARY KEY,
            module_id TEXT NOT NULL,
            module_version TEXT NOT NULL,
            form_version TEXT NOT NULL,
            form_hash TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,
            first_used_at TEXT NOT NULL
        );

        CREATE TABLE encounters (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            module_id TEXT NOT NULL,
            module_version TEXT NOT NULL,
            form_version TEXT NOT NULL,
            form_hash TEXT NOT NULL REFERENCES form_versions(form_hash),
            status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            result_codes TEXT NOT NULL DEFAULT '[]',
            derived TEXT NOT NULL DEFAULT '{}',
            pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))
        );
        CREATE INDEX encounters_case ON encounters(case_id, module_id);

        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            person_id INTEGER REFERENCES persons(id),
            encounter_id INTEGER REFERENCES encounters(id),
            kind TEXT NOT NULL,
            media_type TEXT NOT NULL,
            byte_size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            bytes BLOB NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX attachments_person ON attachments(person_id);
        CREATE INDEX attachments_encounter ON attachments(encounter_id);

        CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            encounter_id INTEGER NOT NULL REFERENCES encounters(id),
            path TEXT NOT NULL,
            value_type TEXT NOT NULL CHECK (value_type IN ('text', 'integer', 'decimal', 'date', 'bool', 'choice', 'choices', 'image', 'group')),
            value_text TEXT,
            value_integer INTEGER,
            value_real REAL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            voided_at TEXT,
            voided_by TEXT,
            void_reason TEXT,
            replaces_id INTEGER REFERENCES observations(id)
        );
        CREATE INDEX observations_encounter ON observations(encounter_id, path);

        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            roles TEXT NOT NULL DEFAULT '[]',
            registration_number TEXT,
            disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
            created_at TEXT NOT NULL
        );

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL,
            action TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;
        """)
    }
}
