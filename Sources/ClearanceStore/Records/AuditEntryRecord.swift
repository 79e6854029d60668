import ClearanceCore
import Crypto
import Foundation
import GRDB

/// A row of `audit_log`: one hash-chained, append-only entry.
///
/// `hash` = SHA-256 hex of `prev_hash` followed by ``canonicalContent``; the first entry's
/// `prev_hash` is ``AuditLog/genesisHash``.
public struct AuditEntryRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit_log"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case at
        case username
        case action
        case entityType = "entity_type"
        case entityId = "entity_id"
        case detail
        case prevHash = "prev_hash"
        case hash
        case content
    }

    public var id: Int64
    /// ISO 8601 UTC time from the injected clock (``StoreTimestamp``).
    public var at: String
    public var username: String
    public var action: String
    public var entityType: String
    public var entityId: String
    /// JSON object text.
    public var detail: String
    public var prevHash: String
    public var hash: String
    /// What the entry wrote: `kind id=sha256` per row, one a line (``AuditContent``); nil for an
    /// entry that wrote no clinical row (a sign-in, an export) and for entries written before
    /// `v10-audit-digests`. Covered by `hash` when present.
    public var content: String?

    public init(id: Int64, at: String, username: String, action: String, entityType: String, entityId: String,
                detail: String, prevHash: String, hash: String, content: String? = nil) {
        self.id = id; self.at = at; self.username = username; self.action = action; self.entityType = entityType
        self.entityId = entityId; self.detail = detail; self.prevHash = prevHash; self.hash = hash; self.content = content
    }

    /// Every field but the hashes, each length-prefixed (`<utf8 bytes>:<text>`) so that no two
    /// different rows share a content string; `content` last, only when present.
    public var canonicalContent: String {
        ([String(id), at, username, action, entityType, entityId, detail] + (content.map { [$0] } ?? []))
            .map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }

    /// The hash this row should have, given its `prevHash`.
    public var computedHash: String {
        var canonical = AuditCanonicalBytes()
        var prev = prevHash
        prev.withUTF8 { canonical.start(prevHash: UnsafeRawBufferPointer($0), id: id) }
        for var part in [at, username, action, entityType, entityId, detail] + (content.map { [$0] } ?? []) {
            part.withUTF8 { canonical.add(UnsafeRawBufferPointer($0)) }
        }
        return String(decoding: canonical.hashHex(), as: UTF8.self)
    }
}

/// The bytes an audit entry's hash covers, the one definition for writing an entry and walking
/// the chain: `prev_hash`, then ``AuditEntryRecord/canonicalContent`` (each field as
/// `<utf8 bytes>:<text>`, joined by `|`), built in one reused buffer.
struct AuditCanonicalBytes {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    /// Starts an entry: its `prev_hash` and its id (the first field).
    mutating func start<Prev: Collection<UInt8>>(prevHash: Prev, id: Int64) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: prevHash)
        var digits: [UInt8] = []
        var n = id.magnitude
        repeat { digits.append(UInt8(ascii: "0") + UInt8(n % 10)); n /= 10 } while n > 0
        if id < 0 { digits.append(UInt8(ascii: "-")) }
        length(digits.count)
        bytes.append(contentsOf: digits.reversed())
    }

    /// Adds the next field.
    mutating func add(_ field: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "|"))
        length(field.count)
        bytes.append(contentsOf: field)
    }

    /// `<count>:`
    private mutating func length(_ count: Int) {
        var divisor = 1
        while divisor <= count / 10 { divisor *= 10 }
        var rest = count
        while divisor > 0 { bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor)); rest %= divisor; divisor /= 10 }
        bytes.append(UInt8(ascii: ":"))
    }

    /// SHA-256 of the bytes, as 64 lower-case hex digits.
    func hashHex() -> [UInt8] {
        let digest = SHA256.hash(data: bytes)
        return digest.withUnsafeBytes { Array($0.hexString.utf8) }
    }
}
