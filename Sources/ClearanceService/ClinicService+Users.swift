import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Signs a user in; every attempt is audited (`login` or `login-failed`).
    /// - Throws: ``ServiceError`` authentication error that does not say which part was wrong.
    public func signIn(username: String, password: String) throws -> Session {
        let result = try read { db in try users.authenticate(db, username: username, password: password) }
        switch result {
        case .success(let user):
            try write { db in try audit(db, nil, "login", "user", user.username, ["user": user.username]) }
            return Session(userID: user.id ?? 0, username: user.username, displayName: user.displayName,
                           roles: user.roleSet, registrationNumber: user.registrationNumber)
        case .disabled:
            try write { db in try audit(db, nil, "login-failed", "user", username, ["reason": "disabled"]) }
            throw ServiceError.authentication("sign-in failed for '\(username)': the account is disabled; ask an administrator")
        case .unknownUser, .wrongPassword:
            try write { db in try audit(db, nil, "login-failed", "user", username, [:]) }
            throw ServiceError.authentication("sign-in failed for '\(username)': wrong user name or password (CLEARANCE_USER / CLEARANCE_PASSWORD)")
        }
    }

    /// How many users exist (0 on a new database).
    public func userCount() throws -> Int { try read { db in try users.all(db).count } }

    /// The shortest password accepted for a real account (the demo database is exempt).
    public static let minimumPasswordLength = 8

    /// Creates the first administrator of a new database. Refused once any user exists.
    public func createFirstAdmin(username: String, displayName: String, password: String) throws {
        try checkPassword(password)
        try createFirstAdmin(username: username, displayName: displayName, password: password, checked: true)
    }

    func checkPassword(_ password: String) throws {
        guard password.count >= ClinicService.minimumPasswordLength else {
            throw ServiceError.invalid(field: "password", "use at least \(ClinicService.minimumPasswordLength) characters")
        }
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
        try checkPassword(password)
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
            try users.all(db).map { UserView(id: $0.id ?? 0, username: $0.username, displayName: $0.displayName, roles: $0.roleSet, registrationNumber: $0.registrationNumber) }
        }
    }
}
