import Testing
@testable import ClearanceCore

@Suite("Form loader lint")
struct FormLoaderLintTests {
    @Test func validFixtureLoads() throws {
        let form = try Fixtures.load(Fixtures.screening)
        #expect(form.fields.map(\.name) == ["cough", "cough_weeks", "threshold", "double_threshold", "methods", "specimens"])
        #expect(form.field(at: FieldPath("specimens[1].smear")!)?.choiceList == "smear")
        #expect(form.field(named: "threshold")?.step == 5)
        #expect(form.field(named: "specimens")?.maxCount == 3)
    }

    /// Several mistakes at once, each reported at its own line and column.
    @Test func brokenFileReportsEveryProblemAtItsPlace() {
        let yaml = """
        form:
          id: broken
          version: "1"
          title: {en: Broken, fr: Cassé}
          languages: [en, fr]
        choices:
          yn:
            - {value: a, label: {en: A, fr: A}}
            - {value: a, label: {en: B, fr: B}}
        fields:
          - name: Cough
            type: yes_no
            label: {en: Cough}
          - name: weeks
            type: integr
            label: {en: Weeks, fr: Semaines}
          - name: size
            type: integer
            lable: {en: Size, fr: Taille}
            min: 10
            max: 5
            step: 0
          - name: pick
            type: select_one
            choices: nolist
            label: {en: Pick, fr: Choix}
            relevant: "${size} > 'x'"
          - name: later
            type: text
            label: {en: Later, fr: Plus tard}
            relevant: "${nosuch} = 1 and ${size} > 2"
        """
        let report = FormLoader.report(yaml: yaml, origin: "broken.yaml")
        let problems = report.problems
        let where_ = problems.map { "\($0.line):\($0.column)" }
        func has(_ line: Int, _ col: Int, _ fragment: String) -> Bool {
            problems.contains { $0.line == line && $0.column == col && $0.message.contains(fragment) }
        }
        #expect(has(9, 15, "appears twice"), "duplicate choice value: \(where_)")
        #expect(has(11, 11, "must be lowercase"), "bad name")
        // A missing translation is a warning (the English text is shown), once per language.
        #expect(report.warnings.map(\.description) == [
            "broken.yaml:13:12: 1 text has no 'fr' translation (the first is here); it is shown in English to users who chose fr",
        ])
        #expect(has(15, 11, "did you mean 'integer'"), "unknown type")
        #expect(has(19, 5, "unknown key 'lable'"), "unknown key")
        #expect(has(21, 10, "below its min"), "min > max")
        #expect(has(22, 11, "greater than 0"), "step 0")
        #expect(has(25, 14, "not defined under choices"), "missing list")
        #expect(has(27, 16, "'>' compares"), "type error inside expression")
        #expect(has(31, 16, "unknown field 'nosuch'"), "unknown reference")
        #expect(problems.allSatisfy { $0.description.hasPrefix("broken.yaml:") })
        #expect(problems.count == 10)
        #expect(has(17, 5, "lacks required key 'label'"), "label misspelt, so missing")
    }

    @Test func syntaxErrorColumnIsInsideTheQuotedExpression() {
        let yaml = """
        form: {id: f, version: "1", title: F}
        fields:
          - name: a
            type: integer
            label: A
          - name: b
            type: text
            label: B
            relevant: "${a} = = 2"
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "f.yaml")
        // The quote is at column 15, so the expression starts at 16 and its column 8 is file column 23.
        #expect(problems.map(\.description) == ["f.yaml:9:23: relevant of field 'b': expected a value, found '='"])
    }

    @Test func cyclesAmongCalculateAndRelevantAreReported() {
        let yaml = """
        form: {id: f, version: "1", title: F}
        fields:
          - name: a
            type: integer
            calculate: "${b} + 1"
          - name: b
            type: integer
            label: B
            relevant: "${c} > 0"
          - name: c
            type: integer
            calculate: "${a} * 2"
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "f.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.message.contains("cycle among calculate/relevant: a -> b -> c -> a") == true)
    }

    @Test func typeErrorsAreReported() {
        let yaml = """
        form: {id: f, version: "1", title: F}
        choices:
          res: [{value: pos, label: Positive}, {value: neg, label: Negative}]
        fields:
          - name: d
            type: date
            label: D
          - name: r
            type: select_one
            choices: res
            label: R
          - name: yn
            type: yes_no
            label: YN
          - name: n
            type: integer
            calculate: "${d}"
          - name: t
            type: text
            label: T
            relevant: "${r} = 'maybe' or ${yn} = 'yep'"
            constraint: "length(.) + 1"
            constraint_message: Too short
          - name: u
            type: text
            label: U
            relevant: "count(${d}) > 0 or frobnicate(1) or round()"
        """
        let messages = FormLoader.lint(yaml: yaml, origin: "f.yaml").map(\.description)
        #expect(messages.contains { $0.contains("calculate of field 'n': gives a date, which cannot fill a integer field") })
        #expect(messages.contains { $0.contains(":21:23:") && $0.contains("'maybe' is not a value of choice list 'res'") })
        #expect(messages.contains { $0.contains(":21:42:") && $0.contains("'yes' or 'no', not 'yep'") })
        #expect(messages.contains { $0.contains("constraint of field 't': must be a condition") })
        #expect(messages.contains { $0.contains("argument 1 of count() must be a repeat group") })
        #expect(messages.contains { $0.contains("unknown function 'frobnicate'") })
        #expect(messages.contains { $0.contains("round() takes 1 to 2 arguments, given 0") })
    }

    /// A misspelt function names the one meant and how it is called; a row function's
    /// arguments are then not reported again as fields read from outside their group; a wrong
    /// argument type of the new functions names the argument, its type and the usage.
    @Test func misspeltFunctionsAndWrongArgumentsArePositionedWithTheFix() {
        let yaml = """
        form: {id: bad, version: "1", title: Bad}
        fields:
          - {name: given, type: date, label: Given}
          - {name: titre, type: text, label: Titre}
          - {name: doses, type: repeat, label: Doses, fields: [{name: units, type: decimal, label: Units}]}
          - {name: a, type: integer, label: A, calculate: "age_att(${given})"}
          - {name: b, type: integer, label: B, calculate: "count_wher(${doses}, ${units} > 1)"}
          - {name: c, type: integer, label: C, calculate: "age_at(${titre})"}
          - {name: d, type: integer, label: D, calculate: "any(${titre}, ${units} > 1)"}
          - {name: e, type: integer, label: E, calculate: "number(${given})"}
          - {name: f, type: integer, label: F, calculate: "sum(${doses}, ${unit})"}
          - {name: g, type: integer, label: G, calculate: "frobnicate(1)"}
        """
        let messages = FormLoader.lint(yaml: yaml, origin: "f.yaml").map(\.description)
        #expect(messages.contains("f.yaml:6:52: calculate of field 'a': unknown function 'age_att'; did you mean age_at(date)?"))
        #expect(messages.contains("f.yaml:7:52: calculate of field 'b': unknown function 'count_wher'; did you mean count_where(${repeat}, row condition)?"))
        #expect(!messages.contains { $0.contains("field 'b'") && $0.contains("inside repeat") })
        #expect(messages.contains("f.yaml:8:59: calculate of field 'c': argument 1 of age_at() must be a date, not a text; write age_at(date)"))
        #expect(messages.contains { $0.hasPrefix("f.yaml:9:") && $0.contains("argument 1 of any() must be a repeat group, not a text") })
        #expect(messages.contains { $0.hasPrefix("f.yaml:10:") && $0.contains("argument 1 of number() must be text, not a date") })
        #expect(messages.contains { $0.hasPrefix("f.yaml:11:") && $0.contains("did you mean ${units}?") })
        #expect(messages.contains { $0.hasPrefix("f.yaml:12:") && $0.contains("unknown function 'frobnicate'; the functions are: abs,") })
        #expect(messages.count == 7)
    }

    @Test func moduleSectionIsChecked() {
        let yaml = """
        form: {id: vis, version: "1", title: V}
        module:
          id: other
          version: one
          host_api: "2.0"
          implementation: magic
          record_roles: [nurse, wizard]
          result_codes:
            - {code: VIS-A, meaning: A}
            - {code: VIS-A, meaning: A again}
          rules:
            - {code: VIS-B, when: "${x} > 1"}
            - {code: VIS-A, when: "${x} + 1"}
        fields:
          - name: x
            type: integer
            label: X
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "m.yaml")
        func has(_ line: Int, _ fragment: String) -> Bool { problems.contains { $0.line == line && $0.message.contains(fragment) } }
        #expect(has(3, "differs from form.id"))
        #expect(has(4, "not a semantic version"))
        #expect(has(6, "must be 'declarative'"))
        #expect(has(7, "unknown role 'wizard'"))
        #expect(has(10, "declared twice"))
        #expect(has(12, "not declared in result_codes"))
        #expect(has(13, "must be a condition"))
        // "2.0" is a valid range (>=2.0 <3.0): the host check happens in the registry, not in lint.
        #expect(!problems.contains { $0.line == 5 })
    }

    @Test func yamlSyntaxErrorHasAPosition() {
        let problems = FormLoader.lint(yaml: "form:\n  id: [unclosed\nfields: []\n", origin: "y.yaml")
        #expect(problems.count == 1)
        #expect(problems.first.map { $0.line >= 2 } == true)
        #expect(problems.first?.message.hasPrefix("YAML:") == true)
    }

    @Test func exampleMustFitTheField() {
        let yaml = """
        form: {id: f, version: "1", title: F}
        fields:
          - name: level
            type: integer
            label: L
            min: -10
            max: 120
            step: 5
            example: 12
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "f.yaml")
        #expect(problems.map(\.description) == ["f.yaml:9:14: example of field 'level': 12 is not a multiple of 5"])
    }
}

@Suite("Form loader: compiled-module forms")
struct SwiftModuleFormTests {
    @Test func swiftModuleSectionNeedsOnlyIdAndImplementation() throws {
        let file = try FormLoader.load(yaml: """
        form: {id: tb, version: "3", title: TB}
        module: {id: tb, implementation: swift}
        fields: [{name: cough, type: yes_no, label: Cough, required: true, example: no}]
        """, origin: "tb.yaml")
        #expect(file.module?.implementation == "swift")
        #expect(file.form.field(named: "cough")?.example == .bool(false))
        let problems = FormLoader.lint(yaml: "form: {id: tb, version: \"3\", title: TB}\nmodule: {id: tb, implementation: declarative}\nfields: [{name: a, type: text, label: A}]\n", origin: "d.yaml")
        #expect(problems.contains { $0.message.contains("lacks required key 'record_roles'") })
    }
}
