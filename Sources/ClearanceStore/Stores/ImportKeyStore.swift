import Foundation
import GRDB

/// The import lines already saved, by module and key (table `import_keys`, migration
/// `v11-import-keys`): what makes an import safe to run again.
///
/// A line's key is written in the same transaction as the encounter it produced, so after a
/// crash or `kill -9` a key exists exactly for the lines whose encounter was committed.
///
/// ```swift
/// let done = try ImportKeyStore.existing(db, module: moduleID, keys: ["id:A17", "id:A18"])
/// try ImportKeyStore.insert(db, module: moduleID, key: "id:A19", encounterID: 42, by: "amina", at: now)
/// ```
public enum ImportKeyStore {
    /// The longest key stored (the sender's `id` is refused beyond it).
    public static let maximumKeyLength = 300

    /// Which of `keys` were already imported for `module`, with the encounter each produced.
    public static func existing(_ db: Database, module: String, keys: some Collection<String>) throws -> [String: Int64] {
        var found: [String: Int64] = [:]
        let statement = try db.cachedStatement(sql: "SELECT encounter_id FROM import_keys WHERE module_id = ? AND key = ?")
        for key in keys {
            if let id = try Int64.fetchOne(statement, arguments: [module, key]) { found[key] = id }
        }
        return found
    }

    /// Records that the line keyed `key` of an import of `module` produced `encounterID`.
    ///
    /// - Throws: a database error (constraint) when the key is already recorded for the module.
    public static func insert(_ db: Database, module: String, key: String, encounterID: Int64, by username: String, at date: Date) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO import_keys (module_id, key, encounter_id, imported_by, imported_at) VALUES (?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [module, key, encounterID, username, StoreTimestamp.string(from: date)])
    }

    /// How many import lines of `module` were saved (every module when nil).
    public static func count(_ db: Database, module: String? = nil) throws -> Int {
        if let module { return try Int.fetchOne(db, sql: "SELECT count(*) FROM import_keys WHERE module_id = ?", arguments: [module]) ?? 0 }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM import_keys") ?? 0
    }
}
