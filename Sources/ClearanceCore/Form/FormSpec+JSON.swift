import Foundation

/// Answers to and from plain JSON, driven by the form's field types.
extension FormSpec {
    /// Reads a JSON answers document (`{"cough_2w": "no", "induration_mm": 12, ...}`).
    /// yes/no accepts `"yes"`/`"no"` and `true`/`false`; dates are `"YYYY-MM-DD"`;
    /// select_multiple is an array of choice values; a repeat group an array of objects.
    /// `null` counts as unanswered. Only shapes are checked here; bounds, choices and rules are
    /// ``FormEvaluator/validate(_:)``'s job.
    ///
    /// ```swift
    /// let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    /// let answers = try form.decodeAnswers(json)
    /// ```
    /// - Throws: ``AnswerDecodingError`` listing every field whose value has the wrong shape,
    ///   or that the form does not have.
    public func decodeAnswers(_ json: [String: Any]) throws -> Answers {
        var issues: [ValidationIssue] = []
        let answers = Self.decode(json, level: fields, prefix: FieldPath([]), issues: &issues)
        if !issues.isEmpty { throw AnswerDecodingError(issues: issues) }
        return answers
    }

    /// Decodes a JSON document (`Data`) holding one answers object.
    /// - Throws: ``AnswerDecodingError`` when the data is not a JSON object or a value has the wrong shape.
    public func decodeAnswers(jsonData: Data) throws -> Answers {
        guard let obj = (try? JSONSerialization.jsonObject(with: jsonData)) as? [String: Any] else {
            throw AnswerDecodingError(issues: [ValidationIssue(field: "(document)",
                message: "not a JSON object; write {\"field\": value, ...} (start from `clearance modules template`)")])
        }
        return try decodeAnswers(obj)
    }

    // MARK: - Decoding

    private enum Scalar { case bool(Bool), int(Int), double(Double), string(String), other }

    /// Tells JSON booleans from numbers, whether they come as Swift values or as NSNumber.
    private static func scalar(_ v: Any) -> Scalar {
        switch v {
        case let s as String: return .string(s)
        default: break
        }
        if type(of: v) == Bool.self, let b = v as? Bool { return .bool(b) }
        if type(of: v) == Int.self, let i = v as? Int { return .int(i) }
        if type(of: v) == Double.self, let d = v as? Double { return .double(d) }
        if let n = v as? NSNumber {
            let t = String(cString: n.objCType)
            if t == "c" || t == "B" { return .bool(n.boolValue) }
            if t == "d" || t == "f" {
                let d = n.doubleValue
                return .double(d)
            }
            return .int(n.intValue)
        }
        if let i = v as? Int { return .int(i) }
        if let d = v as? Double { return .double(d) }
        return .other
    }

    private static func describe(_ v: Any) -> String {
        switch scalar(v) {
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .double(let d): return FormNumber.format(d)
        case .string(let s): return "\"\(s)\""
        case .other:
            if v is [Any] { return "a list" }
            if v is [String: Any] { return "an object" }
            return "\(v)"
        }
    }

    private static func decode(_ obj: [String: Any], level: [Field], prefix: FieldPath, issues: inout [ValidationIssue]) -> Answers {
        var out = Answers()
        for name in obj.keys.sorted() {
            let path = prefix.appending(name)
            guard let raw = obj[name] else { continue }
            guard let f = level.first(where: { $0.name == name }) else {
                var msg = "unknown field '\(name)'; the form has no such field"
                if let s = FormNames.suggestion(for: name, among: level.map(\.name)) { msg += " (did you mean '\(s)'?)" }
                issues.append(ValidationIssue(path: path, message: msg))
                continue
            }
            if raw is NSNull { continue }
            if f.type == .note {
                issues.append(ValidationIssue(path: path, message: "'\(name)' is a note and takes no answer; remove it"))
                continue
            }
            if f.type == .repeatGroup {
                guard let list = raw as? [Any] else {
                    issues.append(ValidationIssue(path: path, message: "expected a list of objects [{...}, ...], got \(describe(raw))"))
                    continue
                }
                var instances: [Answers] = []
                for (i, item) in list.enumerated() {
                    guard let o = item as? [String: Any] else {
                        issues.append(ValidationIssue(path: prefix.appending(name, index: i + 1),
                                                      message: "expected an object {...}, got \(describe(item))"))
                        continue
                    }
                    instances.append(decode(o, level: f.fields, prefix: prefix.appending(name, index: i + 1), issues: &issues))
                }
                out[name] = .group(instances)
                continue
            }
            switch decodeValue(raw, field: f) {
            case .success(let v): out[name] = v
            case .failure(let msg): issues.append(ValidationIssue(path: path, message: msg.text))
            }
        }
        return out
    }

    private struct Message: Error { var text: String }

    private static func decodeValue(_ raw: Any, field f: Field) -> Result<Value, Message> {
        let bad = Message(text: "expected \(FieldRules.expected(f.type)), got \(describe(raw))")
        let s = scalar(raw)
        switch f.type {
        case .text:
            if case .string(let t) = s { return .success(.text(t)) }
        case .integer:
            if case .int(let i) = s { return .success(.integer(i)) }
            if case .double(let d) = s {
                if d == d.rounded(), abs(d) < 9e15 { return .success(.integer(Int(d))) }
                return .failure(Message(text: "\(FormNumber.format(d)) is not a whole number; enter an integer"))
            }
        case .decimal:
            if case .int(let i) = s { return .success(.decimal(Double(i))) }
            if case .double(let d) = s, d.isFinite { return .success(.decimal(d)) }
        case .date:
            if case .string(let t) = s {
                if let d = LocalDate(t) { return .success(.date(d)) }
                return .failure(Message(text: "\"\(t)\" is not a date; write YYYY-MM-DD with a real day"))
            }
        case .yesNo:
            if case .bool(let b) = s { return .success(.bool(b)) }
            if case .string(let t) = s, t == "yes" || t == "no" { return .success(.bool(t == "yes")) }
            return .failure(Message(text: "expected \"yes\" or \"no\" (or true/false), got \(describe(raw))"))
        case .singleChoice:
            if case .string(let t) = s { return .success(.choice(t)) }
        case .multipleChoice:
            if let list = raw as? [Any] {
                var values: [String] = []
                for item in list {
                    guard case .string(let t) = scalar(item) else {
                        return .failure(Message(text: "expected a list of choice values (text), but it holds \(describe(item))"))
                    }
                    values.append(t)
                }
                return .success(.choices(values))
            }
        case .image:
            if case .int(let i) = s { return .success(.image(Int64(i))) }
        case .note, .repeatGroup:
            break
        }
        return .failure(bad)
    }
}

/// Answers that do not fit the form, with every offending field named.
public struct AnswerDecodingError: Error, Sendable, CustomStringConvertible {
    public var issues: [ValidationIssue]
    public init(issues: [ValidationIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
