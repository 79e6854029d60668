import Foundation
import GRDB

/// Derived images of an attachment (normalised copy, thumbnail), kept apart from the originals.
///
/// ```swift
/// try RenditionStore.insert(db, attachmentID: info.id, kind: .thumbnail, png: thumb, width: 256, height: 171)
/// let png = try RenditionStore.bytes(db, attachmentID: info.id, kind: .thumbnail)
/// ```
public enum RenditionStore {
    /// Stores one rendition of an attachment.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction (the one storing the original).
    ///   - attachmentID: The original's id.
    ///   - kind: Normalised copy or thumbnail.
    ///   - png: The PNG bytes.
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    /// - Returns: The stored rendition's metadata.
    /// - Throws: A database error (unknown attachment, or this kind already stored for it).
    @discardableResult
    public static func insert(_ db: Database, attachmentID: Int64, kind: RenditionKind, png: Data,
                              width: Int, height: Int, mediaType: String = "image/png") throws -> RenditionInfo {
        try db.execute(sql: """
            INSERT INTO attachment_renditions (attachment_id, kind, media_type, width, height, byte_size, bytes)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [attachmentID, kind.rawValue, mediaType, width, height, Int64(png.count), png])
        return RenditionInfo(id: db.lastInsertedRowID, attachmentId: attachmentID, kind: kind, mediaType: mediaType,
                             width: width, height: height, byteSize: Int64(png.count))
    }

    /// The renditions of an attachment, metadata only, normalised first.
    public static func infos(_ db: Database, attachmentID: Int64) throws -> [RenditionInfo] {
        try RenditionInfo.filter(Column("attachment_id") == attachmentID).order(Column("kind")).fetchAll(db)
    }

    /// The PNG bytes of one rendition, or nil when it was not stored.
    public static func bytes(_ db: Database, attachmentID: Int64, kind: RenditionKind) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT bytes FROM attachment_renditions WHERE attachment_id = ? AND kind = ?",
                          arguments: [attachmentID, kind.rawValue])
    }
}
