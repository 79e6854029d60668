import GRDB

/// A row of `persons`: the examined person's identity as written on their travel document.
///
/// Dates are `YYYY-MM-DD` text; `documentKey` is the normalized document number used for exact
/// lookup (see ``PersonSearch/documentKey(_:)``). Insert through ``PersonStore/insert(_:_:)`` so the
/// name search keys are written with it.
public struct PersonRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "persons"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case surname
        case givenNames = "given_names"
        case dateOfBirth = "date_of_birth"
        case sex
        case nationality
        case documentType = "document_type"
        case documentNumber = "document_number"
        case documentKey = "document_key"
        case documentExpiry = "document_expiry"
        case guardian
        case photoAttachmentId = "photo_attachment_id"
        case createdAt = "created_at"
        case createdBy = "created_by"
    }

    public var id: Int64?
    public var surname: String
    public var givenNames: String
    /// `YYYY-MM-DD`.
    public var dateOfBirth: String
    public var sex: Sex
    /// ISO 3166-1 alpha-3 (`SOM`, `AFG`).
    public var nationality: String
    public var documentType: DocumentType
    public var documentNumber: String
    /// ``documentNumber`` normalized for exact lookup; set from it by the initializer.
    public var documentKey: String
    /// `YYYY-MM-DD`, when the document has one.
    public var documentExpiry: String?
    /// The guardian of a minor (name and relationship).
    public var guardian: String?
    public var photoAttachmentId: Int64?
    public var createdAt: String
    /// Username of the user who registered the person.
    public var createdBy: String

    public init(id: Int64? = nil, surname: String, givenNames: String, dateOfBirth: String, sex: Sex,
                nationality: String, documentType: DocumentType, documentNumber: String,
                documentExpiry: String? = nil, guardian: String? = nil, photoAttachmentId: Int64? = nil,
                createdAt: String, createdBy: String) {
        self.id = id; self.surname = surname; self.givenNames = givenNames; self.dateOfBirth = dateOfBirth
        self.sex = sex; self.nationality = nationality; self.documentType = documentType
        self.documentNumber = documentNumber; self.documentKey = PersonSearch.documentKey(documentNumber)
        self.documentExpiry = documentExpiry; self.guardian = guardian
        self.photoAttachmentId = photoAttachmentId; self.createdAt = createdAt; self.createdBy = createdBy
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
