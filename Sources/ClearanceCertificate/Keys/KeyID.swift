import ClearanceCore
import Crypto
import Foundation

/// The identifier of a clinic's signing key: the first 8 bytes of SHA-256 of the raw 32-byte
/// Ed25519 public key, as 16 lowercase hex characters.
///
/// ```swift
/// let id = KeyID(rawPublicKey: key.publicKey.rawRepresentation)
/// id.description   // "3f1c0a9be2d47710"
/// ```
public struct KeyID: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The 16 lowercase hex characters.
    public let hex: String

    /// Derives the key id from a raw Ed25519 public key.
    public init(rawPublicKey: Data) {
        let digest = SHA256.hash(data: rawPublicKey)
        hex = digest.prefix(8).hexString
    }

    /// Accepts 16 hex characters (any case); returns nil otherwise.
    public init?(hex text: String) {
        let lower = text.lowercased()
        guard lower.count == 16, lower.allSatisfy({ $0.isHexDigit }) else { return nil }
        hex = lower
    }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = KeyID(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a key id (16 hex characters)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }
}
