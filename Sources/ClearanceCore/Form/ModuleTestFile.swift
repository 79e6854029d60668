import Foundation
import Yams

/// A module's test cases (`NAME.cases.yaml`), read by `clearance modules test`.
///
/// ```yaml
/// module: penicillin            # optional: must be the module's id
/// defaults:                     # optional: keys every case starts from
///   date: 2026-03-10
///   person: {dob: 1990-05-15, sex: F}
/// cases:
///   - name: three doses on one day are refused
///     answers: {doses: [{given_on: 2026-01-01}, {given_on: 2026-01-01}]}
///     expect:
///       issues: [{field: "doses[2].given_on", message: "7 days"}]
///   - name: a full course
///     parameters: {interval_days: 7}          # the rule pack's parameters for the module
///     results: {cxr: [CXR-NORMAL]}            # other modules' result codes in the case
///     answers: {doses: [{given_on: 2026-01-01}, {given_on: 2026-01-08}]}
///     expect: {codes: [PEN-COMPLETE], values: {dose_count: 2}}
/// ```
/// Answers are written as in the JSON answers of `clearance record` (quote a text that looks
/// like a number or a date). `expect` defaults to no issue and no code.
public struct ModuleTestFile {
    public var origin: String
    /// The module id the file names (`module:`), if any.
    public var module: String?
    public var cases: [ModuleTestCase]

    /// Reads a test file.
    /// - Throws: ``FormLoadError`` with every problem as `file:line:col: message`.
    public static func load(yaml: String, origin: String) throws -> ModuleTestFile {
        try ModuleTestFileParser(origin: origin).parse(yaml)
    }
}

/// One test case: a recording's inputs and what it must give.
public struct ModuleTestCase {
    public var name: String
    /// Line of the case in its file.
    public var line: Int
    /// The recording date (today() in expressions); nil: the real date.
    public var date: LocalDate?
    public var person: PersonFacts?
    public var programme: String?
    public var parameters: [String: Value]
    /// Other modules' result codes in the case, by module id.
    public var results: [String: [String]]
    /// The language of messages (for `message:` expectations).
    public var language: String
    /// The answers as plain JSON values (what `clearance record` reads).
    public var answers: [String: Any]
    public var expectation: ModuleTestExpectation

    /// The context the case records in.
    public func context(today: LocalDate) -> ModuleContext {
        ModuleContext(today: date ?? today, person: person, programme: programme, caseResults: results,
                      parameters: parameters, language: language)
    }
}

/// What a case must give.
public struct ModuleTestExpectation {
    /// One expected issue: its field path and, optionally, a fragment of its message.
    public struct Issue: Hashable, Sendable, CustomStringConvertible {
        public var field: String
        public var message: String?
        public var description: String { message.map { "\(field) (\"\($0)\")" } ?? field }
    }
    /// Issues expected (exactly these fields; none by default).
    public var issues: [Issue] = []
    /// Result codes expected, in any order (none by default).
    public var codes: [String] = []
    /// Whether the derivation must be pending; nil: not checked.
    public var pending: Bool?
    /// Values of fields after normalization (calculated fields), as plain JSON values.
    public var values: [(name: String, value: Any, line: Int)] = []
}

/// Reads test files, collecting every problem.
final class ModuleTestFileParser {
    let origin: String
    private var problems: [FormProblem] = []

    init(origin: String) { self.origin = origin }

    private func problem(_ node: Node?, _ message: String) {
        problems.append(FormProblem(file: origin, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
    }

    func parse(_ yaml: String) throws -> ModuleTestFile {
        let root = try YAMLDocument.compose(yaml, origin: origin,
            empty: "the file is empty; write cases: [...] (see docs/FORMS.md, \"Starting and testing a module\")")
        var file = ModuleTestFile(origin: origin, module: nil, cases: [])
        guard let top = mapping(root, "the test file", known: ["module", "defaults", "cases"], required: ["cases"]) else { throw FormLoadError(problems: problems) }
        file.module = top["module"].flatMap { scalar($0, "module") }
        var defaults = ModuleTestCase(name: "", line: 0, date: nil, person: nil, programme: nil, parameters: [:], results: [:],
                                      language: "en", answers: [:], expectation: ModuleTestExpectation())
        if let d = top["defaults"], let m = mapping(d, "defaults", known: Self.contextKeys) { apply(m, to: &defaults) }
        if let c = top["cases"] {
            if case .sequence(let items) = c {
                if items.isEmpty { problem(c, "cases is empty; add at least one case") }
                var names: Set<String> = []
                for item in items {
                    guard let m = mapping(item, "a case", known: ["name"] + Self.contextKeys + ["answers", "expect"], required: ["name", "answers"]) else { continue }
                    var tc = defaults
                    tc.line = item.mark?.line ?? 0
                    tc.name = m["name"].flatMap { scalar($0, "the name of a case") } ?? ""
                    if !names.insert(tc.name).inserted, let n = m["name"] { problem(n, "case name '\(tc.name)' is used twice; give each case its own name") }
                    apply(m, to: &tc)
                    if let a = m["answers"] {
                        if case .mapping = a { tc.answers = (Self.json(a) as? [String: Any]) ?? [:] }
                        else { problem(a, "answers must be a mapping of field names to answers, as in {weight_kg: 60}") }
                    }
                    if let e = m["expect"] { tc.expectation = expectation(e) }
                    file.cases.append(tc)
                }
            } else {
                problem(c, "cases must be a list of cases (each starting with '- name: ...')")
            }
        }
        if !problems.isEmpty { throw FormLoadError(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }
        return file
    }

    static let contextKeys = ["date", "person", "programme", "parameters", "results", "language"]

    private func apply(_ m: [String: Node], to tc: inout ModuleTestCase) {
        if let n = m["date"], let s = scalar(n, "date") {
            if let d = LocalDate(s) { tc.date = d } else { problem(n, "date '\(s)' is not a date; write YYYY-MM-DD") }
        }
        if let n = m["person"], let p = mapping(n, "person", known: ["dob", "sex", "nationality"], required: ["dob", "sex"]) {
            let dob = p["dob"].flatMap { scalar($0, "person.dob") }.flatMap { s -> LocalDate? in
                if let d = LocalDate(s) { return d }
                problem(p["dob"], "person.dob '\(s)' is not a date; write YYYY-MM-DD"); return nil
            }
            let sex = p["sex"].flatMap { scalar($0, "person.sex") } ?? ""
            if !["F", "M", "X"].contains(sex) { problem(p["sex"], "person.sex is F, M or X, not '\(sex)'") }
            let nationality = p["nationality"].flatMap { scalar($0, "person.nationality") } ?? "XXX"
            if let dob { tc.person = PersonFacts(dateOfBirth: dob, sex: sex, nationality: nationality) }
        }
        if let n = m["programme"] { tc.programme = scalar(n, "programme") }
        if let n = m["language"], let s = scalar(n, "language") { tc.language = s }
        if let n = m["parameters"], let p = mapping(n, "parameters", known: [], others: true) {
            for (k, v) in p {
                guard FormNames.isValidName(k) else { problem(v, "parameter name '\(k)' must be lowercase letters, digits and '_'"); continue }
                guard case .scalar(let s) = v else { problem(v, "parameter '\(k)' must be one value"); continue }
                tc.parameters[k] = Self.value(s)
            }
        }
        if let n = m["results"], let r = mapping(n, "results", known: [], others: true) {
            for (module, v) in r {
                guard case .sequence(let items) = v else { problem(v, "results.\(module) must be a list of result codes, as in [CXR-NORMAL]"); continue }
                tc.results[module] = items.compactMap { scalar($0, "a result code") }
            }
        }
    }

    private func expectation(_ node: Node) -> ModuleTestExpectation {
        var e = ModuleTestExpectation()
        guard let m = mapping(node, "expect", known: ["issues", "codes", "pending", "values"]) else { return e }
        if let n = m["issues"] {
            if case .sequence(let items) = n {
                for item in items {
                    switch item {
                    case .scalar:
                        if let f = scalar(item, "an expected issue") { e.issues.append(.init(field: f, message: nil)) }
                    default:
                        guard let im = mapping(item, "an expected issue", known: ["field", "message"], required: ["field"]) else { continue }
                        if let f = im["field"].flatMap({ scalar($0, "the field of an issue") }) {
                            if FieldPath(f) == nil { problem(im["field"], "'\(f)' is not a field path; write name, or group[2].name") }
                            e.issues.append(.init(field: f, message: im["message"].flatMap { scalar($0, "the message of an issue") }))
                        }
                    }
                }
            } else { problem(n, "expect.issues must be a list of fields or {field, message}") }
        }
        if let n = m["codes"] {
            if case .sequence(let items) = n { e.codes = items.compactMap { scalar($0, "a result code") } }
            else { problem(n, "expect.codes must be a list of result codes, as in [VIS-NORMAL] (or [] for none)") }
        }
        if let n = m["pending"] {
            switch n.scalar?.string.lowercased() {
            case "true", "yes": e.pending = true
            case "false", "no": e.pending = false
            default: problem(n, "expect.pending must be true or false")
            }
        }
        if let n = m["values"], case .mapping(let vm) = n {
            for (k, v) in vm { if let name = k.scalar?.string { e.values.append((name, Self.json(v) ?? NSNull(), v.mark?.line ?? 0)) } }
        } else if let n = m["values"] { problem(n, "expect.values must map field names to values, as in {bmi: 22.0}") }
        if !e.issues.isEmpty && !e.codes.isEmpty, let n = m["codes"] {
            problem(n, "a case that expects issues is refused, so it gives no codes; remove expect.codes or the issues")
        }
        return e
    }

    // MARK: - YAML reads

    private func mapping(_ node: Node, _ what: String, known: [String], required: [String] = [], others: Bool = false) -> [String: Node]? {
        guard case .mapping(let m) = node else { problem(node, "\(what) must be a mapping (key: value)"); return nil }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard let key = k.scalar?.string else { problem(k, "keys of \(what) must be plain words"); continue }
            if !others && !known.contains(key) {
                var msg = "unknown key '\(key)' in \(what)"
                if let s = FormNames.suggestion(for: key, among: known) { msg += "; did you mean '\(s)'?" } else { msg += "; known keys: \(known.joined(separator: ", "))" }
                problem(k, msg); continue
            }
            out[key] = v
        }
        for r in required where out[r] == nil { problem(node, "\(what) lacks required key '\(r)'") }
        return out
    }

    private func scalar(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node, !s.string.isEmpty else { problem(node, "\(what) must be text"); return nil }
        return s.string
    }

    /// A YAML node as the plain JSON value `clearance record` would read: unquoted numbers,
    /// `true`/`false` and `null`/`~`/nothing are typed, everything else is text.
    static func json(_ node: Node) -> Any? {
        switch node {
        case .scalar(let s):
            guard s.style == .plain || s.style == .any else { return s.string }
            let t = s.string
            if t.isEmpty || t == "~" || t == "null" { return NSNull() }
            if t == "true" { return true }
            if t == "false" { return false }
            if let i = Int(t) { return i }
            if let d = Double(t), d.isFinite, t.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true { return d }
            return t
        case .sequence(let items): return items.map { json($0) ?? NSNull() }
        case .mapping(let m):
            var out: [String: Any] = [:]
            for (k, v) in m { if let key = k.scalar?.string { out[key] = json(v) ?? NSNull() } }
            return out
        case .alias: return nil
        }
    }

    /// A parameter's value: numbers, yes/no, dates, else text.
    static func value(_ s: Node.Scalar) -> Value {
        let t = s.string
        if s.style == .plain || s.style == .any {
            if let i = Int(t) { return .integer(i) }
            if let d = Double(t), d.isFinite, t.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true { return .decimal(d) }
            if ["true", "yes"].contains(t.lowercased()) { return .bool(true) }
            if ["false", "no"].contains(t.lowercased()) { return .bool(false) }
        }
        if let d = LocalDate(t) { return .date(d) }
        return .text(t)
    }
}
