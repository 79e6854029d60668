import ClearanceCore
import Foundation
import GRDB

/// One value as it is stored in an observation row's typed columns.
///
/// | ``ClearanceCore/Value`` | `value_type` | column |
/// |---|---|---|
/// | `.text(s)` | `text` | `value_text` |
/// | `.integer(i)` | `integer` | `value_integer` |
/// | `.decimal(d)` | `decimal` | `value_real` (finite only) |
/// | `.date(d)` | `date` | `value_text` `YYYY-MM-DD` |
/// | `.bool(b)` | `bool` | `value_integer` 0 / 1 |
/// | `.choice(s)` | `choice` | `value_text` |
/// | `.choices(a)` | `choices` | `value_text`, a JSON array of strings |
/// | `.image(id)` | `image` | `value_integer`, the attachment id |
/// | `.group(g)` | `group` | `value_integer`, the instance count; instance fields are rows of their own at `name[i].field` |
public struct ObservationValue: Hashable, Sendable {
    /// The `value_type` column.
    public enum Kind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case text, integer, decimal, date, bool, choice, choices, image, group
    }

    public var kind: Kind
    public var text: String?
    public var integer: Int64?
    public var real: Double?

    public init(kind: Kind, text: String? = nil, integer: Int64? = nil, real: Double? = nil) {
        self.kind = kind; self.text = text; self.integer = integer; self.real = real
    }

    /// The columns of a leaf value; a group gives its instance count only.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - path: Its path, for error messages.
    /// - Throws: ``StoreError`` for a decimal that is NaN or infinite (SQLite cannot keep it), or a
    ///   text holding a NUL character (it would read back cut short).
    public init(_ value: Value, path: String) throws {
        switch value {
        case .text(let s):
            // SQLite's C strings end at a NUL: such a text would read back cut short.
            guard !s.utf8.contains(0) else {
                throw StoreError.unsupportedValue(path: path, reason: "text contains a NUL character (U+0000); remove it")
            }
            self.init(kind: .text, text: s)
        case .integer(let i): self.init(kind: .integer, integer: Int64(i))
        case .decimal(let d):
            guard d.isFinite else {
                throw StoreError.unsupportedValue(path: path, reason: "decimal \(d) is not a finite number")
            }
            self.init(kind: .decimal, real: d)
        case .date(let d): self.init(kind: .date, text: d.description)
        case .bool(let b): self.init(kind: .bool, integer: b ? 1 : 0)
        case .choice(let s): self.init(kind: .choice, text: s)
        case .choices(let a): self.init(kind: .choices, text: try ValueCoding.text(a))
        case .image(let id): self.init(kind: .image, integer: id)
        case .group(let g): self.init(kind: .group, integer: Int64(g.count))
        }
    }

    /// The value these columns hold; a group gives `count` empty instances.
    ///
    /// - Parameters:
    ///   - id: The row's id, for error messages.
    ///   - path: The row's path, for error messages.
    /// - Throws: ``StoreError`` naming the row when the columns do not fit the type
    ///   (a row edited outside the application).
    public func value(id: Int64? = nil, path: String) throws -> Value {
        func bad(_ reason: String) -> StoreError { .badObservation(id: id, path: path, reason: reason) }
        switch kind {
        case .text:
            guard let text else { throw bad("text value has no value_text") }
            return .text(text)
        case .choice:
            guard let text else { throw bad("choice value has no value_text") }
            return .choice(text)
        case .integer:
            guard let integer, let i = Int(exactly: integer) else { throw bad("integer value has no value_integer") }
            return .integer(i)
        case .decimal:
            guard let real else { throw bad("decimal value has no value_real") }
            return .decimal(real)
        case .date:
            guard let text, let d = LocalDate(text) else { throw bad("date value '\(text ?? "")' is not YYYY-MM-DD") }
            return .date(d)
        case .bool:
            guard let integer, integer == 0 || integer == 1 else { throw bad("yes/no value is not 0 or 1") }
            return .bool(integer == 1)
        case .choices:
            guard let text, let a = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
                throw bad("multiple choice value is not a JSON array of strings")
            }
            return .choices(a)
        case .image:
            guard let integer else { throw bad("image value has no attachment id") }
            return .image(integer)
        case .group:
            guard let integer, integer >= 0, integer <= Int64(ObservationValue.maxInstances) else {
                throw bad("repeat group count is missing or out of range")
            }
            return .group(Array(repeating: Answers(), count: Int(integer)))
        }
    }

    /// The most instances a stored repeat group may have (guards against corrupt rows).
    public static let maxInstances = 10_000
}
