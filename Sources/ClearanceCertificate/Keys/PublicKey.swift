import Crypto
import Foundation

/// A clinic's Ed25519 public key: what anyone needs to verify its certificates offline.
///
/// Exported as text (`-----BEGIN CLEARANCE PUBLIC KEY-----`, a `Key-Id:` line, base64 of the
/// raw 32 bytes) so it can be mailed, printed or published.
///
/// ```swift
/// let text = signingKey.publicKey.exportText()
/// let key = try CertificatePublicKey(text: text)
/// ```
public struct CertificatePublicKey: Sendable {
    static let label = "CLEARANCE PUBLIC KEY"

    let key: Curve25519.Signing.PublicKey

    /// The key id (first 8 bytes of SHA-256 of the raw public key, hex).
    public let keyID: KeyID

    /// The raw 32-byte public key.
    public var rawRepresentation: Data { key.rawRepresentation }

    init(key: Curve25519.Signing.PublicKey) {
        self.key = key
        keyID = KeyID(rawPublicKey: key.rawRepresentation)
    }

    /// Creates a key from its raw 32 bytes.
    /// - Throws: `CertificateError` when the bytes are not an Ed25519 public key.
    public init(rawRepresentation: Data) throws {
        do {
            self.init(key: try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation))
        } catch {
            throw CertificateError(.publicKeyMalformed(reason: "expected 32 raw key bytes, found \(rawRepresentation.count)"))
        }
    }

    /// Parses text written by `exportText()`.
    ///
    /// A `Key-Id:` line, when present, must match the key itself (a mismatch means the file was
    /// edited or mixed up).
    /// - Throws: `CertificateError` naming what is wrong with the text.
    public init(text: String) throws {
        switch ArmoredText.decode(label: Self.label, text: text) {
        case .failure(let failure):
            throw CertificateError(.publicKeyMalformed(reason: failure.reason))
        case .success(let (headerID, bytes)):
            try self.init(rawRepresentation: bytes)
            if let headerID, headerID != keyID {
                throw CertificateError(.publicKeyMalformed(
                    reason: "Key-Id line says \(headerID.hex) but the key's id is \(keyID.hex)"))
            }
        }
    }

    /// The key as text, ready to write to a `.pub` file.
    public func exportText() -> String {
        ArmoredText.encode(label: Self.label, keyID: keyID, bytes: key.rawRepresentation)
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` under this key.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        key.isValidSignature(signature, for: message)
    }
}
