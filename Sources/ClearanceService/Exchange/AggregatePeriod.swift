import ClearanceCore

/// The period an aggregate report covers: a year (`2026`), a quarter (`2026-Q4`), a month
/// (`2026-11`) or a range of days (`2026-11-01..2026-11-15`, both included).
public struct AggregatePeriod: Sendable, Hashable, CustomStringConvertible {
    public var first: LocalDate
    /// The day after the last day.
    public var end: LocalDate
    /// The DHIS2 period identifier (`2026`, `2026Q4`, `202611`), nil for a range of days.
    public var dhis2: String?
    public var description: String

    /// Parses a period; nil when it is none of the forms above.
    public init?(_ text: String) {
        description = text
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if text.contains("..") {
            let ends = text.components(separatedBy: "..")
            guard ends.count == 2, let a = LocalDate(ends[0]), let b = LocalDate(ends[1]), a <= b else { return nil }
            first = a; end = b.adding(days: 1); dhis2 = nil
        } else if parts.count == 1, parts[0].count == 4, let y = Int(parts[0]), let d = LocalDate(year: y, month: 1, day: 1) {
            first = d; end = d.adding(months: 12); dhis2 = parts[0]
        } else if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), parts[1].hasPrefix("Q"),
                  let q = Int(parts[1].dropFirst()), (1...4).contains(q), let d = LocalDate(year: y, month: 3 * q - 2, day: 1) {
            first = d; end = d.adding(months: 3); dhis2 = "\(y)Q\(q)"
        } else if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
                  let d = LocalDate(year: y, month: m, day: 1) {
            first = d; end = d.adding(months: 1); dhis2 = "\(parts[0])\(parts[1])"
        } else {
            return nil
        }
    }
}

/// What an aggregate report can count by.
public enum AggregateDimension: String, Sendable, Hashable, CaseIterable {
    case programme, clinic, sex
    case ageBand = "age-band"
    case result
}
