import _CryptoExtras
import Crypto
import Foundation

/// Who can open a backup: a passphrase (stretched with scrypt), or the holder of an X25519
/// private key whose public half was given when the backup was made. A backup may name
/// several; any one opens it.
///
/// Each backup has its own random content key; the header keeps one copy of it per
/// recipient, sealed with ChaChaPoly under a key derived from that recipient's secret.
public enum BackupRecipient: Sendable {
    /// A passphrase; at least 12 characters is checked by the caller.
    case passphrase(String)
    /// The public half of a key made with ``BackupIdentity/generate()``.
    case publicKey(Curve25519.KeyAgreement.PublicKey)
}

/// What opens a backup: the passphrase, or the private key of a recipient.
public enum BackupUnlock: Sendable {
    case passphrase(String)
    case privateKey(Curve25519.KeyAgreement.PrivateKey)
}

/// An X25519 key pair for backups, as text files: the private key file (mode 0600) holds
/// `clearance-backup-private-key <base64>`, the public one `clearance-backup-public-key <base64>`.
public enum BackupIdentity {
    static let privatePrefix = "clearance-backup-private-key "
    static let publicPrefix = "clearance-backup-public-key "

    /// A new private key.
    public static func generate() -> Curve25519.KeyAgreement.PrivateKey { Curve25519.KeyAgreement.PrivateKey() }

    /// The private key's file text.
    public static func privateText(_ key: Curve25519.KeyAgreement.PrivateKey) -> String {
        privatePrefix + key.rawRepresentation.base64EncodedString() + "\n"
    }

    /// The public key's file text.
    public static func publicText(_ key: Curve25519.KeyAgreement.PublicKey) -> String {
        publicPrefix + key.rawRepresentation.base64EncodedString() + "\n"
    }

    /// Reads a public key file (or the private key file, whose public half is used).
    /// - Throws: ``BackupError`` naming the file.
    public static func loadPublic(_ url: URL) throws -> Curve25519.KeyAgreement.PublicKey {
        let text = try read(url)
        if text.hasPrefix(privatePrefix) { return try loadPrivate(url).publicKey }
        guard text.hasPrefix(publicPrefix), let raw = Data(base64Encoded: String(text.dropFirst(publicPrefix.count))),
              let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
            throw BackupError.file("\(url.path) is not a backup public key (expected a line '\(publicPrefix)...' written by `clearance backup keygen`)")
        }
        return key
    }

    /// Reads a private key file.
    /// - Throws: ``BackupError`` naming the file.
    public static func loadPrivate(_ url: URL) throws -> Curve25519.KeyAgreement.PrivateKey {
        let text = try read(url)
        guard text.hasPrefix(privatePrefix), let raw = Data(base64Encoded: String(text.dropFirst(privatePrefix.count))),
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) else {
            throw BackupError.file("\(url.path) is not a backup private key (expected a line '\(privatePrefix)...' written by `clearance backup keygen`)")
        }
        return key
    }

    private static func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path), data.count < 4096 else {
            throw BackupError.file("cannot read key file \(url.path)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// One sealed copy of the content key, as stored in the header.
struct BackupKeySlot: Codable, Hashable, Sendable {
    /// `scrypt` or `x25519`.
    var kind: String
    /// scrypt: salt and cost parameters.
    var salt: String?
    var n: Int?
    var r: Int?
    var p: Int?
    /// x25519: the sender's one-time public key and the recipient's public key (base64).
    var ephemeral: String?
    var recipient: String?
    /// The content key sealed with ChaChaPoly (base64 of nonce, ciphertext and tag).
    var sealed: String

    /// scrypt cost: N = 2^15, r = 8 (32 MiB, BoringSSL allows at most 65), 2 lanes run in turn:
    /// about a quarter of a second per guess on a laptop.
    static let scryptN = 1 << 15, scryptR = 8, scryptP = 2
    static let label = Data("clearance-backup content key v1".utf8)

    static func make(for recipient: BackupRecipient, contentKey: SymmetricKey) throws -> BackupKeySlot {
        switch recipient {
        case .passphrase(let text):
            let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
            let kek = try scrypt(text, salt: salt, n: scryptN, r: scryptR, p: scryptP)
            return BackupKeySlot(kind: "scrypt", salt: salt.base64EncodedString(), n: scryptN, r: scryptR, p: scryptP,
                                 sealed: try seal(contentKey, kek))
        case .publicKey(let key):
            let ephemeral = Curve25519.KeyAgreement.PrivateKey()
            let kek = try agreed(ephemeral, key, ephemeralPublic: ephemeral.publicKey)
            return BackupKeySlot(kind: "x25519", ephemeral: ephemeral.publicKey.rawRepresentation.base64EncodedString(),
                                 recipient: key.rawRepresentation.base64EncodedString(), sealed: try seal(contentKey, kek))
        }
    }

    /// The content key, when `unlock` opens this slot; nil when it is another recipient's.
    func open(_ unlock: BackupUnlock) throws -> SymmetricKey? {
        let kek: SymmetricKey
        switch (kind, unlock) {
        case ("scrypt", .passphrase(let text)):
            guard let salt = salt.flatMap({ Data(base64Encoded: $0) }), let n, let r, let p,
                  n >= 2, n <= 1 << 20, n & (n - 1) == 0, r >= 1, r <= 32, p >= 1, p <= 16 else {
                throw BackupError.corrupt("the backup's passphrase slot has unusable scrypt parameters")
            }
            kek = try Self.scrypt(text, salt: salt, n: n, r: r, p: p)
        case ("x25519", .privateKey(let key)):
            guard recipient == key.publicKey.rawRepresentation.base64EncodedString() else { return nil }
            guard let raw = ephemeral.flatMap({ Data(base64Encoded: $0) }),
                  let eph = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
                throw BackupError.corrupt("the backup's key slot has an unreadable one-time key")
            }
            kek = try Self.agreed(key, eph, ephemeralPublic: eph)
        default:
            return nil
        }
        guard let data = Data(base64Encoded: sealed), let box = try? ChaChaPoly.SealedBox(combined: data),
              let raw = try? ChaChaPoly.open(box, using: kek, authenticating: Self.label) else { return nil }
        return SymmetricKey(data: raw)
    }

    static func scrypt(_ text: String, salt: Data, n: Int, r: Int, p: Int) throws -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(from: Array(text.utf8), salt: salt, outputByteCount: 32, rounds: n, blockSize: r, parallelism: p)
        } catch {
            throw BackupError.corrupt("scrypt failed (\(error)); the parameters in the backup may be damaged")
        }
    }

    static func agreed(_ mine: Curve25519.KeyAgreement.PrivateKey, _ theirs: Curve25519.KeyAgreement.PublicKey,
                       ephemeralPublic: Curve25519.KeyAgreement.PublicKey) throws -> SymmetricKey {
        let shared = try mine.sharedSecretFromKeyAgreement(with: theirs)
        let recipient = mine.publicKey.rawRepresentation == ephemeralPublic.rawRepresentation ? theirs : mine.publicKey
        return shared.hkdfDerivedSymmetricKey(using: SHA256.self,
                                              salt: ephemeralPublic.rawRepresentation + recipient.rawRepresentation,
                                              sharedInfo: label, outputByteCount: 32)
    }

    static func seal(_ contentKey: SymmetricKey, _ kek: SymmetricKey) throws -> String {
        let raw = contentKey.withUnsafeBytes { Data($0) }
        return try ChaChaPoly.seal(raw, using: kek, authenticating: label).combined.base64EncodedString()
    }
}
