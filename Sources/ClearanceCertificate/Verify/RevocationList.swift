import ClearanceCore
import Foundation

/// The clinic's signed list of certificates that are no longer current, for offline checks.
///
/// A border desk or employer without the clinic database verifies a certificate with the
/// clinic's public key and a recent list (`clearance certificate revocations --out F`): a
/// revoked or superseded certificate then fails offline. The list holds only certificate ids,
/// their status, the replacing id and the date: no names, no reasons.
///
/// Text form, one line: `CLRREV1:<base64url canonical JSON>.<base64url Ed25519 signature>`,
/// the signature over the text before the dot. The JSON has sorted keys: `entries` (each `by`,
/// `date`, `id`, `status`), `issued_at`, `kid`, `v` = 1.
///
/// ```swift
/// let text = try RevocationList(keyID: key.keyID, issuedAt: "2026-06-01T08:00:00Z", entries: entries).signed(with: key)
/// let list = try RevocationList(text: text, publicKey: key.publicKey)
/// list.status(of: id)   // .revoked
/// ```
public struct RevocationList: Hashable, Sendable {
    static let prefix = "CLRREV1:"

    /// One certificate that is not current.
    public struct Entry: Codable, Hashable, Sendable {
        public var id: String
        /// "revoked" or "superseded".
        public var status: String
        /// The replacing certificate, for a superseded one.
        public var by: String?
        /// When its status changed (a date or store timestamp).
        public var date: String

        public init(id: String, status: String, by: String?, date: String) {
            self.id = id; self.status = status; self.by = by; self.date = date
        }
    }

    struct Wire: Codable {
        var v: Int
        var kid: String
        var issued_at: String
        var entries: [Entry]
    }

    /// The key that signs the list (it must be the key the certificates are checked with).
    public let keyID: KeyID
    /// When the list was made: a certificate revoked later is not on it.
    public let issuedAt: String
    public let entries: [Entry]

    public init(keyID: KeyID, issuedAt: String, entries: [Entry]) {
        self.keyID = keyID; self.issuedAt = issuedAt; self.entries = entries.sorted { $0.id < $1.id }
    }

    /// The signed text.
    /// - Throws: `CertificateError` when `key` is not the list's key or signing fails.
    public func signed(with key: SigningKey) throws -> String {
        guard key.keyID == keyID else {
            throw CertificateError(.payloadMismatch(reason: "the list names key \(keyID.hex) but the signing key is \(key.keyID.hex)"))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = Self.prefix + Base64URL.encode(try encoder.encode(Wire(v: 1, kid: keyID.hex, issued_at: issuedAt, entries: entries)))
        return body + "." + Base64URL.encode(try key.signature(for: Data(body.utf8))) + "\n"
    }

    /// Reads and verifies a list with the clinic's public key.
    /// - Throws: `CertificateError` saying what is wrong: not a list, another key, a bad signature.
    public init(text: String, publicKey: CertificatePublicKey) throws {
        func bad(_ reason: String) -> CertificateError { CertificateError(.revocationList(reason: reason)) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.prefix) else { throw bad("it does not start with \(Self.prefix)") }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let body = Base64URL.decode(parts[0].dropFirst(Self.prefix.count)),
              let signature = Base64URL.decode(parts[1]), signature.count == 64 else {
            throw bad("it is not one CLRREV1 line with a signature")
        }
        let wire = try? JSONDecoder().decode(Wire.self, from: body)
        guard publicKey.isValidSignature(signature, for: Data(parts[0].utf8)) else {
            if let kid = wire?.kid, kid != publicKey.keyID.hex {
                throw bad("it is signed with key \(kid), not with the key given (\(publicKey.keyID.hex)); use the list of the clinic whose key you give")
            }
            throw bad("its signature does not match its content (it was changed); ask the clinic for a new list")
        }
        guard let wire, wire.v == 1, let kid = KeyID(hex: wire.kid), kid == publicKey.keyID else {
            throw bad("its content is not a version-1 list for key \(publicKey.keyID.hex)")
        }
        self.init(keyID: kid, issuedAt: wire.issued_at, entries: wire.entries)
    }

    /// What the list says about `id`: revoked, superseded, or current when not listed.
    public func status(of id: CertificateID) -> CertificateStatus {
        guard let entry = entries.first(where: { $0.id == id.description }) else { return .current }
        if entry.status == "superseded" { return .superseded(by: entry.by.flatMap { CertificateID($0) } ?? id) }
        return .revoked
    }
}
