import ClearanceCore
import Foundation
import GRDB

/// Staff accounts: creation, password checks, roles, disabling.
///
/// Policy stays with the caller: `authenticate` says what happened and the service writes
/// the `login` / `login-failed` audit entry in the same transaction.
public struct UserStore: Sendable {
    /// The hasher for new passwords; verification reads the parameters stored with each hash.
    public var hasher: PasswordHasher

    public init(hasher: PasswordHasher = PasswordHasher()) { self.hasher = hasher }

    /// The outcome of a login attempt. Tell the user only "wrong username or password".
    public enum Authentication: Hashable, Sendable {
        case success(UserRecord)
        case unknownUser
        case wrongPassword
        case disabled
    }

    /// Creates a user.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - username: Unique, non-empty, no whitespace.
    ///   - displayName: The name shown and printed.
    ///   - password: At least 8 characters.
    ///   - roles: One or more roles.
    ///   - registrationNumber: For medical officers.
    ///   - at: The injected clock's now.
    /// - Returns: The new user.
    /// - Throws: ``StoreError`` for a taken or malformed username, a short password or no role.
    @discardableResult
    public func create(_ db: Database, username: String, displayName: String, password: String, roles: Set<Role>,
                       registrationNumber: String? = nil, at: Date) throws -> UserRecord {
        guard !username.isEmpty, !username.contains(where: { $0.isWhitespace }), username.count <= 64 else {
            throw StoreError.invalidInput(field: "username", reason: "'\(username)' must be 1 to 64 characters without spaces")
        }
        guard !password.isEmpty else {
            throw StoreError.invalidInput(field: "password", reason: "must not be empty")
        }
        guard !roles.isEmpty else {
            throw StoreError.invalidInput(field: "roles", reason: "give the user at least one role")
        }
        if try fetch(db, username: username) != nil { throw StoreError.duplicate(entity: "user", key: username) }
        var user = UserRecord(username: username, displayName: displayName, passwordHash: try hasher.hash(password),
                              roles: roles, registrationNumber: registrationNumber,
                              createdAt: StoreTimestamp.string(from: at))
        try user.insert(db)
        return user
    }

    /// The user with this username, or nil.
    public func fetch(_ db: Database, username: String) throws -> UserRecord? {
        try UserRecord.filter(Column("username") == username).fetchOne(db)
    }

    /// Checks a username and password.
    ///
    /// An unknown username costs the same hashing time as a known one. A stored hash that is
    /// older than ``hasher`` is upgraded when the password is right (needs a write transaction;
    /// in a read-only one the upgrade is skipped).
    ///
    /// - Returns: What happened; ``Authentication/success(_:)`` carries the user.
    /// - Throws: A database error only; an unreadable stored hash counts as a wrong password.
    public func authenticate(_ db: Database, username: String, password: String) throws -> Authentication {
        guard let user = try fetch(db, username: username) else {
            _ = try? hasher.verify(password, against: Self.dummyHash(hasher))
            return .unknownUser
        }
        if user.disabled {
            // Checked before the password, with the same hashing cost: a disabled account gives
            // the same answer, in the same time, whatever password is tried.
            _ = try? hasher.verify(password, against: Self.dummyHash(hasher))
            return .disabled
        }
        guard (try? hasher.verify(password, against: user.passwordHash)) == true else { return .wrongPassword }
        if hasher.needsRehash(user.passwordHash), let id = user.id, let upgraded = try? hasher.hash(password) {
            // Fails harmlessly in a read-only access; the old hash stays valid.
            try? db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [upgraded, id])
        }
        return .success(user)
    }

    /// Replaces a user's password. The length policy is the caller's (the service's).
    /// - Throws: ``StoreError`` for an empty password or an unknown user.
    public func setPassword(_ db: Database, username: String, password: String) throws {
        guard !password.isEmpty else { throw StoreError.invalidInput(field: "password", reason: "must not be empty") }
        try db.execute(sql: "UPDATE users SET password_hash = ? WHERE username = ?", arguments: [try hasher.hash(password), username])
        guard db.changesCount == 1 else { throw StoreError.notFound(entity: "user", id: username) }
    }

    /// Replaces a user's roles.
    /// - Throws: ``StoreError`` for an empty set or an unknown user.
    public func setRoles(_ db: Database, username: String, roles: Set<Role>) throws {
        guard !roles.isEmpty else { throw StoreError.invalidInput(field: "roles", reason: "give the user at least one role") }
        try db.execute(sql: "UPDATE users SET roles = ? WHERE username = ?", arguments: [UserRecord.encodeRoles(roles), username])
        guard db.changesCount == 1 else { throw StoreError.notFound(entity: "user", id: username) }
    }

    /// Disables or re-enables a user (users are never deleted: the audit log names them).
    /// - Throws: ``StoreError`` for an unknown user.
    public func setDisabled(_ db: Database, username: String, _ disabled: Bool) throws {
        try db.execute(sql: "UPDATE users SET disabled = ? WHERE username = ?", arguments: [disabled, username])
        guard db.changesCount == 1 else { throw StoreError.notFound(entity: "user", id: username) }
    }

    /// Changes a user's display name, roles and registration number; nil leaves a field as it is.
    ///
    /// - Parameters:
    ///   - registrationNumber: `.some(nil)` clears the number.
    /// - Returns: The user before and after the change.
    /// - Throws: ``StoreError`` for an unknown user, an empty display name or no role.
    public func update(_ db: Database, username: String, displayName: String? = nil, roles: Set<Role>? = nil,
                       registrationNumber: String?? = nil) throws -> (before: UserRecord, after: UserRecord) {
        guard let before = try fetch(db, username: username) else { throw StoreError.notFound(entity: "user", id: username) }
        var after = before
        if let displayName {
            guard !displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StoreError.invalidInput(field: "display name", reason: "must not be empty")
            }
            after.displayName = displayName
        }
        if let roles {
            guard !roles.isEmpty else { throw StoreError.invalidInput(field: "roles", reason: "give the user at least one role") }
            after.roles = UserRecord.encodeRoles(roles)
        }
        if let registrationNumber { after.registrationNumber = registrationNumber }
        try db.execute(sql: "UPDATE users SET display_name = ?, roles = ?, registration_number = ? WHERE id = ?",
                       arguments: [after.displayName, after.roles, after.registrationNumber, before.id])
        return (before, after)
    }

    /// How many enabled accounts hold the administrator role.
    public func enabledAdministratorCount(_ db: Database) throws -> Int {
        try all(db).filter { !$0.disabled && $0.roleSet.contains(.admin) }.count
    }

    /// Every user, by username.
    public func all(_ db: Database) throws -> [UserRecord] {
        try UserRecord.order(Column("username")).fetchAll(db)
    }

    static func dummyHash(_ hasher: PasswordHasher) -> String {
        let zeros = Data(repeating: 0, count: hasher.keyLength).base64EncodedString()
        return "\(PasswordHasher.prefix)$\(hasher.iterations)$\(Data(repeating: 0, count: hasher.saltLength).base64EncodedString())$\(zeros)"
    }
}
