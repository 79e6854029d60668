// MARK: - Validation

extension FormEvaluator {
    /// Problems of one field in normalized answers.
    func issues(for path: FieldPath, normalized a: Answers) -> [ValidationIssue] {
        guard let f = form.field(at: path), isRelevant(path, normalized: a) else { return [] }
        if f.calculate != nil { return calculationIssues(of: f, at: path, normalized: a) }
        guard f.isInput else { return [] }
        return issues(of: f, at: path, normalized: a)
    }

    /// The field's label in the user's language, or its name when it has none.
    func label(_ f: Field) -> String {
        let l = f.label.text(language)
        return l.isEmpty ? f.name : l
    }

    /// Problems of `f`, the input field at `path`, already known to be relevant.
    private func issues(of f: Field, at path: FieldPath, normalized a: Answers) -> [ValidationIssue] {
        let value = a.value(at: path)
        if f.type == .repeatGroup {
            var messages = value.map { FieldRules.problems($0, field: f, choices: [], language: language) } ?? []
            if messages.isEmpty {
                let n = value?.instances.count ?? 0
                let (lo, hi) = bounds(f, at: path, normalized: a)
                if n < lo {
                    if n == 0, let m = f.requiredMessage, isRequired(f, at: path, normalized: a) { messages.append(m.text(language)) }
                    else { messages.append(n == 0 ? FormMessages.entriesRequired(label(f), lo, language) : FormMessages.tooFewEntries(n, lo, language)) }
                }
                if let hi, n > hi { messages.append(FormMessages.tooManyEntries(n, hi, language)) }
            }
            return messages.map { ValidationIssue(path: path, message: $0) }
        }
        guard let value else {
            guard isRequired(f, at: path, normalized: a) else { return [] }
            let message = f.requiredMessage.map { $0.text(language) } ?? FormMessages.answerRequired(label(f), language)
            return [ValidationIssue(path: path, message: message)]
        }
        var messages = FieldRules.problems(value, field: f, choices: form.choices(for: f), language: language)
        if messages.isEmpty, f.choiceFilter != nil {
            let offered = choices(for: f, at: path, normalized: a).map(\.value)
            for c in value.selections where !offered.contains(c) {
                messages.append(FormMessages.choiceNotOffered(c, offered: offered, language))
            }
        }
        if messages.isEmpty, let c = f.constraint,
           eval(c.root, a, current: value, scope: Self.scope(of: path))?.bool != true {
            let why = f.constraintMessage.map { $0.text(language) } ?? FormMessages.constraintFallback(c.source, language)
            messages.append("\(FormMessages.display(value, language)): \(why)")
        }
        return messages.map { ValidationIssue(path: path, message: $0) }
    }

    /// A calculated field that came out empty because `number()` met a text that is not a
    /// number: reported on the field, naming the text (see `docs/FORMS.md`, "number").
    private func calculationIssues(of f: Field, at path: FieldPath, normalized a: Answers) -> [ValidationIssue] {
        guard let c = f.calculate, a.value(at: path) == nil,
              let (text, from) = numberFailure(c.root, a, scope: Self.scope(of: path)) else { return [] }
        return [ValidationIssue(path: path, message: FormMessages.numberFailed(text, from: from, language))]
    }

    /// The first `number()` in `node` whose argument is a text that is not a number, with the
    /// field it was read from (when the argument reads one field). Row functions are followed row by row.
    func numberFailure(_ node: ExpressionNode, _ a: Answers, scope: FieldPath?) -> (String, String?)? {
        switch node {
        case .field, .current, .string, .number, .bool: return nil
        case .unary(_, let x): return numberFailure(x, a, scope: scope)
        case .binary(_, let l, let r): return numberFailure(l, a, scope: scope) ?? numberFailure(r, a, scope: scope)
        case .call(let name, let args):
            if name == "number", let arg = args.first {
                if let failure = numberFailure(arg, a, scope: scope) { return failure }
                if let s = eval(arg, a, current: nil, scope: scope)?.string, FormNumber.parse(s) == nil {
                    let from = arg.references
                    return (s, from.count == 1 ? from[0] : nil)
                }
                return nil
            }
            if let rows = rows(name, args, a, scope: scope) {
                for r in rows { if let failure = numberFailure(args[1], a, scope: r) { return failure } }
                return nil
            }
            for x in args { if let failure = numberFailure(x, a, scope: scope) { return failure } }
            return nil
        }
    }

    /// The rows a repeat group at `path` must have given the answers: `min_count` (at least one
    /// while the group is required) and `max_count` (nil: no limit), computed ones included.
    func bounds(_ f: Field, at path: FieldPath, normalized a: Answers) -> (min: Int, max: Int?) {
        let scope = Self.scope(of: path)
        func computed(_ e: Expression?) -> Int? {
            guard let e, let n = eval(e.root, a, current: nil, scope: scope)?.number, n.isFinite else { return nil }
            return Int(Swift.max(0, Swift.min(1e6, n.rounded(.toNearestOrAwayFromZero))))
        }
        let lo = Swift.max(f.minCount ?? computed(f.minCountExpression) ?? 0, isRequired(f, at: path, normalized: a) ? 1 : 0)
        return (lo, f.maxCount ?? computed(f.maxCountExpression))
    }

    /// The choices offered for the select field `f` at `path`: those its `choice_filter` keeps.
    func choices(for f: Field, at path: FieldPath, normalized a: Answers) -> [Choice] {
        let all = form.choices(for: f)
        guard let filter = f.choiceFilter else { return all }
        let scope = Self.scope(of: path)
        return all.filter { eval(filter.root, a, current: .choice($0.value), scope: scope, choice: $0)?.bool == true }
    }

    /// Every problem: per field in form order, then names and answers the form does not take.
    /// - Parameter submitted: the answers the user gave, when they are not all of `raw` (a
    ///   correction merges a few changes into stored answers): a calculated value is refused
    ///   only when submitted and different from the computed one. Nil: all of `raw`.
    func validateAll(_ raw: Answers, normalized: Answers? = nil, submitted: Answers? = nil) -> [ValidationIssue] {
        let a = normalized ?? normalize(raw)
        var out: [ValidationIssue] = []
        // Walks only into relevant groups, so a field is relevant when its own `relevant` holds.
        func walk(_ level: [Field], _ prefix: FieldPath) {
            for f in level {
                let path = prefix.appending(f.name)
                let relevant = f.relevant.map { eval($0.root, a, current: nil, scope: Self.scope(of: path))?.bool == true } ?? true
                guard relevant else { continue }
                if f.isInput { out += issues(of: f, at: path, normalized: a) }
                else if f.calculate != nil { out += calculationIssues(of: f, at: path, normalized: a) }
                if f.type == .repeatGroup {
                    for (i, _) in (a.value(at: path)?.instances ?? []).enumerated() {
                        walk(f.fields, prefix.appending(f.name, index: i + 1))
                    }
                }
            }
        }
        walk(form.fields, FieldPath([]))
        // Normalized answers have no unknown names, no notes and calculations equal to their
        // computed values: nothing structural to find.
        if normalized == nil || submitted != nil {
            out += structuralIssues(raw, level: form.fields, prefix: FieldPath([]), normalized: a, submitted: submitted ?? raw)
        }
        return out
    }

    /// Unknown names, answers to notes, and submitted answers to calculated fields that differ
    /// from the computed value (an equal value is accepted, so normalized answers validate again).
    private func structuralIssues(_ raw: Answers, level: [Field], prefix: FieldPath, normalized a: Answers,
                                  submitted: Answers) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        for name in raw.names {
            let path = prefix.appending(name)
            guard let index = level.firstIndex(where: { $0.name == name }) else {
                out.append(ValidationIssue(path: path, message: FormMessages.unknownField(name,
                    suggestion: FormNames.suggestion(for: name, among: level.map(\.name)), language)))
                continue
            }
            let f = level[index]
            let v = raw[name]
            if f.type == .note {
                out.append(ValidationIssue(path: path, message: FormMessages.noteTakesNoAnswer(name, language)))
            } else if let c = f.calculate, let given = submitted.value(at: path), isRelevant(path, normalized: a) {
                let computed = a.value(at: path)
                if !Self.sameAnswer(given, computed) {
                    out.append(ValidationIssue(path: path, message: FormMessages.calculatedDiffers(name, source: c.source,
                        computed: computed.map { FormMessages.display($0, language) }, given: FormMessages.display(given, language), language)))
                }
            } else if f.type == .repeatGroup, case .group(let inst)? = v {
                for (i, sub) in inst.enumerated() {
                    out += structuralIssues(sub, level: f.fields, prefix: prefix.appending(name, index: i + 1), normalized: a, submitted: submitted)
                }
            }
        }
        return out
    }

    /// Whether a submitted answer equals a computed one (numbers by value: 12 and 12.0 agree).
    static func sameAnswer(_ given: Value, _ computed: Value?) -> Bool {
        guard let computed else { return false }
        if let x = given.number, let y = computed.number { return x == y }
        if case .bool(let b) = computed, let s = given.string { return s == (b ? "yes" : "no") }
        return given == computed
    }
}
