import GRDB

extension StoreMigration {
    /// `v14-module-packs`: publisher keys an administrator pinned, and the signed module packs
    /// installed in this database (``ModulePackStore``).
    ///
    /// A pack is kept as the file it was installed from (`bundle`), so the host verifies its
    /// signature again at every start; rows are never deleted, only marked removed.
    static let modulePacks = StoreMigration(id: "v14-module-packs") { db in
        try db.execute(sql: """
        CREATE TABLE module_publisher (
            key_id TEXT PRIMARY KEY NOT NULL,
            public_key TEXT NOT NULL,
            name TEXT NOT NULL,
            pinned_at TEXT NOT NULL,
            pinned_by TEXT NOT NULL,
            removed_at TEXT
        ) WITHOUT ROWID;
        CREATE TABLE module_pack (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            publisher_key_id TEXT NOT NULL REFERENCES module_publisher(key_id),
            sha256 TEXT NOT NULL,
            bundle BLOB NOT NULL,
            installed_at TEXT NOT NULL,
            installed_by TEXT NOT NULL,
            removed_at TEXT
        );
        CREATE UNIQUE INDEX module_pack_active ON module_pack(name) WHERE removed_at IS NULL;
        """)
    }
}
