import GRDB

extension StoreMigration {
    /// `v2-certificates`: fitness decisions, signing keys and signed certificates.
    ///
    /// - `decisions` is append-only (the latest row of a case wins); it records the proposal the
    ///   software made, the officer's decision, whether they differ and why.
    /// - `signing_keys` holds each clinic key's public half and key id, so verification with the
    ///   database at hand knows it. Private keys never enter the database.
    /// - `certificates` rows are immutable once signed: a trigger refuses any UPDATE of the content
    ///   columns; only `status` (current -> superseded | revoked, once) and its bookkeeping
    ///   columns may change, and rows are never deleted.
    ///
    /// Shipped: never edit; add a new migration instead.
    static let certificates = StoreMigration(id: "v2-certificates") { db in
        try db.execute(sql: """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            proposed TEXT NOT NULL CHECK (proposed IN ('FIT', 'FIT-WITH-CONDITIONS', 'UNFIT', 'PENDING')),
            decision TEXT NOT NULL CHECK (decision IN ('FIT', 'FIT-WITH-CONDITIONS', 'UNFIT', 'PENDING')),
            differs INTEGER NOT NULL CHECK (differs IN (0, 1)),
            conditions TEXT,
            reason TEXT,
            last_encounter_id INTEGER,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            CHECK (decision <> 'FIT-WITH-CONDITIONS' OR length(trim(coalesce(conditions, ''))) > 0),
            CHECK (differs = 0 OR length(trim(coalesce(reason, ''))) > 0)
        );
        CREATE INDEX decisions_case ON decisions(case_id, id);
        CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead'); END;
        CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only: they cannot be deleted'); END;

        CREATE TABLE signing_keys (
            key_id TEXT PRIMARY KEY CHECK (length(key_id) = 16),
            public_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );

        CREATE TABLE certificates (
            id TEXT PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            decision_id INTEGER NOT NULL REFERENCES decisions(id),
            outcome TEXT NOT NULL,
            issue_date TEXT NOT NULL,
            expiry_date TEXT NOT NULL,
            key_id TEXT NOT NULL REFERENCES signing_keys(key_id),
            payload TEXT NOT NULL,
            signed_payload TEXT NOT NULL,
            pdf BLOB NOT NULL,
            issued_at TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded', 'revoked')),
            superseded_by TEXT REFERENCES certificates(id),
            status_changed_at TEXT,
            status_changed_by TEXT,
            status_reason TEXT
        );
        CREATE INDEX certificates_case ON certificates(case_id, status);
        CREATE INDEX certificates_issued ON certificates(issued_at);
        CREATE TRIGGER certificates_signed_content BEFORE UPDATE OF
            id, case_id, decision_id, outcome, issue_date, expiry_date, key_id, payload, signed_payload, pdf, issued_at, issued_by
            ON certificates
        BEGIN SELECT RAISE(ABORT, 'a signed certificate never changes: re-issue it (a new id) instead'); END;
        CREATE TRIGGER certificates_settled BEFORE UPDATE ON certificates WHEN OLD.status <> 'current'
        BEGIN SELECT RAISE(ABORT, 'a superseded or revoked certificate never changes again'); END;
        CREATE TRIGGER certificates_status_forward BEFORE UPDATE OF status ON certificates WHEN NEW.status = 'current'
        BEGIN SELECT RAISE(ABORT, 'a certificate status only moves from current to superseded or revoked'); END;
        CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
        BEGIN SELECT RAISE(ABORT, 'certificates are never deleted: revoke instead'); END;
        """)
    }
}
