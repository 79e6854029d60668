import Foundation

/// The source of "now". Injected so tests and benchmarks control time.
public protocol Clock: Sendable {
    var now: Date { get }
}

/// The system clock.
public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that always answers the same instant (tests, deterministic certificates).
public struct FixedClock: Clock {
    public var now: Date
    public init(_ now: Date) { self.now = now }
    /// A clock fixed at noon UTC on `date`.
    public init(_ date: LocalDate) {
        var c = DateComponents(); c.year = date.year; c.month = date.month; c.day = date.day; c.hour = 12
        var cal = Calendar(identifier: .gregorian); cal.timeZone = TimeZone(identifier: "UTC")!
        self.now = cal.date(from: c)!
    }
}

import ClearanceCore

extension Clock {
    /// Today's calendar date in the clinic's time zone.
    public var today: LocalDate { LocalDate(now) }
}
