import GRDB

/// Public halves of clinic signing keys, by key id.
public enum SigningKeyStore {
    /// Registers a public key (no-op when the key id is already known).
    public static func insert(_ db: Database, _ record: SigningKeyRecord) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO signing_keys (key_id, public_key, created_at, created_by) VALUES (?, ?, ?, ?)",
                       arguments: [record.keyId, record.publicKey, record.createdAt, record.createdBy])
    }

    /// The key with `keyID`, or nil.
    public static func fetch(_ db: Database, keyID: String) throws -> SigningKeyRecord? {
        try SigningKeyRecord.fetchOne(db, key: keyID)
    }

    /// Every registered key, newest first.
    public static func all(_ db: Database) throws -> [SigningKeyRecord] {
        try SigningKeyRecord.order(Column("created_at").desc, Column("key_id")).fetchAll(db)
    }
}
