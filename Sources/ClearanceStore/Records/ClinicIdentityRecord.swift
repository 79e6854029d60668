import GRDB

/// The row of `clinic_identity`: who the clinic is, as its certificates print it.
public struct ClinicIdentityRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "clinic_identity"
    public enum CodingKeys: String, CodingKey {
        case id, name, address
        case siteCode = "site_code"
        case updatedAt = "updated_at"
        case updatedBy = "updated_by"
    }

    /// Always 1: there is one clinic identity per database.
    public var id: Int64 = 1
    public var name: String
    /// One line; may be empty.
    public var address: String
    public var siteCode: String
    public var updatedAt: String
    public var updatedBy: String

    public init(name: String, address: String, siteCode: String, updatedAt: String, updatedBy: String) {
        self.name = name; self.address = address; self.siteCode = siteCode
        self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }
}
