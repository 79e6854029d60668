import ClearanceCore
import GRDB

extension StoreMigration {
    /// `v8-person-history`: corrections of a person's identity and merges of duplicate
    /// registrations, both append-only, and Latin search keys for names in other scripts.
    ///
    /// - `person_changes`: one row per corrected field, with the old and the new value, the
    ///   reason, who and when. The person row holds the current value; this table the history.
    /// - `person_merges`: a dropped duplicate points to the record kept. The dropped person row
    ///   stays (never deleted); its cases were moved to the kept person in the same transaction.
    /// - Search keys: every existing person gets the keys of the Latin transliteration of their
    ///   names (``LatinTransliteration``), so `ivanova` finds `Иванова`.
    ///
    /// Shipped: never edit; add a new migration instead.
    static let personHistory = StoreMigration(id: "v8-person-history") { db in
        try db.execute(sql: """
        CREATE TABLE person_changes (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES persons(id),
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX person_changes_person ON person_changes(person_id, id);
        CREATE TRIGGER person_changes_no_update BEFORE UPDATE ON person_changes
        BEGIN SELECT RAISE(ABORT, 'person changes are append-only'); END;
        CREATE TRIGGER person_changes_no_delete BEFORE DELETE ON person_changes
        BEGIN SELECT RAISE(ABORT, 'person changes are append-only'); END;

        CREATE TABLE person_merges (
            dropped_id INTEGER PRIMARY KEY REFERENCES persons(id),
            kept_id INTEGER NOT NULL REFERENCES persons(id),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            moved_cases TEXT NOT NULL DEFAULT '[]',
            merged_by TEXT NOT NULL,
            merged_at TEXT NOT NULL,
            CHECK (dropped_id <> kept_id)
        );
        CREATE INDEX person_merges_kept ON person_merges(kept_id);
        CREATE TRIGGER person_merges_no_update BEFORE UPDATE ON person_merges
        BEGIN SELECT RAISE(ABORT, 'person merges are append-only'); END;
        CREATE TRIGGER person_merges_no_delete BEFORE DELETE ON person_merges
        BEGIN SELECT RAISE(ABORT, 'person merges are append-only'); END;
        """)
        let rows = try Row.fetchCursor(db, sql: "SELECT id, surname, given_names FROM persons")
        while let row = try rows.next() {
            let surname: String = row[1], given: String = row[2]
            guard LatinTransliteration.latinIfNeeded(surname + " " + given) != nil else { continue }
            try PersonStore.writeKeys(db, personID: row[0], surname: surname, givenNames: given)
        }
    }
}
