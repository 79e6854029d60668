import Foundation

/// A clock for tests: starts at a fixed instant and moves only when told.
///
/// ```swift
/// let clock = TestClock()          // 2026-03-01T09:00:00Z
/// clock.advance(seconds: 60)
/// ```
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Starts at `start` (default 2026-03-01T09:00:00Z).
    public init(start: Date = Date(timeIntervalSince1970: 1_772_355_600)) { current = start }

    /// The current instant.
    public var now: Date { lock.lock(); defer { lock.unlock() }; return current }

    /// Moves the clock forward.
    public func advance(seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
}
