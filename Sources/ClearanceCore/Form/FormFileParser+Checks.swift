import Yams

// MARK: - References, types, cycles and examples

extension FormFileParser {
    /// Type-checks every queued expression against the parsed form.
    func checkExpressions(_ form: FormSpec) {
        for p in pending {
            let owner = p.owner.flatMap { form.definition($0) }
            var currentType: ExpressionType?
            var attributes: [String: ExpressionType]?
            switch p.role {
            case .constraint: currentType = owner.flatMap { ExpressionType(field: $0) }
            case .choiceFilter:
                let list = owner?.choiceList ?? ""
                currentType = .choice(list: list)
                attributes = Self.attributeTypes(form.choiceLists[list] ?? [])
            default: break
            }
            var checker = ExpressionTypeChecker(choiceLists: form.choiceLists, currentType: currentType, scope: p.scope) { name, scope in
                Self.resolveForCheck(name, scope: scope, in: form)
            }
            checker.choiceAttributes = attributes
            let what = p.owner.map { "\(p.role.rawValue) of field '\($0.last ?? "")'" } ?? "when of a rule"
            let type = checker.check(p.syntax)
            for e in checker.errors { report(e, line: p.line, column: p.column, multiline: p.multiline, what: what) }
            guard let type else { continue }
            switch p.role {
            case .relevant, .constraint, .required, .when, .choiceFilter:
                if !type.isCondition {
                    report(ExpressionError(.type, column: 1, "must be a condition (true or false), but it gives a \(type); compare it, as in ... = 'yes' or ... > 0"),
                           line: p.line, column: p.column, multiline: p.multiline, what: what)
                }
            case .minCount, .maxCount:
                if type != .number {
                    report(ExpressionError(.type, column: 1, "must be a number of entries, but it gives a \(type)"),
                           line: p.line, column: p.column, multiline: p.multiline, what: what)
                }
            case .calculate:
                if let f = owner, !type.canFill(f.type) {
                    report(ExpressionError(.type, column: 1, "gives a \(type), which cannot fill a \(f.type.rawValue) field; change the field's type or the formula"),
                           line: p.line, column: p.column, multiline: p.multiline, what: what)
                }
            }
        }
    }

    /// The type of each attribute of a choice list (the parser has checked that they agree).
    static func attributeTypes(_ choices: [Choice]) -> [String: ExpressionType] {
        var out: [String: ExpressionType] = [:]
        for c in choices {
            for (k, v) in c.attributes where out[k] == nil { out[k] = ChoiceAttribute.type(of: v) }
        }
        return out
    }

    /// Name resolution with messages that say what to do.
    static func resolveForCheck(_ name: String, scope: [String], in form: FormSpec) -> Result<ExpressionTypeChecker.FieldInfo, ExpressionError> {
        if let path = form.resolve(name, scope: scope), let f = form.definition(path) {
            guard let t = ExpressionType(field: f) else {
                return .failure(ExpressionError(.reference, column: 1, "field '\(name)' is a note and holds no value; refer to a field that is answered"))
            }
            return .success(.init(type: t, key: path.joined(separator: "."), path: path))
        }
        if let (path, _) = form.definitionPaths.first(where: { $0.path.last == name }) {
            let group = path.dropLast().joined(separator: ".")
            // The outermost group around the field that is visible from here.
            var common = 0
            while common < scope.count, common < path.count - 1, scope[common] == path[common] { common += 1 }
            let visibleGroup = path[Swift.min(common, path.count - 2)]
            return .failure(ExpressionError(.reference, column: 1,
                "field '\(name)' is inside repeat '\(group)' and cannot be read from here; read its rows with any(), all(), count_where(), sum(), min() or max() over ${\(visibleGroup)}, or move this expression into the repeat"))
        }
        var visible: [String] = []
        for k in 0...scope.count { visible += form.level(Array(scope.prefix(k))).map(\.name) }
        var msg = "unknown field '\(name)'; the form has no such field"
        if let s = FormNames.suggestion(for: name, among: visible) { msg += "; did you mean ${\(s)}?" }
        return .failure(ExpressionError(.reference, column: 1, msg))
    }

    /// Reports every cycle among `calculate` and `relevant`.
    func checkCycles(_ form: FormSpec) {
        for cycle in FormGraph(form: form).cycles {
            let names = cycle.map { $0.joined(separator: ".") }
            let line = cycle.first.flatMap { form.definition($0)?.line } ?? 1
            problem(line: line, column: 1,
                    "cycle among calculate/relevant: \(names.joined(separator: " -> ")); a field cannot depend on itself, break the loop")
        }
    }

    /// Checks every `example:` against its field and stores it in the form.
    func checkExamples(_ form: inout FormSpec) {
        for (path, node) in examples {
            guard let f = form.definition(path) else { continue }
            let what = "example of field '\(f.name)'"
            guard let v = exampleValue(node, field: f, what: what) else { continue }
            for msg in FieldRules.problems(v, field: f, choices: form.choices(for: f)) { problem(node, "\(what): \(msg)") }
            Self.setExample(v, at: path[...], in: &form.fields)
        }
    }

    private static func setExample(_ v: Value, at path: ArraySlice<String>, in fields: inout [Field]) {
        guard let name = path.first, let i = fields.firstIndex(where: { $0.name == name }) else { return }
        if path.count == 1 { fields[i].example = v } else { setExample(v, at: path.dropFirst(), in: &fields[i].fields) }
    }

    private func exampleValue(_ node: Node, field f: Field, what: String) -> Value? {
        switch f.type {
        case .text: return string(node, what).map(Value.text)
        case .integer: return integer(node, what).map(Value.integer)
        case .decimal: return number(node, what).map(Value.decimal)
        case .date:
            guard let s = string(node, what) else { return nil }
            guard let d = LocalDate(s) else { problem(node, "\(what) '\(s)' is not a date; write YYYY-MM-DD"); return nil }
            return .date(d)
        case .yesNo:
            guard let s = node.scalar?.string.lowercased(), ["yes", "no", "true", "false"].contains(s) else {
                problem(node, "\(what) must be yes or no"); return nil
            }
            return .bool(s == "yes" || s == "true")
        case .singleChoice: return string(node, what).map(Value.choice)
        case .multipleChoice:
            if case .scalar = node { return string(node, what).map { .choices([$0]) } }
            return stringList(node, what).map { .choices($0.map(\.0)) }
        case .note, .image, .repeatGroup: return nil
        }
    }
}
