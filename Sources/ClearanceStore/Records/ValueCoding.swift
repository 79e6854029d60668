import ClearanceCore
import Foundation

/// Lossless JSON for ``ClearanceCore/Value``: each value tagged with its case
/// (`{"integer":12}`, `{"date":"2026-01-05"}`, `{"group":[{...}]}`), keys sorted.
///
/// Used for an encounter's derived values. Plain JSON (``ClearanceCore/Value/jsonObject``)
/// loses the difference between a yes/no and a choice, or a date and a text; this does not.
public enum ValueCoding {
    /// Encodes values by name as a sorted-keys JSON object.
    /// - Throws: ``StoreError`` for a decimal that is not finite.
    public static func encode(_ values: [String: Value]) throws -> String {
        // Most modules derive no values; JSONEncoder costs more than the whole row insert.
        if values.isEmpty { return "{}" }
        return try text(values.mapValues(TaggedValue.init))
    }

    /// Decodes what ``encode(_:)`` wrote.
    /// - Throws: ``StoreError`` when the text is not such JSON.
    public static func decode(_ json: String) throws -> [String: Value] {
        do {
            return try JSONDecoder().decode([String: TaggedValue].self, from: Data(json.utf8)).mapValues(\.value)
        } catch {
            throw StoreError.badObservation(id: nil, path: "(derived)", reason: "unreadable derived values JSON (\(error))")
        }
    }

    /// A JSON array of result codes.
    public static func encodeCodes(_ codes: [String]) throws -> String {
        // Written by hand (the same text JSONEncoder gives): every save stores one.
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, code) in codes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            AuditDetailJSON.writeString(code, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a JSON array of result codes.
    /// - Throws: ``StoreError`` when the text is not a JSON array of strings.
    public static func decodeCodes(_ json: String) throws -> [String] {
        do { return try JSONDecoder().decode([String].self, from: Data(json.utf8)) } catch {
            throw StoreError.badObservation(id: nil, path: "(result_codes)", reason: "unreadable result codes JSON (\(error))")
        }
    }

    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError.unsupportedValue(path: "(derived)", reason: "cannot encode as JSON (\(error)); decimals must be finite")
        }
    }
}

/// A ``ClearanceCore/Value`` as a one-key JSON object naming its case.
struct TaggedValue: Codable {
    var value: Value

    init(_ value: Value) { self.value = value }

    enum Key: String, CodingKey { case text, integer, decimal, date, bool, choice, choices, image, group }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch value {
        case .text(let s): try c.encode(s, forKey: .text)
        case .integer(let i): try c.encode(i, forKey: .integer)
        case .decimal(let d): try c.encode(d, forKey: .decimal)
        case .date(let d): try c.encode(d.description, forKey: .date)
        case .bool(let b): try c.encode(b, forKey: .bool)
        case .choice(let s): try c.encode(s, forKey: .choice)
        case .choices(let s): try c.encode(s, forKey: .choices)
        case .image(let id): try c.encode(id, forKey: .image)
        case .group(let g): try c.encode(g.map { $0.values.mapValues(TaggedValue.init) }, forKey: .group)
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a value has exactly one type key"))
        }
        switch key {
        case .text: value = .text(try c.decode(String.self, forKey: key))
        case .integer: value = .integer(try c.decode(Int.self, forKey: key))
        case .decimal: value = .decimal(try c.decode(Double.self, forKey: key))
        case .date:
            let s = try c.decode(String.self, forKey: key)
            guard let d = LocalDate(s) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(s)' is not YYYY-MM-DD")
            }
            value = .date(d)
        case .bool: value = .bool(try c.decode(Bool.self, forKey: key))
        case .choice: value = .choice(try c.decode(String.self, forKey: key))
        case .choices: value = .choices(try c.decode([String].self, forKey: key))
        case .image: value = .image(try c.decode(Int64.self, forKey: key))
        case .group:
            let g = try c.decode([[String: TaggedValue]].self, forKey: key)
            value = .group(g.map { Answers($0.mapValues(\.value)) })
        }
    }
}
