import Foundation

/// One rule pack parameter a module reads (`immune_test_min_age`, an integer 0-120), declared in
/// its manifest (a declarative module's are found from its `param()` calls) so a rule pack that sets it with the wrong type, or sets a parameter the module
/// does not read, is refused when it loads.
///
/// ```swift
/// ModuleParameter("tst_threshold_mm", .integer(0...40), "TST induration counted positive")
/// ModuleParameter("catalogue_followup", .list(allowed: ["linear_opacity", "cardiac"]), "...")
/// ```
public struct ModuleParameter: Hashable, Sendable {
    /// What a parameter's value must be.
    public enum Kind: Hashable, Sendable {
        /// A whole number within the range.
        case integer(ClosedRange<Int>)
        /// A number (whole or decimal) within the range.
        case number(ClosedRange<Double>)
        /// yes/no.
        case bool
        /// A text; when `allowed` is given, one of those.
        case text(allowed: [String]?)
        /// A list of texts (`[AFG, IND]`); when `allowed` is given, each one of those; when
        /// `pattern` is given (`AAA`: three upper-case letters), each of that shape.
        case list(allowed: [String]?, pattern: ListPattern? = nil)
        /// Any value (a declarative module's `param('name')` without a default).
        case any
    }

    /// Shapes of list items a module can ask for.
    public enum ListPattern: String, Hashable, Sendable {
        /// ISO 3166-1 alpha-3 country codes: three upper-case letters.
        case countryCode = "ISO 3166-1 alpha-3 country codes (three upper-case letters, e.g. AFG)"
    }

    public var name: String
    public var kind: Kind
    /// What the parameter does, for messages and docs.
    public var meaning: String

    public init(_ name: String, _ kind: Kind, _ meaning: String) {
        self.name = name; self.kind = kind; self.meaning = meaning
    }

    /// Why `value` does not fit, or nil when it does.
    public func problem(with value: Value) -> String? {
        switch kind {
        case .any:
            return nil
        case .integer(let range):
            guard case .integer(let i) = value else { return "must be a whole number from \(range.lowerBound) to \(range.upperBound); found \(describe(value))" }
            return range.contains(i) ? nil : "must be from \(range.lowerBound) to \(range.upperBound); found \(i)"
        case .number(let range):
            let d: Double
            switch value {
            case .integer(let i): d = Double(i)
            case .decimal(let x): d = x
            default:
                let bounded = range.lowerBound > -1e12 || range.upperBound < 1e12
                return "must be a number\(bounded ? " from \(FormNumber.format(range.lowerBound)) to \(FormNumber.format(range.upperBound))" : ""); found \(describe(value))"
            }
            return range.contains(d) ? nil : "must be from \(FormNumber.format(range.lowerBound)) to \(FormNumber.format(range.upperBound)); found \(FormNumber.format(d))"
        case .bool:
            guard case .bool = value else { return "must be yes or no; found \(describe(value))" }
            return nil
        case .text(let allowed):
            guard case .text(let s) = value else { return "must be a text; found \(describe(value))" }
            if let allowed, !allowed.contains(s) {
                var m = "'\(s)' is not one of \(allowed.joined(separator: ", "))"
                if let near = FormNames.suggestion(for: s, among: allowed) { m += "; did you mean '\(near)'?" }
                return m
            }
            return nil
        case .list(let allowed, let pattern):
            let items: [String]
            switch value {
            case .choices(let c): items = c
            case .text(let s): items = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default: return "must be a list such as [A, B]; found \(describe(value))"
            }
            for item in items {
                if let allowed, !allowed.contains(item) {
                    var m = "'\(item)' is not one of the values this module knows"
                    if let near = FormNames.suggestion(for: item, among: allowed) { m += "; did you mean '\(near)'?" }
                    else { m += " (\(allowed.joined(separator: ", ")))" }
                    return m
                }
                if pattern == .countryCode, !(item.count == 3 && item.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }) {
                    return "'\(item)' is not an ISO 3166-1 alpha-3 country code (three upper-case letters, e.g. AFG)"
                }
            }
            return nil
        }
    }

    private func describe(_ value: Value) -> String {
        switch value {
        case .integer(let i): return "the whole number \(i)"
        case .decimal(let d): return "the number \(FormNumber.format(d))"
        case .bool(let b): return b ? "yes" : "no"
        case .date(let d): return "the date \(d)"
        case .text(let s), .choice(let s): return "the text '\(s)'"
        case .choices(let c): return "the list [\(c.joined(separator: ", "))]"
        default: return "a value of another kind"
        }
    }
}
