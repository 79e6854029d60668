import ClearanceCore
import Foundation

/// A JSON view: an `Encodable` type whose encoding is what `--json` prints. ``json`` gives the
/// same content as a plain object for callers that still build `[String: Any]` around it.
public protocol JSONView: Encodable {}

extension JSONView {
    /// The view as a plain JSON object (its `Encodable` encoding read back).
    public var json: [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }
}

/// A JSON value of no fixed shape (answers, derived values, a stored detail object) inside a
/// typed view: encodes what ``Value/jsonObject`` or `JSONSerialization` gives.
public struct AnyJSON: Encodable, @unchecked Sendable {
    /// A plain JSON value: `NSNull`, `Bool`, a number, `String`, `[Any]` or `[String: Any]`.
    public let value: Any
    public init(_ value: Any) { self.value = value }
    /// A form value.
    public init(_ value: Value) { self.value = value.jsonObject }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        // Exact types first: on Linux an NSNumber 1 also casts to Bool.
        if type(of: value) == Bool.self, let b = value as? Bool { try c.encode(b); return }
        switch value {
        case is NSNull: try c.encodeNil()
        case let i as Int: try c.encode(i)
        case let i as Int64: try c.encode(i)
        case let d as Double: try c.encode(d)
        case let n as NSNumber:
            if n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e15 { try c.encode(n.int64Value) } else { try c.encode(n.doubleValue) }
        case let s as String: try c.encode(s)
        case let a as [Any]: try c.encode(a.map(AnyJSON.init))
        case let o as [String: Any]: try c.encode(o.mapValues(AnyJSON.init))
        default: try c.encode(String(describing: value))
        }
    }
}

extension Dictionary where Key == String, Value == ClearanceCore.Value {
    /// Derived or answered values as typed JSON.
    var anyJSON: [String: AnyJSON] { mapValues { AnyJSON($0) } }
}
