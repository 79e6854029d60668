import ClearanceCertificate
import ClearanceStore
import Foundation

/// The audit chain's head, signed with the clinic key: a small text file kept away from the
/// database (printed, mailed to the head office, on a USB stick in a safe).
///
/// Someone with the database file can rewrite the log and recompute every hash; they cannot
/// change an anchor they do not hold. `audit verify --anchor F` then finds the anchored entry
/// missing (the newest entries deleted) or with another hash (the chain recomputed).
///
/// ```text
/// clearance audit anchor 1
/// entry: 812
/// hash: 5f0c...e1
/// taken: 2026-11-20T09:30:00.000Z
/// key: 3b1f09c2a4d5e6f7
/// signature: 9a8b...(128 hex digits, Ed25519 over the lines above)
/// ```
public struct AuditAnchor: Hashable, Sendable {
    /// The first line of an anchor file.
    public static let header = "clearance audit anchor 1"

    /// The anchored entry's id and hash.
    public var head: AuditHead
    /// When it was taken (store timestamp).
    public var taken: String
    /// The clinic key that signed it.
    public var keyID: String
    /// Ed25519 signature of ``signedText``.
    public var signature: Data

    /// The lines the signature covers.
    public var signedText: String {
        "\(Self.header)\nentry: \(head.id)\nhash: \(head.hash)\ntaken: \(taken)\nkey: \(keyID)\n"
    }

    /// The whole file.
    public var text: String { signedText + "signature: \(signature.map { String(format: "%02x", $0) }.joined())\n" }

    /// Signs `head` with `key`.
    public init(head: AuditHead, taken: String, key: SigningKey) throws {
        self.head = head; self.taken = taken; self.keyID = key.keyID.hex; self.signature = Data()
        signature = try key.signature(for: Data(signedText.utf8))
    }

    /// Reads an anchor file's text.
    /// - Throws: ``ServiceError/invalid(field:_:)`` naming the file and the line that is wrong.
    public init(text: String, file: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == Self.header else {
            throw ServiceError.invalid(field: "anchor", "\(file) line 1: not an audit anchor (expected '\(Self.header)'); give the file `clearance audit anchor --out` wrote")
        }
        var fields: [String: String] = [:]
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw ServiceError.invalid(field: "anchor", "\(file) line \(n + 1): expected 'name: value', found '\(line.prefix(40))'")
            }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        func field(_ name: String, _ line: Int) throws -> String {
            guard let v = fields[name], !v.isEmpty else {
                throw ServiceError.invalid(field: "anchor", "\(file) line \(line): '\(name):' is missing; the anchor file is incomplete")
            }
            return v
        }
        guard let id = Int64(try field("entry", 2)), id > 0 else { throw ServiceError.invalid(field: "anchor", "\(file) line 2: the entry is not a number") }
        let hash = try field("hash", 3)
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else { throw ServiceError.invalid(field: "anchor", "\(file) line 3: the hash is not 64 hex digits") }
        let hex = try field("signature", 6)
        guard let sig = Self.bytes(hex: hex), sig.count == 64 else {
            throw ServiceError.invalid(field: "anchor", "\(file) line 6: the signature is not 128 hex digits")
        }
        head = AuditHead(id: id, hash: hash); taken = try field("taken", 4); keyID = try field("key", 5); signature = sig
    }

    /// Whether the signature verifies with `publicKey`, and that key is the one named.
    public func isSigned(by publicKey: CertificatePublicKey) -> Bool {
        publicKey.keyID.hex == keyID && publicKey.isValidSignature(signature, for: Data(signedText.utf8))
    }

    static func bytes(hex: String) -> Data? {
        var out = Data(), chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let b = UInt8(String(decoding: chars[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }
}
