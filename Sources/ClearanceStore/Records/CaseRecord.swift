import GRDB

/// A row of `cases`: one health-assessment episode of a person for a programme.
public struct CaseRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "cases"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case personId = "person_id"
        case programme
        case purpose
        case site
        case status
        case openedAt = "opened_at"
        case openedBy = "opened_by"
    }

    public var id: Int64?
    public var personId: Int64
    /// Programme id (`us-panel`, `uk-tb`, `gcc-labour`, `iom-fit-to-travel`).
    public var programme: String
    /// `resettlement`, `labour`, `family`, `student`.
    public var purpose: String
    /// Clinic site code.
    public var site: String
    public var status: CaseStatus
    public var openedAt: String
    public var openedBy: String

    public init(id: Int64? = nil, personId: Int64, programme: String, purpose: String, site: String,
                status: CaseStatus = .open, openedAt: String, openedBy: String) {
        self.id = id; self.personId = personId; self.programme = programme; self.purpose = purpose
        self.site = site; self.status = status; self.openedAt = openedAt; self.openedBy = openedBy
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
