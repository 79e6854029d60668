import GRDB

/// A row of `signing_keys`: the public half of a clinic signing key. The private key stays in
/// its 0600 file and never enters the database.
public struct SigningKeyRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "signing_keys"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case keyId = "key_id"
        case publicKey = "public_key"
        case createdAt = "created_at"
        case createdBy = "created_by"
    }

    /// 16 lowercase hex characters (first 8 bytes of SHA-256 of the raw public key).
    public var keyId: String
    /// The exported public key text (`-----BEGIN CLEARANCE PUBLIC KEY-----`).
    public var publicKey: String
    public var createdAt: String
    public var createdBy: String

    public init(keyId: String, publicKey: String, createdAt: String, createdBy: String) {
        self.keyId = keyId; self.publicKey = publicKey; self.createdAt = createdAt; self.createdBy = createdBy
    }
}
