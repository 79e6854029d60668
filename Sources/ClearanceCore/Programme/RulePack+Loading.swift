import Yams

extension RulePack {
    /// Loads a rule pack from its YAML text (format: `docs/PROGRAMMES.md`).
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - origin: its path, named in every problem.
    /// - Throws: ``FormLoadError`` listing every problem as `file:line:col: message`.
    public static func load(yaml: String, origin: String) throws -> RulePack {
        var reader = YAMLReader(origin: origin)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw FormLoadError(problems: [FormProblem(file: origin, line: 1, column: 1, message: "the file is empty; a rule pack needs a `programme:` section")])
            }
            root = node
        } catch let e as FormLoadError { throw e } catch {
            throw FormLoadError(problems: [FormProblem(file: origin, line: 1, column: 1, message: "not valid YAML: \(error)")])
        }
        let pack = reader.rulePack(root)
        if !reader.problems.isEmpty || pack == nil { throw FormLoadError(problems: reader.problems) }
        return pack!
    }

    /// Loads a rule pack and checks it against the installed modules: what the host does for
    /// every pack it finds, and what `clearance modules lint` reports.
    /// - Throws: ``FormLoadError`` with every problem of the file and of ``problems(against:)``.
    public static func load(yaml: String, origin: String, checkedAgainst registry: ModuleRegistry) throws -> RulePack {
        let pack = try load(yaml: yaml, origin: origin)
        let problems = pack.problems(against: registry)
        if !problems.isEmpty { throw FormLoadError(problems: problems) }
        return pack
    }

    /// Problems that need the module table, each at its `file:line:col`: a required module,
    /// a parameter block or the validity anchor naming a module that is not installed; a
    /// parameter a module does not read or of the wrong type; an outcome rule or a
    /// `when_results` code that no installed module produces (with the closest code when it
    /// looks like a typo). The host refuses a pack with any of them.
    public func problems(against registry: ModuleRegistry) -> [FormProblem] {
        var out: [FormProblem] = []
        func add(_ path: String, _ message: String) {
            let at = marks.location(path)
            out.append(FormProblem(file: origin, line: at.line, column: at.column, message: message))
        }
        let installed = registry.modules.map(\.manifest.id)
        func unknownModule(_ id: String, _ what: String) -> String {
            var m = "\(what) module '\(id)', which is not installed"
            if let near = FormNames.suggestion(for: id, among: installed) { m += "; did you mean '\(near)'?" }
            return m + " (installed: \(installed.joined(separator: ", ")); see `clearance modules list`)"
        }
        let known = registry.modules.flatMap { $0.manifest.resultCodes.map(\.code) }
        func checkCodes(_ patterns: [String], _ path: String, _ owner: String) {
            for (i, pattern) in patterns.enumerated() where !known.contains(where: { RulePack.glob(pattern, matches: $0) }) {
                var m = "\(owner): no installed module produces a result code matching '\(pattern)'"
                if let near = FormNames.suggestion(for: pattern, among: known) { m += "; did you mean '\(near)'?" }
                else { m += "; check the spelling against `clearance modules show MODULE`" }
                add("\(path).\(i)", m)
            }
        }
        for (i, r) in requirements.enumerated() {
            if registry.module(r.module) == nil { add("requires.\(i).module", unknownModule(r.module, "requires")) }
            checkCodes(r.whenResults, "requires.\(i).when_results", "the requirement of '\(r.module)' (when_results)")
        }
        for (module, values) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let m = registry.module(module) else {
                add("parameters.\(module)", unknownModule(module, "parameters are given for"))
                continue
            }
            guard let declared = m.manifest.parameters else { continue }
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                guard let spec = declared.first(where: { $0.name == name }) else {
                    var msg = "module '\(module)' has no parameter '\(name)'"
                    if let near = FormNames.suggestion(for: name, among: declared.map(\.name)) { msg += "; did you mean '\(near)'?" }
                    add("parameters.\(module).\(name)", msg + " (it reads: \(declared.map(\.name).joined(separator: ", ")))")
                    continue
                }
                if let problem = spec.problem(with: value) { add("parameters.\(module).\(name)", "parameter '\(name)' of '\(module)': \(problem)") }
            }
        }
        // A programme-wide setting is checked by every module that declares it reads it.
        if let hivAlgorithm {
            for m in registry.modules where m.manifest.programmeSettings.contains("hiv_algorithm") {
                if let spec = m.manifest.parameters?.first(where: { $0.name == "hiv_algorithm" }),
                   let problem = spec.problem(with: .text(hivAlgorithm)) {
                    add("programme.hiv_algorithm", "hiv_algorithm: \(problem)")
                }
            }
        }
        for (i, rule) in outcomes.enumerated() {
            checkCodes(rule.codes, "outcomes.\(i).codes", "outcome rule '\(rule.name)'")
        }
        if let anchor = validity.anchorModule, registry.module(anchor) == nil {
            add("certificate.valid_from", unknownModule(anchor, "valid_from names"))
        }
        return out
    }
}

/// Walks a composed YAML tree, collecting problems with their line and column.
struct YAMLReader {
    let origin: String
    var problems: [FormProblem] = []
    var marks = SourceMarks()

    mutating func mark(_ path: String, _ node: Node?) {
        if let m = node?.mark { marks.set(path, line: m.line, column: m.column) }
    }

    /// Result codes or patterns of a list (`codes:`, `when_results:`): upper case, digits,
    /// `-` and `*` only, so a lower-case or mistyped code never silently matches nothing.
    mutating func codeList(_ node: Node?, _ key: String, _ owner: String, path: String) -> [String] {
        guard let node else { return [] }
        let items: [Node]
        if let seq = node.sequence { items = Array(seq) } else if node.scalar != nil { items = [node] } else {
            problem(node, "`\(key)` of \(owner) must be a list of result codes such as [TB-A, TB-B1-*]"); return []
        }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard let code = item.scalar?.string, !code.isEmpty else { problem(item, "`\(key)` of \(owner) must list result codes as texts"); continue }
            mark("\(path).\(i)", item)
            let body = code.replacingOccurrences(of: "*", with: "")
            if code.uppercased() != code {
                problem(item, "result code '\(code)' in \(owner) is not upper case; result codes are upper case: write '\(code.uppercased())'")
            } else if !(body.isEmpty || code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_*".unicodeScalars.contains($0) }) {
                problem(item, "'\(code)' in \(owner) is not a result code: use upper-case letters, digits, '-' and '*' (as in TB-B1-*)")
            }
            out.append(code)
        }
        return out
    }

    init(origin: String) { self.origin = origin }

    mutating func problem(_ node: Node?, _ message: String) {
        problems.append(FormProblem(file: origin, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
    }

    mutating func mapping(_ node: Node?, _ what: String) -> Node.Mapping? {
        guard let node else { return nil }
        guard let m = node.mapping else { problem(node, "\(what) must be a mapping of keys to values"); return nil }
        return m
    }

    mutating func string(_ m: Node.Mapping, _ key: String, _ owner: Node?, required: Bool = true) -> String? {
        guard let n = m[key] else {
            if required { problem(owner, "missing `\(key)`") }
            return nil
        }
        guard let s = n.scalar?.string, !s.isEmpty else { problem(n, "`\(key)` must be a non-empty text"); return nil }
        return s
    }

    mutating func int(_ m: Node.Mapping, _ key: String) -> Int? {
        guard let n = m[key] else { return nil }
        guard let s = n.scalar?.string, let i = Int(s), i >= 0 else { problem(n, "`\(key)` must be a whole number >= 0"); return nil }
        return i
    }

    mutating func text(_ node: Node?, _ key: String) -> LocalizedText? {
        guard let node else { return nil }
        if let s = node.scalar?.string { return LocalizedText(["en": s]) }
        guard let m = node.mapping else { problem(node, "`\(key)` must be a text or a map of language codes"); return nil }
        var t: [String: String] = [:]
        for (k, v) in m {
            guard let lang = k.scalar?.string, let s = v.scalar?.string else { problem(v, "`\(key)` translations must be texts"); continue }
            t[lang] = s
        }
        if t["en"] == nil { problem(node, "`\(key)` needs an English (`en`) text") }
        return LocalizedText(t)
    }

    mutating func checkKeys(_ m: Node.Mapping, _ allowed: Set<String>, _ what: String) {
        for (k, _) in m {
            guard let key = k.scalar?.string else { continue }
            if !allowed.contains(key) {
                problem(k, "unknown key `\(key)` in \(what); allowed: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    /// A YAML scalar or list as a ``Value``: integers, decimals, yes/true/false, dates, texts, lists.
    mutating func value(_ node: Node) -> Value? {
        if let seq = node.sequence { return .choices(seq.compactMap { $0.scalar?.string }) }
        guard let scalar = node.scalar else { problem(node, "a parameter must be a number, text, yes/no, date or list"); return nil }
        let s = scalar.string
        if scalar.style == .plain {
            if let i = Int(s) { return .integer(i) }
            if let d = Double(s) { return .decimal(d) }
            if ["true", "yes"].contains(s) { return .bool(true) }
            if ["false", "no"].contains(s) { return .bool(false) }
            if let d = LocalDate(s) { return .date(d) }
        }
        return .text(s)
    }

    mutating func rulePack(_ root: Node) -> RulePack? {
        guard let top = mapping(root, "a rule pack") else { return nil }
        checkKeys(top, ["programme", "requires", "parameters", "outcomes", "certificate"], "the rule pack")
        guard let progNode = top["programme"] else { problem(root, "missing `programme:` section (id, version, title, destination)"); return nil }
        guard let prog = mapping(progNode, "`programme`") else { return nil }
        checkKeys(prog, ["id", "version", "title", "destination", "hiv_algorithm"], "`programme`")
        let id = string(prog, "id", progNode) ?? ""
        let version = string(prog, "version", progNode) ?? ""
        let title = text(prog["title"], "title") ?? LocalizedText(["en": id])
        if prog["title"] == nil { problem(progNode, "missing `title`") }
        let destination = string(prog, "destination", progNode) ?? ""
        let hiv = string(prog, "hiv_algorithm", progNode, required: false)

        var requirements: [ModuleRequirement] = []
        if let reqNode = top["requires"] {
            if let seq = reqNode.sequence {
                for item in seq {
                    guard let m = mapping(item, "a `requires` entry") else { continue }
                    checkKeys(m, ["module", "min_age", "max_age", "sex", "when_results"], "a `requires` entry")
                    guard let module = string(m, "module", item) else { continue }
                    let path = "requires.\(requirements.count)"
                    mark(path, item); mark(path + ".module", m["module"])
                    let sex = string(m, "sex", item, required: false)
                    if let sex, !["F", "M", "X"].contains(sex) { problem(m["sex"], "`sex` must be F, M or X") }
                    let minAge = int(m, "min_age"), maxAge = int(m, "max_age")
                    if let minAge, let maxAge, minAge > maxAge {
                        problem(m["min_age"], "module '\(module)': min_age \(minAge) is above max_age \(maxAge), so no one is ever required to have it; "
                                + "swap them or correct one (both are inclusive)")
                    }
                    let when = codeList(m["when_results"], "when_results", "the requirement of '\(module)'", path: path + ".when_results")
                    if m["when_results"] != nil && when.isEmpty { problem(m["when_results"], "`when_results` of '\(module)' is empty; list result codes or remove it") }
                    requirements.append(ModuleRequirement(module: module, minAge: minAge, maxAge: maxAge, sex: sex, whenResults: when))
                }
            } else { problem(reqNode, "`requires` must be a list of `{module: ID, min_age: N, max_age: N, sex: F|M, when_results: [CODE]}`") }
        } else { problem(root, "missing `requires:` (the modules the programme needs)") }

        var parameters: [String: [String: Value]] = [:]
        if let pNode = top["parameters"], let pm = mapping(pNode, "`parameters`") {
            for (k, v) in pm {
                guard let module = k.scalar?.string, let inner = mapping(v, "parameters of `\(k.scalar?.string ?? "?")`") else { continue }
                mark("parameters.\(module)", k)
                var values: [String: Value] = [:]
                for (pk, pv) in inner {
                    guard let name = pk.scalar?.string else { continue }
                    // A table (a mapping of rows, each a mapping of cells) gives one parameter
                    // per cell, named ROW_COLUMN: `vaccines: {mmr: {min_age_months: 12}}` is
                    // `mmr_min_age_months`. The table's own name is only a heading.
                    if let rows = pv.mapping {
                        for (rk, rv) in rows {
                            guard let row = rk.scalar?.string, let cells = mapping(rv, "row `\(row)` of table `\(name)` (a mapping of column: value)") else { continue }
                            for (ck, cv) in cells {
                                guard let column = ck.scalar?.string else { continue }
                                let cell = "\(row)_\(column)"
                                if values[cell] != nil { problem(ck, "parameter '\(cell)' of '\(module)' is given twice (table `\(name)`)") }
                                mark("parameters.\(module).\(cell)", cv)
                                if let val = value(cv) { values[cell] = val }
                            }
                        }
                        continue
                    }
                    mark("parameters.\(module).\(name)", pv)
                    if let val = value(pv) { values[name] = val }
                }
                parameters[module] = values
            }
        }

        var outcomes: [OutcomeRule] = []
        if let oNode = top["outcomes"] {
            if let seq = oNode.sequence {
                for item in seq {
                    guard let m = mapping(item, "an outcome rule") else { continue }
                    checkKeys(m, ["name", "codes", "decision", "reason", "conditions"], "an outcome rule")
                    let name = string(m, "name", item) ?? "?"
                    let path = "outcomes.\(outcomes.count)"
                    mark(path, item)
                    let codes = codeList(m["codes"], "codes", "outcome rule '\(name)'", path: path + ".codes")
                    if codes.isEmpty { problem(item, "outcome rule '\(name)' needs `codes` (result codes or patterns like TB-B1-*)") }
                    let decisionText = string(m, "decision", item) ?? ""
                    guard let decision = FitnessDecision(rawValue: decisionText) else {
                        if !decisionText.isEmpty { problem(m["decision"], "decision '\(decisionText)' is not one of FIT, FIT-WITH-CONDITIONS, UNFIT, PENDING") }
                        continue
                    }
                    let reason = text(m["reason"], "reason") ?? LocalizedText(["en": name])
                    if m["reason"] == nil { problem(item, "outcome rule '\(name)' needs a `reason`") }
                    let conditions = string(m, "conditions", item, required: false)
                    if decision == .fitWithConditions && conditions == nil {
                        problem(item, "outcome rule '\(name)' decides FIT-WITH-CONDITIONS and needs `conditions`")
                    }
                    outcomes.append(OutcomeRule(name: name, codes: codes, decision: decision, reason: reason, conditions: conditions))
                }
            } else { problem(oNode, "`outcomes` must be a list of rules") }
        }

        var validity = Validity(months: 0, days: 0)
        if let cNode = top["certificate"], let c = mapping(cNode, "`certificate`") {
            checkKeys(c, ["validity_months", "validity_days", "valid_from"], "`certificate`")
            validity.months = int(c, "validity_months") ?? 0
            validity.days = int(c, "validity_days") ?? 0
            if let from = string(c, "valid_from", cNode, required: false), from != "issue" {
                validity.anchorModule = from
                mark("certificate.valid_from", c["valid_from"])
            }
            if validity.months == 0 && validity.days == 0 { problem(cNode, "certificate validity is zero: set `validity_months` or `validity_days`") }
        } else { problem(root, "missing `certificate:` (validity_months or validity_days, valid_from)") }

        mark("programme.hiv_algorithm", prog["hiv_algorithm"])
        var pack = RulePack(id: id, version: version, title: title, destination: destination, requirements: requirements,
                            parameters: parameters, outcomes: outcomes, validity: validity, hivAlgorithm: hiv, origin: origin)
        pack.marks = marks
        return pack
    }
}
