import Foundation

/// Runs a module's test cases with no database: each case's answers go through the same
/// steps as a recording (decode the JSON answers, ``ScreeningModule/check(_:submitted:context:final:visible:)``,
/// then ``ScreeningModule/derive(_:context:)``), and what comes out is compared with what the
/// case expects.
///
/// ```swift
/// let results = ModuleTestRunner.run(try ModuleTestFile.load(yaml: text, origin: "vision.cases.yaml"),
///                                    module: module, today: LocalDate(Date()))
/// print("\(results.filter(\.passed).count) passed, \(results.filter { !$0.passed }.count) failed")
/// ```
public enum ModuleTestRunner {
    /// Runs every case, in file order.
    /// - Parameter today: the recording date of cases that give none.
    public static func run(_ file: ModuleTestFile, module: any ScreeningModule, today: LocalDate) -> [ModuleTestResult] {
        file.cases.map { run($0, module: module, today: today, origin: file.origin) }
    }

    /// Runs one case.
    public static func run(_ tc: ModuleTestCase, module: any ScreeningModule, today: LocalDate, origin: String = "") -> ModuleTestResult {
        let context = tc.context(today: today)
        var outcome = ModuleTestOutcome()
        do {
            let answers = try module.form.decodeAnswers(tc.answers, language: tc.language)
            let checked = module.check(answers, context: context)
            outcome.issues = checked.issues
            outcome.answers = checked.answers
            if checked.issues.isEmpty {
                let d = module.derive(checked.answers, context: context)
                outcome.codes = d.resultCodes
                outcome.pending = d.pending
            }
        } catch let e as AnswerDecodingError {
            outcome.issues = e.issues
        } catch {
            outcome.issues = [ValidationIssue(field: "(answers)", message: "\(error)")]
        }
        return ModuleTestResult(name: tc.name, file: origin, line: tc.line, outcome: outcome,
                                differences: differences(tc.expectation, outcome, form: module.form, language: tc.language))
    }

    /// What differs between the expectation and the outcome, one line each.
    static func differences(_ e: ModuleTestExpectation, _ o: ModuleTestOutcome, form: FormSpec, language: String) -> [String] {
        var out: [String] = []
        var unmatched = o.issues
        for want in e.issues {
            if let i = unmatched.firstIndex(where: { issue in issue.path.description == want.field && (want.message.map { issue.message.contains($0) } ?? true) }) {
                unmatched.remove(at: i)
            } else if let other = o.issues.first(where: { $0.path.description == want.field }) {
                out.append("expected an issue on \(want.field) saying \"\(want.message ?? "")\", got \"\(other.message)\"")
            } else {
                out.append("expected an issue on \(want) but there is none")
            }
        }
        for issue in unmatched where !e.issues.contains(where: { $0.field == issue.path.description }) {
            out.append("unexpected issue: \(issue.path): \(issue.message)")
        }
        if o.issues.isEmpty || !e.codes.isEmpty {
            if o.codes.sorted() != e.codes.sorted() {
                out.append("expected codes [\(e.codes.joined(separator: ", "))], got [\(o.codes.joined(separator: ", "))]")
            }
        }
        if let p = e.pending, o.issues.isEmpty, p != o.pending {
            out.append("expected pending: \(p), got \(o.pending)")
        }
        for (name, raw, line) in e.values {
            guard let path = FieldPath(name), let f = form.field(at: path) else {
                out.append("expect.values names '\(name)' (line \(line)), which the form does not have"); continue
            }
            let got = o.answers.value(at: path)
            let want: Value?
            if raw is NSNull { want = nil } else {
                want = (try? form.decodeAnswers([path.components[0].name: Self.nest(raw, path: path)], language: language))?.value(at: path)
                if want == nil { out.append("expect.values.\(name): \(raw) is not a value of a \(f.type.rawValue) field"); continue }
            }
            if !(want.map { FormEvaluator.sameAnswer($0, got) } ?? (got == nil)) {
                out.append("expected \(name) = \(want.map(\.display) ?? "empty"), got \(got.map(\.display) ?? "empty")")
            }
        }
        return out
    }

    /// A value for `a[2].b` as the JSON of its top-level field (rows before it left empty).
    private static func nest(_ raw: Any, path: FieldPath) -> Any {
        guard path.components.count > 1 else { return raw }
        let rest = FieldPath(Array(path.components.dropFirst()))
        let inner: [String: Any] = [rest.components[0].name: nest(raw, path: rest)]
        let index = path.components[0].index ?? 1
        return Array(repeating: [String: Any](), count: index - 1) + [inner]
    }
}

/// What a case gave.
public struct ModuleTestOutcome: Sendable {
    public var issues: [ValidationIssue] = []
    /// The answers as they would be stored.
    public var answers = Answers()
    public var codes: [String] = []
    public var pending = false
}

/// A case's result: passed when there is no difference.
public struct ModuleTestResult: Sendable {
    public var name: String
    public var file: String
    public var line: Int
    public var outcome: ModuleTestOutcome
    /// What differs from the expectation, one line each (empty: passed).
    public var differences: [String]
    public var passed: Bool { differences.isEmpty }
}
