// MARK: - Normalization and relevance

extension FormEvaluator {
    /// Calculations in dependency order; answers of non-relevant fields removed.
    func normalize(_ raw: Answers) -> Answers {
        var a = Self.prune(raw, level: form.fields)
        for (def, f) in calculationOrder {
            for path in instancePaths(def, in: a) {
                let scope = Self.scope(of: path)
                if let r = f.relevant, eval(r.root, a, current: nil, scope: scope)?.bool != true {
                    a.setValue(nil, at: path)
                    continue
                }
                if let c = f.calculate {
                    a.setValue(Self.coerce(eval(c.root, a, current: nil, scope: scope), to: f), at: path)
                }
            }
        }
        return a
    }

    /// Drops names the level does not declare and answers to notes, recursively.
    static func prune(_ answers: Answers, level: [Field]) -> Answers {
        var out = Answers()
        out.values.reserveCapacity(answers.values.count)
        for (name, v) in answers.values {
            // By index: copying a whole Field out per answer showed up in import profiles.
            guard let i = level.firstIndex(where: { $0.name == name }), level[i].type != .note else { continue }
            if level[i].type == .repeatGroup, case .group(let inst) = v {
                out[name] = .group(inst.map { prune($0, level: level[i].fields) })
            } else {
                out[name] = v
            }
        }
        return out
    }

    /// Every concrete path of a definition path: `specimens.smear` gives `specimens[1].smear`,
    /// `specimens[2].smear`, ... for the instances present.
    func instancePaths(_ def: [String], in answers: Answers) -> [FieldPath] {
        var paths = [FieldPath([])]
        for (i, name) in def.enumerated() {
            if i == def.count - 1 { return paths.map { $0.appending(name) } }
            var next: [FieldPath] = []
            for p in paths {
                let n = answers.value(at: p.appending(name))?.instances.count ?? 0
                if n > 0 { for k in 1...n { next.append(p.appending(name, index: k)) } }
            }
            paths = next
        }
        return paths
    }

    /// The repeat instance a field path sits in (nil at top level).
    static func scope(of path: FieldPath) -> FieldPath? {
        path.components.count > 1 ? FieldPath(Array(path.components.dropLast())) : nil
    }

    /// A calculation's result in the shape of its field (integers rounded to whole numbers,
    /// decimals to ten places), or nil.
    static func coerce(_ v: Value?, to f: Field) -> Value? {
        guard let v else { return nil }
        switch f.type {
        case .integer:
            guard let n = v.number, n.isFinite, abs(n) < 9e15 else { return nil }
            return .integer(Int(n.rounded(.toNearestOrAwayFromZero)))
        case .decimal:
            // Ten decimal places: binary noise such as 2.4 + 2.4 + 2.4 = 7.199999999999999 is not stored.
            return v.number.map { n in .decimal(abs(n) < 1e5 ? (n * 1e10).rounded() / 1e10 : n) }
        case .text: return v.string.map(Value.text)
        case .singleChoice: return v.string.map(Value.choice)
        case .multipleChoice:
            if case .choices = v { return v }
            return nil
        case .yesNo:
            if case .bool = v { return v }
            if let s = v.string, s == "yes" || s == "no" { return .bool(s == "yes") }
            return nil
        case .date: return v.date.map(Value.date)
        case .note, .image, .repeatGroup: return nil
        }
    }

    /// Relevance of `path` in already-normalized answers: every level's `relevant` holds.
    func isRelevant(_ path: FieldPath, normalized a: Answers) -> Bool {
        var names: [String] = []
        for (k, c) in path.components.enumerated() {
            names.append(c.name)
            guard let f = form.definition(names) else { return false }
            if let r = f.relevant {
                let scope = k == 0 ? nil : FieldPath(Array(path.components.prefix(k)))
                if eval(r.root, a, current: nil, scope: scope)?.bool != true { return false }
            }
        }
        return !path.components.isEmpty
    }

    func isRequired(_ path: FieldPath, normalized a: Answers) -> Bool {
        guard let f = form.field(at: path), f.isInput, isRelevant(path, normalized: a) else { return false }
        return isRequired(f, at: path, normalized: a)
    }

    /// Whether `f`, the input field at `path`, already known to be relevant, must be answered.
    func isRequired(_ f: Field, at path: FieldPath, normalized a: Answers) -> Bool {
        switch f.required {
        case .never: return false
        case .always: return true
        case .when(let e): return eval(e.root, a, current: nil, scope: Self.scope(of: path))?.bool == true
        }
    }
}
