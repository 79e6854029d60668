import _CryptoExtras
import Crypto
import Foundation

/// Hashes and verifies passwords with PBKDF2-HMAC-SHA256 and a random salt.
///
/// The stored string describes itself: `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`,
/// so raising ``iterations`` later does not break existing users (``needsRehash(_:)`` says when
/// to re-hash at the next successful login). Verification compares in constant time.
///
/// ```swift
/// let hasher = PasswordHasher()                         // 210,000 iterations
/// let stored = try hasher.hash("correct horse")
/// try hasher.verify("correct horse", against: stored)   // true
/// ```
public struct PasswordHasher: Sendable {
    /// OWASP's minimum for PBKDF2-HMAC-SHA256, and the default.
    public static let defaultIterations = 210_000
    /// Iterations read from a stored hash are capped here (a tampered row must not stall a login).
    public static let maximumIterations = 10_000_000
    static let prefix = "pbkdf2-sha256"

    /// Iterations for new hashes. Tests and demos may use fewer; production keeps the default or more.
    public var iterations: Int
    /// Salt length in bytes.
    public var saltLength: Int = 16
    /// Derived key length in bytes.
    public var keyLength: Int = 32

    public init(iterations: Int = PasswordHasher.defaultIterations) {
        self.iterations = max(1, min(iterations, PasswordHasher.maximumIterations))
    }

    /// Hashes `password` with a fresh random salt.
    ///
    /// - Returns: The self-describing hash string to store.
    /// - Throws: A crypto error (not expected with sane parameters).
    public func hash(_ password: String) throws -> String {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<saltLength).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        let key = try derive(password, salt: salt, iterations: iterations, length: keyLength)
        return [Self.prefix, String(iterations), Data(salt).base64EncodedString(), Data(key).base64EncodedString()]
            .joined(separator: "$")
    }

    /// Whether `password` matches `stored`; constant time in the derived bytes.
    ///
    /// - Throws: ``StoreError`` when `stored` is not a hash this type wrote.
    public func verify(_ password: String, against stored: String) throws -> Bool {
        let parsed = try Self.parse(stored)
        let key = try derive(password, salt: parsed.salt, iterations: parsed.iterations, length: parsed.hash.count)
        return Self.constantTimeEqual(key, parsed.hash)
    }

    /// True when `stored` uses fewer iterations or another key length than this hasher would.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = try? Self.parse(stored) else { return true }
        return parsed.iterations < iterations || parsed.hash.count != keyLength
    }

    // MARK: - Internals

    struct Parsed { var iterations: Int; var salt: [UInt8]; var hash: [UInt8] }

    static func parse(_ stored: String) throws -> Parsed {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == prefix else {
            throw StoreError.badPasswordHash(reason: "expected '\(prefix)$iterations$salt$hash'")
        }
        guard let iterations = Int(parts[1]), iterations >= 1, iterations <= maximumIterations else {
            throw StoreError.badPasswordHash(reason: "iteration count '\(parts[1])' is out of range")
        }
        guard let salt = Data(base64Encoded: String(parts[2])), !salt.isEmpty,
              let hash = Data(base64Encoded: String(parts[3])), hash.count >= 16, hash.count <= 64 else {
            throw StoreError.badPasswordHash(reason: "salt or hash is not valid base64 of a sane length")
        }
        return Parsed(iterations: iterations, salt: Array(salt), hash: Array(hash))
    }

    func derive(_ password: String, salt: [UInt8], iterations: Int, length: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: length, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
