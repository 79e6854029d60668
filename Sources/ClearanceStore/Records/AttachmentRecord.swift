import GRDB

/// A row of `attachments` without its bytes: what encounter and person queries read.
///
/// The bytes are fetched only on demand (``AttachmentStore/bytes(_:id:)``), so listing an
/// encounter never loads images.
public struct AttachmentInfo: Codable, Hashable, Sendable, FetchableRecord, TableRecord {
    public static let databaseTableName = "attachments"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    /// Every column but `bytes`.
    public static let databaseSelection: [any SQLSelectable] = [
        Column("id"), Column("person_id"), Column("encounter_id"), Column("kind"), Column("media_type"),
        Column("byte_size"), Column("sha256"), Column("created_at"), Column("created_by"),
    ]

    public var id: Int64
    public var personId: Int64?
    public var encounterId: Int64?
    /// `photo`, `chest-x-ray`, ...
    public var kind: String
    /// `image/png`, ...
    public var mediaType: String
    public var byteSize: Int64
    /// SHA-256 of the original bytes, lowercase hex.
    public var sha256: String
    public var createdAt: String
    public var createdBy: String
}
