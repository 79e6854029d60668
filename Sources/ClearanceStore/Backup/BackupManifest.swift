import Foundation

/// What a backup holds, written last inside it (encrypted): each entry's size and SHA-256,
/// and the snapshot's row counts and audit head, so a restore can prove it got the same data.
public struct BackupManifest: Codable, Hashable, Sendable {
    /// One payload entry.
    public struct EntryInfo: Codable, Hashable, Sendable {
        public var name: String
        public var size: Int
        public var sha256: String
    }

    /// Format of this manifest.
    public var format: Int = 1
    /// When the snapshot was taken (store timestamp).
    public var takenAt: String
    /// Who made it.
    public var madeBy: String
    /// Rows per table in the snapshot.
    public var tables: [String: Int]
    /// The snapshot's audit head (nil for an empty log).
    public var auditHead: AuditHead?
    /// The migrations applied to the snapshot.
    public var migrations: [String]
    /// The entries, in payload order (filled in by ``BackupArchive/write(to:entries:manifest:recipients:createdAt:)``).
    public var entries: [EntryInfo] = []

    /// Audit entries in the snapshot.
    public var auditEntries: Int { tables["audit_log"] ?? 0 }

    enum CodingKeys: String, CodingKey {
        case format, takenAt = "taken_at", madeBy = "made_by", tables, auditHead = "audit_head", migrations, entries
    }
}
