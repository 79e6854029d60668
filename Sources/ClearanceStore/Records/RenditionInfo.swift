import GRDB

/// Which derived image of an attachment a rendition is.
public enum RenditionKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// The whole image as an 8-bit, non-interlaced PNG (what viewers and PDFs use).
    case normalised
    /// A reduced PNG whose longest side is at most 256 pixels (lists and previews).
    case thumbnail
}

/// A row of `attachment_renditions` without its bytes.
///
/// Fetch the PNG itself with ``RenditionStore/bytes(_:attachmentID:kind:)``.
public struct RenditionInfo: Codable, Hashable, Sendable, FetchableRecord, TableRecord {
    public static let databaseTableName = "attachment_renditions"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    /// Every column but `bytes`.
    public static let databaseSelection: [any SQLSelectable] = [
        Column("id"), Column("attachment_id"), Column("kind"), Column("media_type"),
        Column("width"), Column("height"), Column("byte_size"),
    ]

    public var id: Int64
    /// The original this image was derived from.
    public var attachmentId: Int64
    public var kind: RenditionKind
    /// `image/png`.
    public var mediaType: String
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Size of the PNG in bytes.
    public var byteSize: Int64
}
