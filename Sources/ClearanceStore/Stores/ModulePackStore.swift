import Foundation
import GRDB

/// A publisher key pinned by an administrator (`module_publisher` row).
public struct ModulePublisherRecord: Sendable, Equatable {
    public var keyID: String
    /// The raw 32-byte Ed25519 public key, base64.
    public var publicKey: String
    public var name: String
    public var pinnedAt: String
    public var pinnedBy: String
    public var removedAt: String?

    public init(keyID: String, publicKey: String, name: String, pinnedAt: String, pinnedBy: String, removedAt: String? = nil) {
        self.keyID = keyID; self.publicKey = publicKey; self.name = name; self.pinnedAt = pinnedAt; self.pinnedBy = pinnedBy
        self.removedAt = removedAt
    }
}

/// An installed signed module pack (`module_pack` row); `bundle` is the pack file as installed.
public struct ModulePackRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var version: String
    public var publisherKeyID: String
    public var sha256: String
    public var bundle: [UInt8]
    public var installedAt: String
    public var installedBy: String
}

/// Pinned module publishers, installed module packs and whether unsigned module files load.
public enum ModulePackStore {
    /// The `clinic_metadata` key of the unsigned-modules setting (`yes` when allowed).
    public static let allowUnsignedKey = "allow_unsigned_modules"

    /// Every pinned publisher that was not removed, by key id.
    public static func publishers(_ db: Database) throws -> [ModulePublisherRecord] {
        guard try db.tableExists("module_publisher") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT key_id, public_key, name, pinned_at, pinned_by, removed_at FROM module_publisher WHERE removed_at IS NULL ORDER BY key_id")
            .map { ModulePublisherRecord(keyID: $0[0], publicKey: $0[1], name: $0[2], pinnedAt: $0[3], pinnedBy: $0[4], removedAt: $0[5]) }
    }

    /// Pins a publisher key (a removed one is pinned again).
    public static func pin(_ db: Database, _ record: ModulePublisherRecord) throws {
        try db.execute(sql: """
            INSERT INTO module_publisher(key_id, public_key, name, pinned_at, pinned_by, removed_at) VALUES (?, ?, ?, ?, ?, NULL)
            ON CONFLICT(key_id) DO UPDATE SET name = excluded.name, pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by, removed_at = NULL
            """, arguments: [record.keyID, record.publicKey, record.name, record.pinnedAt, record.pinnedBy])
    }

    /// Marks a pinned publisher removed; returns whether one was pinned.
    public static func unpin(_ db: Database, keyID: String, at time: String) throws -> Bool {
        try db.execute(sql: "UPDATE module_publisher SET removed_at = ? WHERE key_id = ? AND removed_at IS NULL", arguments: [time, keyID])
        return db.changesCount > 0
    }

    /// Installed packs (not removed), by name.
    public static func packs(_ db: Database) throws -> [ModulePackRecord] {
        guard try db.tableExists("module_pack") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT id, name, version, publisher_key_id, sha256, bundle, installed_at, installed_by FROM module_pack WHERE removed_at IS NULL ORDER BY name")
            .map { row in
                let bundle: Data = row[5]
                return ModulePackRecord(id: row[0], name: row[1], version: row[2], publisherKeyID: row[3], sha256: row[4],
                                        bundle: [UInt8](bundle), installedAt: row[6], installedBy: row[7])
            }
    }

    /// The row id of the installed (not removed) pack `name`, or nil.
    public static func activePackID(_ db: Database, name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM module_pack WHERE name = ? AND removed_at IS NULL", arguments: [name])
    }

    /// Installs a pack, marking an installed pack of the same name removed; returns the new row id.
    public static func install(_ db: Database, name: String, version: String, publisherKeyID: String, sha256: String,
                               bundle: [UInt8], at time: String, by user: String) throws -> Int64 {
        try db.execute(sql: "UPDATE module_pack SET removed_at = ? WHERE name = ? AND removed_at IS NULL", arguments: [time, name])
        try db.execute(sql: "INSERT INTO module_pack(name, version, publisher_key_id, sha256, bundle, installed_at, installed_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [name, version, publisherKeyID, sha256, Data(bundle), time, user])
        return db.lastInsertedRowID
    }

    /// Marks the installed pack `name` removed; returns its version when there was one.
    public static func uninstall(_ db: Database, name: String, at time: String) throws -> String? {
        guard let version = try String.fetchOne(db, sql: "SELECT version FROM module_pack WHERE name = ? AND removed_at IS NULL", arguments: [name]) else { return nil }
        try db.execute(sql: "UPDATE module_pack SET removed_at = ? WHERE name = ? AND removed_at IS NULL", arguments: [time, name])
        return version
    }

    /// Whether an administrator allowed unsigned module files in this database.
    public static func unsignedAllowed(_ db: Database) throws -> Bool {
        guard try db.tableExists("clinic_metadata") else { return false }
        return try ClinicMetadata.value(db, allowUnsignedKey) == "yes"
    }

    /// Sets whether unsigned module files load.
    public static func setUnsignedAllowed(_ db: Database, _ allowed: Bool) throws {
        try ClinicMetadata.set(db, allowUnsignedKey, allowed ? "yes" : "no")
    }
}
