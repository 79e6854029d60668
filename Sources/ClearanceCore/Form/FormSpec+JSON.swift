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
    /// - Parameter language: the language of the messages (`en`, `fr`, `es`; others get English).
    /// - Throws: ``AnswerDecodingError`` listing every field whose value has the wrong shape,
    ///   or that the form does not have.
    public func decodeAnswers(_ json: [String: Any], language: String = "en") throws -> Answers {
        var issues: [ValidationIssue] = []
        let answers = Self.decode(json, level: fields, prefix: FieldPath([]), language: language, issues: &issues)
        if !issues.isEmpty { throw AnswerDecodingError(issues: issues) }
        return answers
    }

    /// Decodes a JSON document (`Data`) holding one answers object.
    /// - Throws: ``AnswerDecodingError`` when the data is not a JSON object or a value has the wrong shape.
    public func decodeAnswers(jsonData: Data, language: String = "en") throws -> Answers {
        guard let obj = (try? JSONSerialization.jsonObject(with: jsonData)) as? [String: Any] else {
            throw AnswerDecodingError(issues: [ValidationIssue(field: "(document)",
                message: "not a JSON object; write {\"field\": value, ...} (start from `clearance modules template`)")])
        }
        return try decodeAnswers(obj, language: language)
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

    private static func decode(_ obj: [String: Any], level: [Field], prefix: FieldPath, language lang: String, issues: inout [ValidationIssue]) -> Answers {
        var out = Answers()
        for name in obj.keys.sorted() {
            let path = prefix.appending(name)
            guard let raw = obj[name] else { continue }
            guard let f = level.first(where: { $0.name == name }) else {
                issues.append(ValidationIssue(path: path, message: FormMessages.unknownField(name,
                    suggestion: FormNames.suggestion(for: name, among: level.map(\.name)), lang)))
                continue
            }
            if raw is NSNull { continue }
            if f.type == .note {
                issues.append(ValidationIssue(path: path, message: FormMessages.noteTakesNoAnswer(name, lang)))
                continue
            }
            if f.type == .repeatGroup {
                guard let list = raw as? [Any] else {
                    issues.append(ValidationIssue(path: path, message: FormMessages.pick(lang, en: "expected a list of objects [{...}, ...], got \(describe(raw))",
                        fr: "attendu : une liste d'objets [{...}, ...], reçu : \(describe(raw))", es: "se esperaba una lista de objetos [{...}, ...], se recibió \(describe(raw))")))
                    continue
                }
                var instances: [Answers] = []
                for (i, item) in list.enumerated() {
                    guard let o = item as? [String: Any] else {
                        issues.append(ValidationIssue(path: prefix.appending(name, index: i + 1),
                                                      message: FormMessages.pick(lang, en: "expected an object {...}, got \(describe(item))",
                                                          fr: "attendu : un objet {...}, reçu : \(describe(item))", es: "se esperaba un objeto {...}, se recibió \(describe(item))")))
                        continue
                    }
                    instances.append(decode(o, level: f.fields, prefix: prefix.appending(name, index: i + 1), language: lang, issues: &issues))
                }
                out[name] = .group(instances)
                continue
            }
            switch decodeValue(raw, field: f, lang) {
            case .success(let v): out[name] = v
            case .failure(let msg): issues.append(ValidationIssue(path: path, message: msg.text))
            }
        }
        return out
    }

    private struct Message: Error { var text: String }

    private static func decodeValue(_ raw: Any, field f: Field, _ lang: String) -> Result<Value, Message> {
        let bad = Message(text: FormMessages.wrongType(expected: FieldRules.expected(f.type, lang), got: describe(raw), lang))
        let s = scalar(raw)
        switch f.type {
        case .text:
            if case .string(let t) = s { return .success(.text(t)) }
        case .integer:
            if case .int(let i) = s { return .success(.integer(i)) }
            if case .double(let d) = s {
                if d == d.rounded(), abs(d) < 9e15 { return .success(.integer(Int(d))) }
                let n = FormNumber.format(d)
                return .failure(Message(text: FormMessages.pick(lang, en: "\(n) is not a whole number; enter an integer",
                    fr: "\(n) n'est pas un nombre entier ; saisissez un entier", es: "\(n) no es un número entero; introduzca un entero")))
            }
        case .decimal:
            if case .int(let i) = s { return .success(.decimal(Double(i))) }
            if case .double(let d) = s, d.isFinite { return .success(.decimal(d)) }
        case .date:
            if case .string(let t) = s {
                if let d = LocalDate(t) { return .success(.date(d)) }
                return .failure(Message(text: FormMessages.pick(lang, en: "\"\(t)\" is not a date; write YYYY-MM-DD with a real day",
                    fr: "\"\(t)\" n'est pas une date ; écrivez AAAA-MM-JJ avec un jour qui existe", es: "\"\(t)\" no es una fecha; escriba AAAA-MM-DD con un día que exista")))
            }
        case .yesNo:
            if case .bool(let b) = s { return .success(.bool(b)) }
            if case .string(let t) = s, t == "yes" || t == "no" { return .success(.bool(t == "yes")) }
            return .failure(Message(text: FormMessages.pick(lang, en: "expected \"yes\" or \"no\" (or true/false), got \(describe(raw))",
                fr: "attendu : \"yes\" ou \"no\" (ou true/false), reçu : \(describe(raw))", es: "se esperaba \"yes\" o \"no\" (o true/false), se recibió \(describe(raw))")))
        case .singleChoice:
            if case .string(let t) = s { return .success(.choice(t)) }
        case .multipleChoice:
            if let list = raw as? [Any] {
                var values: [String] = []
                for item in list {
                    guard case .string(let t) = scalar(item) else {
                        return .failure(Message(text: FormMessages.pick(lang, en: "expected a list of choice values (text), but it holds \(describe(item))",
                            fr: "attendu : une liste de valeurs de choix (texte), mais elle contient \(describe(item))", es: "se esperaba una lista de valores de opción (texto), pero contiene \(describe(item))")))
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
