import GRDB

extension StoreMigration {
    /// `v4-clinic-metadata`: facts about the database file itself, as key/value rows
    /// (`purpose = demo` marks a database made by `clearance demo`, which `demo --replace` may
    /// delete; a clinic's own database has no such row). Shipped: never edit; add a new migration.
    static let metadata = StoreMigration(id: "v4-clinic-metadata") { db in
        try db.execute(sql: """
            CREATE TABLE clinic_metadata (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            )
            """)
    }
}
