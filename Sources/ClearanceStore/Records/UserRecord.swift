import ClearanceCore
import Foundation
import GRDB

/// A row of `users`: a clinic staff account.
///
/// `roles` is a JSON array of role names (`["nurse","medical-officer"]`); use ``roleSet``.
public struct UserRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "users"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case username
        case displayName = "display_name"
        case passwordHash = "password_hash"
        case roles
        case registrationNumber = "registration_number"
        case disabled
        case createdAt = "created_at"
    }

    public var id: Int64?
    public var username: String
    public var displayName: String
    /// ``PasswordHasher`` output; never the password.
    public var passwordHash: String
    /// JSON array of ``ClearanceCore/Role`` names.
    public var roles: String
    /// The medical officer's professional registration number (printed on certificates).
    public var registrationNumber: String?
    public var disabled: Bool
    public var createdAt: String

    public init(id: Int64? = nil, username: String, displayName: String, passwordHash: String, roles: Set<Role>,
                registrationNumber: String? = nil, disabled: Bool = false, createdAt: String) {
        self.id = id; self.username = username; self.displayName = displayName; self.passwordHash = passwordHash
        self.roles = UserRecord.encodeRoles(roles); self.registrationNumber = registrationNumber
        self.disabled = disabled; self.createdAt = createdAt
    }

    /// The roles held; unknown names (from a newer version) are ignored.
    public var roleSet: Set<Role> {
        let names = (try? JSONDecoder().decode([String].self, from: Data(roles.utf8))) ?? []
        return Set(names.compactMap { Role(name: $0) })
    }

    static func encodeRoles(_ roles: Set<Role>) -> String {
        (try? ValueCoding.text(roles.sorted().map(\.rawValue))) ?? "[]"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
