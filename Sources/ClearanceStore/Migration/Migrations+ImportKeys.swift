import GRDB

extension StoreMigration {
    /// `v11-import-keys`: the lines an import has saved, so that running the same file again
    /// skips them instead of saving them twice (``ImportKeyStore``).
    ///
    /// One row per saved import line, keyed by module and the line's key (the sender's own
    /// `id`, or a digest of the line when it has none), written in the same transaction as
    /// the encounter it produced: a line is either saved with its key or not at all.
    /// Shipped: never edit.
    static let importKeys = StoreMigration(id: "v11-import-keys") { db in
        try db.execute(sql: """
        CREATE TABLE import_keys (
            module_id TEXT NOT NULL,
            key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
            encounter_id INTEGER NOT NULL REFERENCES encounters(id),
            imported_by TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (module_id, key)
        ) WITHOUT ROWID
        """)
    }
}
