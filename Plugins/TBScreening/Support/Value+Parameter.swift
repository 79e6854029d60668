import Foundation
import ClearanceCore

extension Optional where Wrapped == Value {
    /// A rule pack parameter read as a whole number (integer, or a whole decimal), else `fallback`.
    func parameterInt(default fallback: Int) -> Int {
        switch self {
        case .integer(let i)?: return i
        case .decimal(let d)? where d.isFinite && d == d.rounded() && abs(d) < 1e9: return Int(d)
        case .text(let s)?: return Int(s.trimmingCharacters(in: .whitespaces)) ?? fallback
        default: return fallback
        }
    }

    /// A rule pack parameter read as a list of strings: a choice list, a single choice, or a
    /// comma-separated text. Absent or another type gives the empty list.
    var parameterList: [String] {
        switch self {
        case .choices(let c)?: return c
        case .choice(let c)?: return [c]
        case .text(let s)?:
            return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: return []
        }
    }
}
