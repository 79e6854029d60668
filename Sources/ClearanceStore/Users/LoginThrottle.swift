import Foundation
import GRDB

/// Consecutive failed sign-ins per user name, and until when the name is locked.
///
/// The store only counts and remembers; how long a lock lasts is the caller's policy, given
/// as a function of the failure count. Rows are keyed by the name typed (known or not), so an
/// unknown name behaves exactly like a known one.
///
/// ```swift
/// let state = try LoginThrottle.recordFailure(db, username: "amina", at: now) { n in n >= 5 ? 30 : nil }
/// if state.isLocked(at: now) { ... }
/// try LoginThrottle.clear(db, username: "amina")      // after a good sign-in or `user unlock`
/// ```
public enum LoginThrottle {
    /// A name's failure count and lock.
    public struct State: Hashable, Sendable {
        /// Consecutive failures since the last good sign-in or unlock.
        public var failures: Int
        /// When the last failure happened (store timestamp text).
        public var lastFailureAt: String
        /// The end of the current lock, or nil when none was set.
        public var lockedUntil: Date?

        /// True when a lock is in force at `now`.
        public func isLocked(at now: Date) -> Bool { lockedUntil.map { $0 > now } ?? false }
    }

    /// The name's state, or nil when it has no recorded failures.
    public static func state(_ db: Database, username: String) throws -> State? {
        guard let row = try Row.fetchOne(db, sql: "SELECT failures, last_failure_at, locked_until_unix FROM login_throttle WHERE username = ?",
                                         arguments: [username]) else { return nil }
        let until: Double? = row["locked_until_unix"]
        return State(failures: row["failures"], lastFailureAt: row["last_failure_at"],
                     lockedUntil: until.map { Date(timeIntervalSince1970: $0) })
    }

    /// Counts one more failure and, when `lockFor` gives a duration for the new count, locks the
    /// name from `at` for that long.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - username: The name typed.
    ///   - at: The injected clock's now.
    ///   - lockFor: Seconds to lock after this many consecutive failures, or nil for no lock.
    /// - Returns: The state after this failure.
    @discardableResult
    public static func recordFailure(_ db: Database, username: String, at: Date, lockFor: (Int) -> TimeInterval?) throws -> State {
        let failures = (try state(db, username: username)?.failures ?? 0) + 1
        let until = lockFor(failures).map { at.addingTimeInterval($0) }
        let stamp = StoreTimestamp.string(from: at)
        try db.execute(sql: """
            INSERT INTO login_throttle (username, failures, last_failure_at, locked_until_unix) VALUES (?, ?, ?, ?)
            ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                locked_until_unix = COALESCE(excluded.locked_until_unix, login_throttle.locked_until_unix)
            """, arguments: [username, failures, stamp, until?.timeIntervalSince1970])
        return try state(db, username: username) ?? State(failures: failures, lastFailureAt: stamp, lockedUntil: until)
    }

    /// Forgets the name's failures and lifts its lock.
    /// - Returns: The state that was cleared, or nil when there was none.
    @discardableResult
    public static func clear(_ db: Database, username: String) throws -> State? {
        let previous = try state(db, username: username)
        if previous != nil { try db.execute(sql: "DELETE FROM login_throttle WHERE username = ?", arguments: [username]) }
        return previous
    }
}
