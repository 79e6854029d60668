import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// Looking after staff accounts over the years: corrections, disabling, passwords, locks.
/// Everything here is for administrators except ``changeOwnPassword(current:new:by:)``, and
/// every change writes its audit entry in the same transaction.
extension ClinicService {
    /// Changes an account's display name, roles or registration number (administrators).
    ///
    /// The new values take effect at the user's next sign-in (a certificate prints the
    /// registration number of the session that signs it). Nil leaves a field unchanged;
    /// `registrationNumber: .some(nil)` clears it. Audited as `edit` with each changed field's
    /// old and new value.
    ///
    /// ```swift
    /// try service.editUser("drmo", registrationNumber: "MC-55812", by: admin)
    /// ```
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (nothing to change, no role,
    ///   empty name), conflict (it would leave no enabled administrator).
    public func editUser(_ username: String, displayName: String? = nil, roles: Set<Role>? = nil,
                         registrationNumber: String?? = nil, by session: Session) throws -> UserView {
        try session.require(.manageUsers)
        guard displayName != nil || roles != nil || registrationNumber != nil else {
            throw ServiceError.invalid(field: "user edit", "nothing to change: give --name, --roles or --registration")
        }
        let cleanedNumber: String?? = registrationNumber.map { n in
            n.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        }
        return try write { db in
            guard let current = try users.fetch(db, username: username) else { throw Self.noSuchUser(username) }
            if let roles, current.roleSet.contains(.admin), !roles.contains(.admin), !current.disabled,
               try users.enabledAdministratorCount(db) <= 1 {
                throw ServiceError.conflict("\(username) is the only enabled administrator; add another administrator before removing the admin role")
            }
            let (before, after) = try users.update(db, username: username, displayName: displayName, roles: roles,
                                                   registrationNumber: cleanedNumber)
            var changes: [String: Any] = [:]
            func note(_ field: String, _ old: Any?, _ new: Any?, changed: Bool) {
                if changed { changes[field] = ["from": old ?? NSNull(), "to": new ?? NSNull()] }
            }
            note("display_name", before.displayName, after.displayName, changed: before.displayName != after.displayName)
            note("roles", before.roleSet.map(\.rawValue).sorted(), after.roleSet.map(\.rawValue).sorted(), changed: before.roleSet != after.roleSet)
            note("registration_number", before.registrationNumber, after.registrationNumber,
                 changed: before.registrationNumber != after.registrationNumber)
            if !changes.isEmpty { try audit(db, session, "edit", "user", username, ["changes": changes]) }
            return try userView(db, after)
        }
    }

    /// Disables an account (it can no longer sign in; its name stays in the audit log) or
    /// enables it again (administrators). Audited as `disable` / `enable`.
    ///
    /// A disabled account gets the same sign-in answer as a wrong password, whatever the
    /// password. Nobody can disable themselves or the last enabled administrator.
    /// - Throws: ``ServiceError``: forbidden, not found, conflict (already in that state,
    ///   oneself, the last administrator).
    public func setUserDisabled(_ username: String, _ disabled: Bool, reason: String? = nil, by session: Session) throws -> UserView {
        try session.require(.manageUsers)
        return try write { db in
            guard var user = try users.fetch(db, username: username) else { throw Self.noSuchUser(username) }
            guard user.disabled != disabled else {
                throw ServiceError.conflict("\(username) is already \(disabled ? "disabled" : "enabled"); nothing changed")
            }
            if disabled {
                guard username != session.username else {
                    throw ServiceError.conflict("you cannot disable your own account; another administrator can")
                }
                if user.roleSet.contains(.admin), try users.enabledAdministratorCount(db) <= 1 {
                    throw ServiceError.conflict("\(username) is the only enabled administrator; add another administrator first")
                }
            }
            try users.setDisabled(db, username: username, disabled)
            var detail: [String: Any] = [:]
            if let reason, !reason.isEmpty { detail["reason"] = reason }
            try audit(db, session, disabled ? "disable" : "enable", "user", username, detail)
            user.disabled = disabled
            return try userView(db, user)
        }
    }

    /// Changes the signed-in user's own password; the current one is asked again.
    ///
    /// The current password is checked like a sign-in (a wrong one counts towards the lock).
    /// The new one must follow ``PasswordPolicy`` and differ from the current one. Audited as
    /// `password-change`.
    /// - Throws: ``ServiceError``: authentication (wrong current password), invalid (policy).
    public func changeOwnPassword(current: String, new: String, by session: Session) throws {
        _ = try signIn(username: session.username, password: current)
        try PasswordPolicy.check(new, username: session.username, field: "new password")
        guard new != current else { throw ServiceError.invalid(field: "new password", "must differ from the current one") }
        try write { db in
            try users.setPassword(db, username: session.username, password: new)
            try audit(db, session, "password-change", "user", session.username)
        }
    }

    /// Sets a new password for another account (administrators), e.g. when it was forgotten,
    /// and lifts any sign-in lock. Audited as `password-reset`.
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (policy).
    public func resetPassword(_ username: String, to password: String, by session: Session) throws {
        try session.require(.manageUsers)
        try PasswordPolicy.check(password, username: username, field: "new password")
        try write { db in
            guard try users.fetch(db, username: username) != nil else { throw Self.noSuchUser(username) }
            try users.setPassword(db, username: username, password: password)
            let cleared = try LoginThrottle.clear(db, username: username)
            try audit(db, session, "password-reset", "user", username, ["failures_cleared": cleared?.failures ?? 0])
        }
    }

    /// Lifts a sign-in lock and forgets the failed attempts of a user name (administrators).
    /// Audited as `unlock`, also when there was nothing to lift.
    ///
    /// - Returns: The failures that were forgotten (0 when there were none).
    /// - Throws: ``ServiceError``: forbidden, not found (a name that is neither an account nor
    ///   has failed attempts).
    @discardableResult
    public func unlockUser(_ username: String, by session: Session) throws -> Int {
        try session.require(.manageUsers)
        let now = clock.now
        return try write { db in
            let user = try users.fetch(db, username: username)
            let cleared = try LoginThrottle.clear(db, username: username)
            guard user != nil || cleared != nil else { throw Self.noSuchUser(username) }
            try audit(db, session, "unlock", "user", username,
                      ["failures_cleared": cleared?.failures ?? 0, "was_locked": cleared?.isLocked(at: now) ?? false])
            return cleared?.failures ?? 0
        }
    }

    // MARK: - Support

    /// An account as administrators see it, with its lock state.
    func userView(_ db: Database, _ u: UserRecord) throws -> UserView {
        let throttle = try LoginThrottle.state(db, username: u.username)
        let locked = throttle.flatMap { $0.isLocked(at: clock.now) ? $0.lockedUntil : nil }
        return UserView(id: u.id ?? 0, username: u.username, displayName: u.displayName, roles: u.roleSet,
                        registrationNumber: u.registrationNumber, disabled: u.disabled,
                        lockedUntil: locked.map { StoreTimestamp.string(from: $0) }, failedSignIns: throttle?.failures ?? 0)
    }

    static func noSuchUser(_ username: String) -> ServiceError {
        ServiceError.notFound("no user '\(username)'; `clearance user list` shows the accounts")
    }
}
