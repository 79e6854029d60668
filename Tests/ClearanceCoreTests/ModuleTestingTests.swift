import Foundation
import Testing
import ClearanceBuiltins
@testable import ClearanceCore

/// `modules new` (the scaffold) and `modules test` (the harness), without the binary.
@Suite("Module SDK: scaffold and test harness")
struct ModuleTestingTests {
    func scaffoldModule(_ s: ModuleScaffold) throws -> DeclarativeModule {
        let file = try FormLoader.load(yaml: s.moduleFile, origin: s.moduleFileName)
        return DeclarativeModule(form: file.form, spec: try #require(file.module))
    }

    @Test(arguments: [["en"], ["en", "fr", "es"], ["fr"], ["en", "pt"]])
    func theScaffoldLintsCleanAndItsCasesPass(languages: [String]) throws {
        let s = try ModuleScaffold(id: "malaria_rdt", languages: languages)
        let report = FormLoader.report(yaml: s.moduleFile, origin: s.moduleFileName)
        #expect(report.problems == [])
        let expectedWarnings = languages.contains("pt") ? ["pt"] : []
        #expect(report.warnings.map { $0.message.components(separatedBy: "'")[1] } == expectedWarnings)
        let module = try scaffoldModule(s)
        let types = Set(module.form.allFields.map(\.type))
        #expect(types == Set(FieldType.allCases), "every field type")
        #expect(module.form.allFields.contains { $0.calculate != nil && !$0.label.en.isEmpty }, "a calculated field with a label")
        #expect(module.form.allFields.contains { $0.constraint?.source.contains("prev(") == true })
        #expect(module.spec.rules.count == 3)
        let results = ModuleTestRunner.run(try ModuleTestFile.load(yaml: s.casesFile, origin: s.casesFileName), module: module, today: Fixtures.today)
        #expect(results.count == 8)
        for r in results { #expect(r.passed, "\(r.name): \(r.differences)") }
    }

    @Test func badIdsAndLanguagesAreRefused() {
        #expect(throws: ModuleScaffold.Problem.self) { try ModuleScaffold(id: "Malaria") }
        #expect(throws: ModuleScaffold.Problem.self) { try ModuleScaffold(id: "rdt", languages: ["en", "F R"]) }
        #expect((try? ModuleScaffold(id: "rdt", languages: ["fr"]))?.languages == ["en", "fr"])
    }

    static let cases = """
    module: malaria_rdt
    defaults: {date: 2026-03-10, person: {dob: 1990-05-15, sex: F}}
    cases:
      - name: wrong code
        answers: {examined_on: 2026-03-10, weight_kg: 60, height_cm: 165, lab_sent: "no"}
        expect: {codes: [MALARIA-RDT-REFER], values: {bmi: 21.0, "doses[1].given_on": 2026-01-01}}
      - name: an issue expected but none
        answers: {examined_on: 2026-03-10, weight_kg: 60, height_cm: 165, lab_sent: "no"}
        expect: {issues: [weight_kg]}
      - name: an unexpected issue
        answers: {examined_on: 2026-03-10, weight_kg: 600, height_cm: 165, lab_sent: "no"}
        expect: {codes: [MALARIA-RDT-NORMAL]}
      - name: answers of the wrong shape
        date: 2026-04-01
        language: fr
        answers: {examined_on: "hier", weight_kg: 60, height_cm: 165, lab_sent: "no"}
        expect: {issues: [{field: examined_on, message: "n'est pas une date"}]}
      - name: pending is checked
        answers: {examined_on: 2026-03-10, weight_kg: 60, height_cm: 165, lab_sent: "yes", lab_reference: L1}
        expect: {codes: [MALARIA-RDT-PENDING], pending: false}
    """

    @Test func everyDifferenceIsNamed() throws {
        let module = try scaffoldModule(try ModuleScaffold(id: "malaria_rdt"))
        let results = ModuleTestRunner.run(try ModuleTestFile.load(yaml: Self.cases, origin: "c.yaml"), module: module, today: Fixtures.today)
        #expect(results.map(\.passed) == [false, false, false, true, false])
        #expect(results[0].differences == [
            "expected codes [MALARIA-RDT-REFER], got [MALARIA-RDT-NORMAL]",
            "expected bmi = 21.0, got 22.0",
            "expected doses[1].given_on = 2026-01-01, got empty",
        ])
        #expect(results[1].differences == ["expected an issue on weight_kg but there is none", "expected codes [], got [MALARIA-RDT-NORMAL]"])
        #expect(results[2].differences == [
            "unexpected issue: weight_kg: 600 is above the maximum 300 kg; enter 300 or less",
            "expected codes [MALARIA-RDT-NORMAL], got []",
        ])
        #expect(results[4].differences == ["expected pending: false, got true"])
        #expect(results.map(\.line) == [4, 7, 10, 13, 18])
    }

    @Test func casesRunInTheirOwnContext() throws {
        let yaml = """
        form: {id: ctx, version: "1", title: Ctx}
        module:
          id: ctx
          version: 1.0.0
          host_api: "1"
          implementation: declarative
          record_roles: [nurse]
          result_codes: [{code: CTX-OLD, meaning: Old}, {code: CTX-CXR, meaning: CXR}, {code: CTX-PARAM, meaning: Param}, {code: CTX-TODAY, meaning: Today}]
          rules:
            - {code: CTX-OLD, when: "dob() < date('1957-01-01')"}
            - {code: CTX-CXR, when: "has_result('cxr', 'CXR-TB-SUGGESTIVE')"}
            - {code: CTX-PARAM, when: "param('threshold', 10) > 20"}
            - {code: CTX-TODAY, when: "today() = date('2026-05-01') and sex() = 'M'"}
        fields:
          - {name: note, type: text, label: Note}
        """
        let file = try FormLoader.load(yaml: yaml, origin: "ctx.yaml")
        let module = DeclarativeModule(form: file.form, spec: try #require(file.module))
        let cases = """
        cases:
          - name: all of the context
            date: 2026-05-01
            person: {dob: 1950-01-01, sex: M}
            results: {cxr: [CXR-TB-SUGGESTIVE]}
            parameters: {threshold: 30}
            programme: us-panel
            answers: {}
            expect: {codes: [CTX-OLD, CTX-CXR, CTX-PARAM, CTX-TODAY]}
          - name: none of it
            answers: {}
            expect: {codes: []}
        """
        let results = ModuleTestRunner.run(try ModuleTestFile.load(yaml: cases, origin: "c.yaml"), module: module, today: Fixtures.today)
        for r in results { #expect(r.passed, "\(r.name): \(r.differences)") }
    }

    /// A compiled module runs through its own Swift validation and derivation.
    @Test func compiledModulesRunTheirSwiftRules() throws {
        let (builtins, _) = Builtins.load()
        let tb = try #require(builtins.first { $0.manifest.id == "tb" })
        let man = PersonFacts(dateOfBirth: LocalDate("1990-01-01")!, sex: "M", nationality: "GBR")
        let template = tb.form.template(context: ModuleContext(today: Fixtures.today, person: man))
        let json = String(decoding: try JSONSerialization.data(withJSONObject: template, options: [.sortedKeys]), as: UTF8.self)
        let cases = """
        module: tb
        cases:
          - name: the template gives no TB
            date: 2026-03-10
            person: {dob: 1990-01-01, sex: M, nationality: GBR}
            answers: \(json)
            expect: {codes: [TB-NONE]}
        """
        let results = ModuleTestRunner.run(try ModuleTestFile.load(yaml: cases, origin: "tb.cases.yaml"), module: tb, today: Fixtures.today)
        #expect(results.map(\.differences) == [[]])
        // The same case for a woman: the compiled form asks about pregnancy.
        let woman = try ModuleTestFile.load(yaml: cases.replacingOccurrences(of: "sex: M", with: "sex: F"), origin: "tb.cases.yaml")
        #expect(ModuleTestRunner.run(woman, module: tb, today: Fixtures.today).first?.differences.first?.contains("pregnant") == true)
    }

    @Test func malformedTestFilesAreReportedAtTheirPlace() {
        let yaml = """
        cases:
          - name: a
            answer: {}
          - name: a
            answers: []
            date: someday
            person: {dob: 1990-01-01, sex: female}
            expect: {codes: X, issues: [{field: "a[", message: m}]}
        """
        do {
            _ = try ModuleTestFile.load(yaml: yaml, origin: "bad.cases.yaml")
            Issue.record("expected problems")
        } catch let e as FormLoadError {
            #expect(e.problems.map(\.description) == [
                "bad.cases.yaml:2:5: a case lacks required key 'answers'",
                "bad.cases.yaml:3:5: unknown key 'answer' in a case; did you mean 'answers'?",
                "bad.cases.yaml:4:11: case name 'a' is used twice; give each case its own name",
                "bad.cases.yaml:5:14: answers must be a mapping of field names to answers, as in {weight_kg: 60}",
                "bad.cases.yaml:6:11: date 'someday' is not a date; write YYYY-MM-DD",
                "bad.cases.yaml:7:36: person.sex is F, M or X, not 'female'",
                "bad.cases.yaml:8:21: expect.codes must be a list of result codes, as in [VIS-NORMAL] (or [] for none)",
                "bad.cases.yaml:8:41: 'a[' is not a field path; write name, or group[2].name",
            ])
        } catch { Issue.record("\(error)") }
    }
}
