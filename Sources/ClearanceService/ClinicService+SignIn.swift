import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Signs a user in; every attempt is audited (`login`, `login-failed`, and `lock` when a
    /// failure starts a lock).
    ///
    /// Failures are counted per user name and slow guessing down (``LoginLockout/standard``).
    /// A wrong password, an unknown user name and a disabled account all get the same answer,
    /// whatever the password; only the audit entry (readable by administrators) says which.
    /// While a name is locked, no password is checked and the answer says until when.
    /// The password is hashed outside any write transaction, so other staff keep saving.
    ///
    /// - Throws: ``ServiceError`` authentication error (exit status 3).
    public func signIn(username: String, password: String) throws -> Session {
        let policy = LoginLockout.standard
        let now = clock.now
        if let state = try read({ db in try LoginThrottle.state(db, username: username) }), state.isLocked(at: now) {
            if !database.isReadOnly {
                try write { db in try audit(db, nil, "login-failed", "user", username, ["reason": "locked", "failures": state.failures]) }
            }
            throw Self.lockedError(username, state, now: now)
        }
        let result = try read { db in try users.authenticate(db, username: username, password: password) }
        if database.isReadOnly {
            // A read-only database: the password is checked, but neither the login nor a failure
            // can be recorded; what needs an audit entry (confidential reads) is refused later.
            guard case .success(let user) = result else {
                throw ServiceError.authentication("wrong user name or password (the database is read-only: the failure is not recorded)")
            }
            return Session(userID: user.id ?? 0, username: user.username, displayName: user.displayName,
                           roles: user.roleSet, registrationNumber: user.registrationNumber)
        }
        if case .success(let user) = result {
            // Failures by others between the check above and now may have locked the name.
            let lockedMeanwhile = try write { db -> LoginThrottle.State? in
                if let s = try LoginThrottle.state(db, username: username), s.isLocked(at: now) {
                    try audit(db, nil, "login-failed", "user", username, ["reason": "locked", "failures": s.failures])
                    return s
                }
                let cleared = try LoginThrottle.clear(db, username: username)
                var detail: [String: Any] = ["user": user.username]
                if let cleared { detail["failures_before"] = cleared.failures }
                try audit(db, nil, "login", "user", user.username, detail)
                return nil
            }
            if let lockedMeanwhile { throw Self.lockedError(username, lockedMeanwhile, now: now) }
            return Session(userID: user.id ?? 0, username: user.username, displayName: user.displayName,
                           roles: user.roleSet, registrationNumber: user.registrationNumber)
        }
        let reason: String
        switch result {
        case .disabled: reason = "disabled"
        case .unknownUser: reason = "unknown-user"
        default: reason = "wrong-password"
        }
        let state = try write { db -> LoginThrottle.State in
            let s = try LoginThrottle.recordFailure(db, username: username, at: now) { policy.delay(afterFailures: $0) }
            try audit(db, nil, "login-failed", "user", username, ["reason": reason, "failures": s.failures])
            if s.isLocked(at: now), let until = s.lockedUntil, policy.delay(afterFailures: s.failures) != nil {
                try audit(db, nil, "lock", "user", username, ["failures": s.failures, "until": StoreTimestamp.string(from: until)])
            }
            return s
        }
        let error = ServiceError.catalogued(ServiceError.authentication, "error.wrong_password", ["user": username])
        if state.isLocked(at: now), let until = state.lockedUntil {
            throw ServiceError.authentication(error.description + "; after \(state.failures) failed attempts sign-in is locked until \(StoreTimestamp.string(from: until)) "
                + "(\(Int(until.timeIntervalSince(now).rounded(.up))) s); an administrator can lift it with `clearance user unlock \(username)`")
        }
        throw error
    }

    /// The answer while a name is locked: until when, and who can lift it.
    static func lockedError(_ username: String, _ state: LoginThrottle.State, now: Date) -> ServiceError {
        let until = state.lockedUntil ?? now
        let seconds = Int(until.timeIntervalSince(now).rounded(.up))
        return ServiceError.authentication("sign-in refused for '\(username)': locked after \(state.failures) failed attempts until "
            + "\(StoreTimestamp.string(from: until)) (try again in \(seconds) s, or ask an administrator to run `clearance user unlock \(username)`)")
    }
}
