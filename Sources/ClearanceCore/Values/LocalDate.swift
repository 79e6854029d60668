import Foundation

/// A calendar date with no time of day and no time zone, written `YYYY-MM-DD`.
///
/// Dates of birth, test dates and certificate validity are calendar dates: they must not shift
/// when the clinic's time zone changes, so they are never stored as `Date`.
///
/// ```swift
/// let dob = LocalDate("1990-02-28")!
/// dob.adding(days: 1).description   // "1990-03-01"
/// ```
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date from its parts; returns nil when the parts do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day).
    public init?(_ text: String) {
        // Byte by byte: every save reads the person's date of birth.
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The calendar date of `date` in `timeZone`.
    public init(_ date: Date, timeZone: TimeZone = .current) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!; self.month = c.month!; self.day = c.day!
    }

    /// `YYYY-MM-DD`. Written digit by digit: `String(format:)` showed up in import profiles.
    public var description: String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        LocalDate.appendDigits(abs(year), width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        LocalDate.appendDigits(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        LocalDate.appendDigits(day, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `value` (non-negative) in decimal, zero-padded to at least `width` digits.
    public static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var v = value
        repeat { digits.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10 } while v > 0
        for _ in digits.count..<max(width, digits.count) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: digits.reversed())
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0); self.month = m; self.day = d
    }

    /// This date moved by `days` (may be negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// This date moved by whole months; the day is clamped to the target month's length
    /// (2026-08-31 + 6 months = 2027-02-28).
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))!
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// Whole years from `self` (a date of birth) to `date`: the age on that date.
    public func age(on date: LocalDate) -> Int {
        var a = date.year - year
        if (date.month, date.day) < (month, day) { a -= 1 }
        return a
    }

    /// Whole months from `self` (a date of birth) to `date`: the age in months on that date.
    ///
    /// A month is complete when the day of the month of `self` is reached; when a month has no
    /// such day (the 31st, 29 February) it is reached on the 1st of the next month, as whole
    /// years are in ``age(on:)``: born 2026-01-31, 0 months on 2026-02-28, 1 on 2026-03-01.
    /// So the whole years of this count are always `age(on: date)`. Negative before `self`.
    public func wholeMonths(until date: LocalDate) -> Int {
        var m = (date.year - year) * 12 + (date.month - month)
        if date.day < day { m -= 1 }
        return m
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a date; write YYYY-MM-DD"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
