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
        // The bytes of `prevHash + canonicalContent`, fed without building the string (every
        // save computes one of these).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prevHash.utf8.count + detail.utf8.count + (content?.utf8.count ?? 0) + 160)
        bytes.append(contentsOf: prevHash.utf8)
        let parts = [String(id), at, username, action, entityType, entityId, detail] + (content.map { [$0] } ?? [])
        for (i, part) in parts.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: "|")) }
            bytes.append(contentsOf: String(part.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: part.utf8)
        }
        return SHA256.hash(data: bytes).hexString
    }
}
