import Foundation

/// A clinic signing key as front ends show it: its id and public half, never the private key.
public struct SigningKeyView: Sendable, Hashable {
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

    public var json: [String: Any] {
        var o: [String: Any] = ["key_id": keyID, "public_key": publicKeyText, "created_at": createdAt, "created_by": createdBy]
        if let privateKeyPath { o["private_key_file"] = privateKeyPath; o["created"] = created }
        if let publicKeyPath { o["public_key_file"] = publicKeyPath }
        return o
    }
}
