import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// How many users exist (0 on a new database).
    public func userCount() throws -> Int { try read { db in try users.all(db).count } }

    /// The shortest password accepted for a real account (the demo database is exempt).
    public static let minimumPasswordLength = PasswordPolicy.minimumLength

    /// Creates the first administrator of a new database. Refused once any user exists.
    public func createFirstAdmin(username: String, displayName: String, password: String) throws {
        try PasswordPolicy.check(password, username: username)
        try createFirstAdmin(username: username, displayName: displayName, password: password, checked: true)
    }

    func createFirstAdmin(username: String, displayName: String, password: String, checked: Bool) throws {
        try write { db in
            guard try users.all(db).isEmpty else { throw ServiceError.conflict("the database already has users; sign in as an administrator and use `clearance user add`") }
            try users.create(db, username: username, displayName: displayName, password: password, roles: [.admin], at: clock.now)
            try audit(db, nil, "create", "user", username, ["roles": ["admin"], "first_admin": true])
        }
    }

    /// Adds a staff account (administrators only).
    public func addUser(username: String, displayName: String, roles: Set<Role>, registrationNumber: String?,
                        password: String, by session: Session) throws -> UserView {
        try PasswordPolicy.check(password, username: username)
        return try addUser(username: username, displayName: displayName, roles: roles, registrationNumber: registrationNumber,
                           password: password, by: session, checked: true)
    }

    func addUser(username: String, displayName: String, roles: Set<Role>, registrationNumber: String?,
                 password: String, by session: Session, checked: Bool) throws -> UserView {
        try session.require(.manageUsers)
        return try write { db in
            let u = try users.create(db, username: username, displayName: displayName, password: password, roles: roles,
                                     registrationNumber: registrationNumber, at: clock.now)
            try audit(db, session, "create", "user", username, ["roles": roles.map(\.rawValue).sorted()])
            return UserView(id: u.id ?? 0, username: u.username, displayName: u.displayName, roles: u.roleSet, registrationNumber: u.registrationNumber)
        }
    }

    /// Every staff account (administrators only).
    public func listUsers(by session: Session) throws -> [UserView] {
        try session.require(.manageUsers)
        return try read { db in
            try users.all(db).map { try userView(db, $0) }
        }
    }
}
