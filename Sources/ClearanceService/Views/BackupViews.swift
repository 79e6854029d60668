import ClearanceStore

/// `backup --json`: the archive written, its digest and size, the database size and the manifest.
public struct BackupResultView: JSONView, Sendable {
    public var result: BackupResult
    public init(_ result: BackupResult) { self.result = result }

    enum CodingKeys: String, CodingKey { case file, sha256, bytes, databaseBytes = "database_bytes", manifest }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(result.path, forKey: .file); try c.encode(result.digest, forKey: .sha256)
        try c.encode(result.bytes, forKey: .bytes); try c.encode(result.databaseBytes, forKey: .databaseBytes)
        try c.encode(result.manifest, forKey: .manifest)
    }
}

/// `restore --json`: the database restored, the audit entries verified, the signing key restored
/// (null when none), the archive's digest and the manifest.
public struct RestoreResultView: JSONView, Sendable {
    public var result: RestoreResult
    public init(_ result: RestoreResult) { self.result = result }

    enum CodingKeys: String, CodingKey { case database, auditEntriesVerified = "audit_entries_verified", signingKey = "signing_key", sha256, manifest }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(result.databasePath, forKey: .database); try c.encode(result.auditEntriesVerified, forKey: .auditEntriesVerified)
        try c.encode(result.signingKeyPath, forKey: .signingKey); try c.encode(result.digest, forKey: .sha256)
        try c.encode(result.manifest, forKey: .manifest)
    }
}

/// `backup check --json`: the archive's digest, size and header; whether it was opened, and then
/// its verified audit entries and manifest (null when not opened).
extension BackupCheck: JSONView {
    enum CodingKeys: String, CodingKey {
        case file, sha256, bytes, createdAt = "created_at", contents, lockedWith = "locked_with", opened
        case auditEntriesVerified = "audit_entries_verified", manifest
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .file); try c.encode(digest, forKey: .sha256); try c.encode(bytes, forKey: .bytes)
        try c.encode(header.createdAt, forKey: .createdAt); try c.encode(header.contents, forKey: .contents)
        try c.encode(header.lockedWith, forKey: .lockedWith); try c.encode(manifest != nil, forKey: .opened)
        try c.encode(auditEntriesVerified, forKey: .auditEntriesVerified); try c.encode(manifest, forKey: .manifest)
    }
}
