import ClearanceCore

/// A signed-in user. Every service call takes one; privileges are checked against its roles.
public struct Session: Sendable, Hashable {
    public var userID: Int64
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    /// Medical council registration number (medical officers; printed on certificates).
    public var registrationNumber: String?
    /// The user's language (`en`, `fr`, `es`) for messages about answers (``ModuleContext/language``);
    /// never of what is stored. The front end sets it from `--lang` or the locale.
    public var language: String = "en"

    public init(userID: Int64, username: String, displayName: String, roles: Set<Role>, registrationNumber: String? = nil) {
        self.userID = userID; self.username = username; self.displayName = displayName
        self.roles = roles; self.registrationNumber = registrationNumber
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
    public func hasAny(_ roles: Set<Role>) -> Bool { !self.roles.isDisjoint(with: roles) }
}
