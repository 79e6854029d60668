import Foundation

/// How repeated failed sign-ins slow down guessing: after ``freeFailures`` consecutive failures
/// for one user name the name is locked for ``firstDelay``; each further failure (once the lock
/// has run out) doubles the lock, up to ``maximumDelay``. A good sign-in or `user unlock` starts
/// the count again. Attempts made while locked are refused without checking the password and
/// do not lengthen the lock.
///
/// With the standard values a guesser gets 5 tries, then one try after 30 s, 1 min, 2 min, ...
/// and at most one an hour after about a dozen: some 30 a day instead of 8 a second.
///
/// ```swift
/// LoginLockout.standard.delay(afterFailures: 5)   // 30
/// LoginLockout.standard.delay(afterFailures: 7)   // 120
/// ```
public struct LoginLockout: Sendable, Hashable {
    /// Failures allowed before the first lock.
    public var freeFailures: Int
    /// The first lock, seconds.
    public var firstDelay: TimeInterval
    /// The longest lock, seconds.
    public var maximumDelay: TimeInterval

    public init(freeFailures: Int = 5, firstDelay: TimeInterval = 30, maximumDelay: TimeInterval = 3600) {
        self.freeFailures = freeFailures; self.firstDelay = firstDelay; self.maximumDelay = maximumDelay
    }

    /// The policy every front end uses.
    public static let standard = LoginLockout()

    /// Seconds to lock after `failures` consecutive failures, or nil for no lock yet.
    public func delay(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= freeFailures else { return nil }
        let doublings = min(failures - freeFailures, 30)
        return min(maximumDelay, firstDelay * pow(2, Double(doublings)))
    }
}
