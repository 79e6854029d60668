import GRDB

extension StoreMigration {
    /// `v7-case-lifecycle`: a case can be `cancelled` (opened in error, withdrawn) besides
    /// `closed`, and every status change made by a person (close, cancel, reopen) is kept with
    /// its reason in `case_status_changes`, append-only.
    ///
    /// SQLite cannot widen a CHECK in place, so `cases` is rebuilt the documented way (new
    /// table, copy, drop, rename; foreign keys are checked after the migration). Indexes for the
    /// `case list` filters (status, programme, opening time) come with it. Shipped: never edit.
    static let caseLifecycle = StoreMigration(id: "v7-case-lifecycle") { db in
        try db.execute(sql: """
        CREATE TABLE new_cases (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES persons(id),
            programme TEXT NOT NULL,
            purpose TEXT NOT NULL,
            site TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'results-pending', 'ready-for-review', 'certified', 'closed', 'cancelled')),
            opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL
        );
        INSERT INTO new_cases (id, person_id, programme, purpose, site, status, opened_at, opened_by)
            SELECT id, person_id, programme, purpose, site, status, opened_at, opened_by FROM cases;
        DROP TABLE cases;
        ALTER TABLE new_cases RENAME TO cases;
        CREATE INDEX cases_person ON cases(person_id, programme, status);
        CREATE INDEX cases_opened ON cases(opened_at, id);
        CREATE INDEX cases_status ON cases(status, opened_at);

        CREATE TABLE case_status_changes (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            action TEXT NOT NULL CHECK (action IN ('close', 'cancel', 'reopen')),
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            certificate_action TEXT CHECK (certificate_action IN ('revoke', 'keep')),
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX case_status_changes_case ON case_status_changes(case_id, id);
        CREATE TRIGGER case_status_changes_no_update BEFORE UPDATE ON case_status_changes
        BEGIN SELECT RAISE(ABORT, 'case status changes are append-only'); END;
        CREATE TRIGGER case_status_changes_no_delete BEFORE DELETE ON case_status_changes
        BEGIN SELECT RAISE(ABORT, 'case status changes are append-only'); END;
        """)
    }
}
