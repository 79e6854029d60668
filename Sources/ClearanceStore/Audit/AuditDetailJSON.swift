import Foundation

/// Writes an audit entry's detail object as compact JSON with sorted keys.
///
/// Every save writes one of these, so it is written by hand: `JSONSerialization` cost about
/// 350,000 instructions per entry (bridging and sorting through `NSString`), more than the
/// encounter's own fifteen observation inserts. Values of other types fall back to
/// `JSONSerialization` for the whole object.
///
/// ```swift
/// AuditDetailJSON.encode(["case": 12, "module": "vitals", "result_codes": ["BP-HIGH"]])
/// // {"case":12,"module":"vitals","result_codes":["BP-HIGH"]}
/// ```
public enum AuditDetailJSON {
    /// The object as JSON text; `{}` when it cannot be written at all.
    public static func encode(_ object: [String: Any]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        if write(object, to: &out) { return String(decoding: out, as: UTF8.self) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The detail of an encounter's creation, written straight to text (every save and every
    /// import item writes one): the same text ``encode(_:)`` gives for
    /// `["case": caseID, "import": true, "module": module, "result_codes": resultCodes, "status": status]`,
    /// where `import` is present only for imports and `result_codes` only when given.
    /// - Parameters:
    ///   - supersedes: the encounter this one replaces (`record --supersede --reason R`) and why.
    public static func encounterCreated(caseID: Int64, module: String, status: String, resultCodes: [String]?, imported: Bool,
                                        supersedes: (id: Int64, reason: String)? = nil) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        out.append(contentsOf: #"{"case":"#.utf8)
        out.append(contentsOf: String(caseID).utf8)
        if imported { out.append(contentsOf: #","import":true"#.utf8) }
        out.append(contentsOf: #","module":"#.utf8)
        writeString(module, to: &out)
        if let supersedes { out.append(contentsOf: #","reason":"#.utf8); writeString(supersedes.reason, to: &out) }
        if let resultCodes { out.append(contentsOf: #","result_codes":"#.utf8); _ = write(resultCodes, to: &out) }
        out.append(contentsOf: #","status":"#.utf8)
        writeString(status, to: &out)
        if let supersedes { out.append(contentsOf: #","supersedes":"#.utf8); out.append(contentsOf: String(supersedes.id).utf8) }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `value`; false for a value this writer does not know (the caller falls back).
    private static func write(_ value: Any, to out: inout [UInt8]) -> Bool {
        switch value {
        case let s as String: writeString(s, to: &out)
        case let b as Bool: out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case let i as Int: out.append(contentsOf: String(i).utf8)
        case let i as Int64: out.append(contentsOf: String(i).utf8)
        case let i as Int32: out.append(contentsOf: String(i).utf8)
        case let d as Double:
            guard d.isFinite else { return false }
            if d == d.rounded(), abs(d) < 1e15 { out.append(contentsOf: String(Int64(d)).utf8) } else { out.append(contentsOf: String(d).utf8) }
        case let strings as [String]:
            out.append(UInt8(ascii: "["))
            for (i, s) in strings.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(s, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (i, v) in array.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard write(v, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                guard let v = object[key], write(v, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        case is NSNull: out.append(contentsOf: Array("null".utf8))
        default: return false
        }
        return true
    }

    /// Appends a JSON string literal: quotes, backslashes and control characters escaped.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0x0f)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
