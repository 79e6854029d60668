import Foundation

/// A clinic signing key as front ends show it: its id and public half, never the private key.
public struct SigningKeyView: Sendable, Hashable, JSONView {
    /// 16 hex characters.
    public var keyID: String
    /// The public key text (`-----BEGIN CLEARANCE PUBLIC KEY-----`).
    public var publicKeyText: String
    public var createdAt: String
    public var createdBy: String
    /// Where the private key file is, when known to this call (key initialisation).
    public var privateKeyPath: String?
    /// Where the public key file was written, when known to this call.
    public var publicKeyPath: String?
    /// False when `keys init` found an existing key file and only registered it.
    public var created: Bool = false

    enum CodingKeys: String, CodingKey {
        case keyID = "key_id", publicKeyText = "public_key", createdAt = "created_at", createdBy = "created_by"
        case privateKeyPath = "private_key_file", created, publicKeyPath = "public_key_file"
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(keyID, forKey: .keyID); try c.encode(publicKeyText, forKey: .publicKeyText)
        try c.encode(createdAt, forKey: .createdAt); try c.encode(createdBy, forKey: .createdBy)
        if let privateKeyPath { try c.encode(privateKeyPath, forKey: .privateKeyPath); try c.encode(created, forKey: .created) }
        try c.encodeIfPresent(publicKeyPath, forKey: .publicKeyPath)
    }
}
