import Foundation
import GRDB

/// Facts about the database file itself (`clinic_metadata` rows): what it is for.
///
/// ```swift
/// try store.write { db in try ClinicMetadata.set(db, ClinicMetadata.purposeKey, ClinicMetadata.demoPurpose) }
/// try ClinicMetadata.isDemoDatabase(at: "demo.sqlite")   // true
/// ```
public enum ClinicMetadata {
    /// The key naming what the database is for.
    public static let purposeKey = "purpose"
    /// The purpose of a database made by `clearance demo`.
    public static let demoPurpose = "demo"

    /// Sets `key` to `value` inside the caller's transaction.
    public static func set(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO clinic_metadata(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// The value of `key`, or nil.
    public static func value(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM clinic_metadata WHERE key = ?", arguments: [key])
    }

    /// Whether the file at `path` is a Clearance demo database (its `purpose` row says `demo`).
    ///
    /// Reads without migrating or writing: a clinic database, a database of an older version
    /// (no metadata table), an empty file or a file that is not SQLite are all "not a demo".
    /// The bytes of the file are not changed.
    /// - Throws: ``StoreError`` when the file cannot be read at all.
    public static func isDemoDatabase(at path: String) throws -> Bool {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "the file cannot be read")
        }
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path) } catch { return false }
        defer { try? queue.close() }
        do {
            return try queue.read { db in
                guard try db.tableExists("clinic_metadata") else { return false }
                return try value(db, purposeKey) == demoPurpose
            }
        } catch { return false }
    }
}
