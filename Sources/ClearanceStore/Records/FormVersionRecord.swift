import GRDB

/// A row of `form_versions`: one published form, kept byte for byte so that every encounter is
/// shown with the form it was recorded with.
public struct FormVersionRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "form_versions"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case moduleId = "module_id"
        case moduleVersion = "module_version"
        case formVersion = "form_version"
        case formHash = "form_hash"
        case definition
        case firstUsedAt = "first_used_at"
    }

    public var id: Int64?
    public var moduleId: String
    public var moduleVersion: String
    public var formVersion: String
    /// SHA-256 hex of ``definition`` (``ClearanceCore/FormSpec/hash``); unique.
    public var formHash: String
    /// The form file's text.
    public var definition: String
    public var firstUsedAt: String

    public init(id: Int64? = nil, moduleId: String, moduleVersion: String, formVersion: String,
                formHash: String, definition: String, firstUsedAt: String) {
        self.id = id; self.moduleId = moduleId; self.moduleVersion = moduleVersion
        self.formVersion = formVersion; self.formHash = formHash; self.definition = definition
        self.firstUsedAt = firstUsedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
