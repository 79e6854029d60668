import Foundation

/// One typed answer, observation or computed value.
///
/// Values are what forms collect and modules derive. A yes/no field holds `.bool`, a single
/// choice `.choice` with the choice's value (not its label), a repeat group `.group` with one
/// ``Answers`` per instance, an image field `.image` with the attachment id.
public enum Value: Hashable, Sendable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    case date(LocalDate)
    case bool(Bool)
    case choice(String)
    case choices([String])
    case image(Int64)
    case group([Answers])

    /// The value as a number, for arithmetic (integers and decimals only).
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .decimal(let d): return d
        default: return nil
        }
    }

    /// The value as an integer, when it is one.
    public var integer: Int? { if case .integer(let i) = self { return i }; return nil }
    /// The value as a boolean, when it is a yes/no answer.
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The value as a date, when it is one.
    public var date: LocalDate? { if case .date(let d) = self { return d }; return nil }
    /// The chosen value of a single choice, or the text of a text answer.
    public var string: String? {
        switch self {
        case .text(let s), .choice(let s): return s
        default: return nil
        }
    }
    /// The chosen values of a multiple choice (a single choice gives a one-element array).
    public var selections: [String] {
        switch self {
        case .choices(let c): return c
        case .choice(let c): return [c]
        default: return []
        }
    }
    /// The instances of a repeat group.
    public var instances: [Answers] { if case .group(let g) = self { return g }; return [] }

    /// A short human-readable rendering (yes/no, ISO dates, comma-separated selections).
    public var display: String {
        switch self {
        case .text(let s), .choice(let s): return s
        case .integer(let i): return String(i)
        case .decimal(let d): return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : String(d)
        case .date(let d): return d.description
        case .bool(let b): return b ? "yes" : "no"
        case .choices(let c): return c.joined(separator: ", ")
        case .image(let id): return "attachment \(id)"
        case .group(let g): return "\(g.count) entr\(g.count == 1 ? "y" : "ies")"
        }
    }

    /// The value as plain JSON (yes/no as "yes"/"no", dates as strings, groups as arrays of objects).
    public var jsonObject: Any {
        switch self {
        case .text(let s), .choice(let s): return s
        case .integer(let i): return i
        case .decimal(let d): return d
        case .date(let d): return d.description
        case .bool(let b): return b ? "yes" : "no"
        case .choices(let c): return c
        case .image(let id): return id
        case .group(let g): return g.map { $0.jsonObject }
        }
    }
}
