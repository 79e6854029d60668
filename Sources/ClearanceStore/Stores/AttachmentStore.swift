import ClearanceCore
import Crypto
import Foundation
import GRDB

/// Original files (photos, X-ray images) kept byte for byte with their SHA-256, media type and size.
public enum AttachmentStore {
    /// Stores `bytes` unchanged and returns the new attachment's description.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - bytes: The original file content.
    ///   - mediaType: `image/png`, ...
    ///   - kind: What it is (`photo`, `chest-x-ray`).
    ///   - personID: The person it belongs to, if any.
    ///   - encounterID: The encounter it belongs to, if any.
    ///   - username: Who added it.
    ///   - at: The injected clock's now.
    /// - Returns: The stored attachment's metadata (with its new id).
    /// - Throws: A database error (unknown person or encounter id).
    @discardableResult
    public static func insert(_ db: Database, bytes: Data, mediaType: String, kind: String,
                              personID: Int64? = nil, encounterID: Int64? = nil,
                              by username: String, at: Date) throws -> AttachmentInfo {
        let digest = SHA256.hash(data: bytes).hexString
        let created = StoreTimestamp.string(from: at)
        try db.execute(sql: """
            INSERT INTO attachments (person_id, encounter_id, kind, media_type, byte_size, sha256, bytes, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [personID, encounterID, kind, mediaType, Int64(bytes.count), digest, bytes, created, username])
        return AttachmentInfo(id: db.lastInsertedRowID, personId: personID, encounterId: encounterID, kind: kind,
                              mediaType: mediaType, byteSize: Int64(bytes.count), sha256: digest,
                              createdAt: created, createdBy: username)
    }

    /// The attachment's metadata (no bytes), or nil.
    public static func info(_ db: Database, id: Int64) throws -> AttachmentInfo? {
        try AttachmentInfo.fetchOne(db, key: id)
    }

    /// The attachments of an encounter, metadata only.
    public static func infos(_ db: Database, encounterID: Int64) throws -> [AttachmentInfo] {
        try AttachmentInfo.filter(Column("encounter_id") == encounterID).order(Column("id")).fetchAll(db)
    }

    /// The original bytes of an attachment, or nil when there is no such attachment.
    public static func bytes(_ db: Database, id: Int64) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT bytes FROM attachments WHERE id = ?", arguments: [id])
    }
}
