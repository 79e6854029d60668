// MARK: - Validation

extension FormEvaluator {
    /// Problems of one field in normalized answers.
    func issues(for path: FieldPath, normalized a: Answers) -> [ValidationIssue] {
        guard let f = form.field(at: path), f.isInput, isRelevant(path, normalized: a) else { return [] }
        return issues(of: f, at: path, normalized: a)
    }

    /// Problems of `f`, the input field at `path`, already known to be relevant.
    private func issues(of f: Field, at path: FieldPath, normalized a: Answers) -> [ValidationIssue] {
        let value = a.value(at: path)
        var label: String { f.label.en.isEmpty ? f.name : f.label.en }
        if f.type == .repeatGroup {
            var messages = value.map { FieldRules.problems($0, field: f, choices: []) } ?? []
            if messages.isEmpty {
                let n = value?.instances.count ?? 0
                let lo = Swift.max(f.minCount ?? 0, isRequired(f, at: path, normalized: a) ? 1 : 0)
                if n < lo {
                    messages.append(n == 0 ? "\(label): at least \(lo == 1 ? "one entry is" : "\(lo) entries are") required"
                                           : "\(n) entr\(n == 1 ? "y" : "ies"); at least \(lo) are required, add \(lo - n) more")
                }
                if let hi = f.maxCount, n > hi {
                    messages.append("\(n) entries; at most \(hi) \(hi == 1 ? "is" : "are") allowed, remove \(n - hi)")
                }
            }
            return messages.map { ValidationIssue(path: path, message: $0) }
        }
        guard let value else {
            guard isRequired(f, at: path, normalized: a) else { return [] }
            return [ValidationIssue(path: path, message: "\(label): an answer is required")]
        }
        var messages = FieldRules.problems(value, field: f, choices: form.choices(for: f))
        if messages.isEmpty, let c = f.constraint,
           eval(c.root, a, current: value, scope: Self.scope(of: path))?.bool != true {
            let why = f.constraintMessage?.en ?? "must satisfy \(c.source)"
            messages.append("\(value.display): \(why)")
        }
        return messages.map { ValidationIssue(path: path, message: $0) }
    }

    /// Every problem: per field in form order, then names and answers the form does not take.
    func validateAll(_ raw: Answers, normalized: Answers? = nil) -> [ValidationIssue] {
        let a = normalized ?? normalize(raw)
        var out: [ValidationIssue] = []
        // Walks only into relevant groups, so a field is relevant when its own `relevant` holds.
        func walk(_ level: [Field], _ prefix: FieldPath) {
            for f in level {
                let path = prefix.appending(f.name)
                let relevant = f.relevant.map { eval($0.root, a, current: nil, scope: Self.scope(of: path))?.bool == true } ?? true
                guard relevant else { continue }
                if f.isInput { out += issues(of: f, at: path, normalized: a) }
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
        if normalized == nil { out += structuralIssues(raw, level: form.fields, prefix: FieldPath([]), normalized: a) }
        return out
    }

    /// Unknown names, answers to notes, answers to calculated fields that differ from the
    /// computed value (an equal value is accepted, so normalized answers validate again).
    private func structuralIssues(_ raw: Answers, level: [Field], prefix: FieldPath, normalized a: Answers) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        for name in raw.names {
            let path = prefix.appending(name)
            guard let index = level.firstIndex(where: { $0.name == name }) else {
                var msg = "unknown field '\(name)'; the form has no such field"
                if let s = FormNames.suggestion(for: name, among: level.map(\.name)) { msg += " (did you mean '\(s)'?)" }
                out.append(ValidationIssue(path: path, message: msg))
                continue
            }
            let f = level[index]
            let v = raw[name]
            if f.type == .note {
                out.append(ValidationIssue(path: path, message: "'\(name)' is a note and takes no answer; remove it"))
            } else if f.calculate != nil, v != a.value(at: path) {
                out.append(ValidationIssue(path: path, message: "'\(name)' is calculated by the form (\(f.calculate?.source ?? "")); remove it from the answers"))
            } else if f.type == .repeatGroup, case .group(let inst)? = v {
                for (i, sub) in inst.enumerated() {
                    out += structuralIssues(sub, level: f.fields, prefix: prefix.appending(name, index: i + 1), normalized: a)
                }
            }
        }
        return out
    }
}
