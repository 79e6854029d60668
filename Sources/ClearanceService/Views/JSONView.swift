import ClearanceCore
import ClearanceStore
import Foundation

/// A JSON view: an `Encodable` type whose encoding is what `--json` prints, through
/// ``JSONOutput`` (the one encoder configuration of every view).
public protocol JSONView: Encodable {}

/// The one encoder configuration of JSON output: sorted keys, slashes unescaped, instants as the
/// store writes them (``StoreTimestamp``, `2026-03-01T09:30:00.125Z`), pretty-printed for `--json`
/// and compact for one-line uses.
public enum JSONOutput {
    /// An encoder with the output configuration.
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(StoreTimestamp.string(from: date))
        }
        return encoder
    }

    /// `value` encoded with the output configuration.
    public static func data<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        try encoder(pretty: pretty).encode(value)
    }
}

/// An optional property that encodes as `null` when nil (the synthesized `Encodable` leaves the
/// key out): for views whose keys are always present, as scripts reading them expect.
@propertyWrapper
public struct NullWhenNil<Wrapped: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Wrapped?
    public init(wrappedValue: Wrapped?) { self.wrappedValue = wrappedValue }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}
extension NullWhenNil: Hashable where Wrapped: Hashable {}
extension NullWhenNil: Equatable where Wrapped: Equatable {}

/// A JSON value of no fixed shape (answers, derived values, a stored detail object) inside a
/// typed view: encodes what ``Value/jsonObject`` or `JSONSerialization` gives.
public struct AnyJSON: Encodable, @unchecked Sendable {
    /// A plain JSON value: `NSNull`, `Bool`, a number, `String`, an array or an object.
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
