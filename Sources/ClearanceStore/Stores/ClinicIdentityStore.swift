import GRDB

/// The clinic's identity row (name, address, site code).
public enum ClinicIdentityStore {
    /// The identity, or nil when none was set yet.
    public static func fetch(_ db: Database) throws -> ClinicIdentityRecord? {
        try ClinicIdentityRecord.fetchOne(db, key: 1)
    }

    /// Writes the identity (inserted the first time, replaced afterwards).
    public static func save(_ db: Database, _ record: ClinicIdentityRecord) throws {
        var row = record
        row.id = 1
        try row.save(db)
    }
}
