import GRDB

extension StoreMigration {
    /// `v4-clinic-identity`: the clinic's name, postal address and site code, printed on every
    /// certificate. One row (id 1), written by `clearance init` and `clearance clinic set`.
    ///
    /// Shipped: never edit; add a new migration instead.
    static let clinicIdentity = StoreMigration(id: "v5-clinic-identity") { db in
        try db.execute(sql: """
        CREATE TABLE clinic_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            address TEXT NOT NULL,
            site_code TEXT NOT NULL CHECK (length(trim(site_code)) > 0),
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL
        );
        """)
    }
}
