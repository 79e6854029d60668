import Testing
@testable import ClearanceCore

/// Changing a published form: types never change, used choices stay, versions move.
@Suite("Form compatibility")
struct FormCompatibilityTests {
    static let v1 = """
    form:
      id: rdt
      version: "1"
      title: Malaria RDT
    choices:
      result:
        - {value: negative, label: Negative}
        - {value: pf, label: P. falciparum}
        - {value: invalid, label: Invalid}
    fields:
      - {name: tested_on, type: date, label: Tested on}
      - {name: result, type: select_one, choices: result, label: Result}
      - {name: kit_lot, type: text, label: Kit lot}
      - {name: temperature, type: decimal, label: Temperature, unit: C}
    """

    func load(_ yaml: String, _ origin: String) throws -> FormSpec { try FormLoader.load(yaml: yaml, origin: origin).form }

    func v2(_ edit: (String) -> String) throws -> FormSpec { try load(edit(Self.v1), "v2.yaml") }

    @Test func identicalFormsAreCompatible() throws {
        let a = try load(Self.v1, "v1.yaml"), b = try load(Self.v1, "v2.yaml")
        let r = FormCompatibility(old: a, new: b)
        #expect(r.isIdentical && r.isCompatible && r.changes.isEmpty)
    }

    @Test func aChangedFormMustBumpItsVersion() throws {
        let b = try v2 { $0.replacingOccurrences(of: "label: Kit lot", with: "label: Kit lot number") }
        let r = FormCompatibility(old: try load(Self.v1, "v1.yaml"), new: b)
        #expect(!r.isCompatible)
        #expect(r.changes.map(\.description) == [
            "v2.yaml:3: breaking: the form changed but form.version is still '1'; bump it (to '2', say) so encounters recorded with either text can be told apart",
        ])
        let bumped = try v2 { $0.replacingOccurrences(of: "label: Kit lot", with: "label: Kit lot number").replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"") }
        #expect(FormCompatibility(old: try load(Self.v1, "v1.yaml"), new: bumped).changes.isEmpty)
    }

    @Test func aPublishedFieldNeverChangesType() throws {
        let b = try v2 { $0.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: "{name: tested_on, type: date,", with: "{name: tested_on, type: text,") }
        let r = FormCompatibility(old: try load(Self.v1, "v1.yaml"), new: b)
        #expect(!r.isCompatible)
        #expect(r.changes.map(\.description) == [
            "v2.yaml:11: breaking: field 'tested_on' changes type from date to text; a published field never changes type: keep it and add a field with a new name",
        ])
    }

    @Test func aRemovedChoiceIsJudgedByTheStoredAnswers() throws {
        let b = try v2 { $0.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: "    - {value: invalid, label: Invalid}\n", with: "") }
        let a = try load(Self.v1, "v1.yaml")
        let unknown = FormCompatibility(old: a, new: b)
        #expect(unknown.isCompatible, "without data a removal is reported, not refused")
        #expect(unknown.changes.map(\.description) == [
            "v1.yaml:9: warning: choice 'invalid' of field 'result' is removed; stored answers that use it would lose their meaning: keep it and stop offering it with a choice_filter (breaking with --used)",
        ])
        let stored: [(FieldPath, Value)] = [(FieldPath("result")!, .choice("invalid")), (FieldPath("kit_lot")!, .text("A1"))]
        let used = FormCompatibility(old: a, new: b, usedChoices: FormCompatibility.usedChoices(in: stored))
        #expect(!used.isCompatible)
        #expect(used.changes.map(\.severity) == [.breaking])
        let unused = FormCompatibility(old: a, new: b, usedChoices: ["result": ["pf"]])
        #expect(unused.isCompatible && unused.changes.map(\.severity) == [.note])
    }

    @Test func otherDifferencesAreWarningsAndNotes() throws {
        let b = try v2 { $0.replacingOccurrences(of: "version: \"1\"", with: "version: \"0.9\"")
            .replacingOccurrences(of: "unit: C}", with: "unit: F, max: 110}")
            .replacingOccurrences(of: "  - {name: kit_lot, type: text, label: Kit lot}\n", with: "  - {name: reader, type: text, label: Reader, required: true}\n") }
        let r = FormCompatibility(old: try load(Self.v1, "v1.yaml"), new: b)
        #expect(r.isCompatible)
        #expect(r.changes.map(\.description) == [
            "v2.yaml:3: warning: form.version goes back from '1' to '0.9'; a new version is normally higher",
            "v2.yaml:14: warning: the unit of field 'temperature' changes from C to F; stored numbers keep the unit they were recorded in",
            "v1.yaml:13: note: field 'kit_lot' is removed; encounters recorded with form version 1 keep its answers and are shown and corrected with that version",
            "v2.yaml:13: note: field 'reader' is added (required: encounters recorded before have no answer to it)",
            "v2.yaml:14: note: the bounds of field 'temperature' narrow; stored answers outside them stay as recorded",
        ])
    }

    @Test func repeatsAreComparedByPathAndRowsDoNotMatter() throws {
        let old = """
        form: {id: vax, version: "1", title: V}
        choices:
          site: [{value: left, label: Left}, {value: right, label: Right}]
        fields:
          - {name: doses, type: repeat, label: Doses, fields: [{name: site, type: select_one, choices: site, label: Site}]}
        """
        let new = old.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: ", {value: right, label: Right}", with: "")
        let stored = Answers(["doses": .group([Answers(["site": .choice("left")]), Answers(["site": .choice("right")])])])
        let used = FormCompatibility.usedChoices(in: stored.flattened())
        #expect(used == ["doses.site": ["left", "right"]])
        let r = FormCompatibility(old: try load(old, "old.yaml"), new: try load(new, "new.yaml"), usedChoices: used)
        #expect(r.changes.map(\.description) == [
            "old.yaml:3: breaking: choice 'right' of field 'doses.site' is removed but stored answers use it; keep it in the list (a choice_filter can stop offering it)",
        ])
    }

    @Test func breakingChangesAgainstEveryPublishedVersion() throws {
        let a = try load(Self.v1, "v1.yaml")
        let b = try v2 { $0.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"").replacingOccurrences(of: "label: Kit lot", with: "label: Lot") }
        let c = try v2 { $0.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: "{name: temperature, type: decimal,", with: "{name: temperature, type: integer,") }
        let found = FormCompatibility.breakingChanges(of: c, against: [a, b, c])
        #expect(found.map(\.message) == [
            "field 'temperature' changes type from decimal to integer; a published field never changes type: keep it and add a field with a new name",
            "the form changed but form.version is still '2'; bump it (to '3', say) so encounters recorded with either text can be told apart",
        ])
        #expect(FormCompatibility.breakingChanges(of: b, against: [a, b]).isEmpty)
    }

    @Test func moduleSectionsAreComparedToo() throws {
        let module = """

        module:
          id: rdt
          version: 1.0.0
          host_api: "1"
          implementation: declarative
          record_roles: [nurse]
          result_codes: [{code: RDT-POS, meaning: Positive}, {code: RDT-NEG, meaning: Negative}]
          rules: [{code: RDT-POS, when: "${result} = 'pf'"}, {code: RDT-NEG, when: "${result} = 'negative'"}]
        """
        let a = try FormLoader.load(yaml: Self.v1 + module, origin: "v1.yaml")
        let text = (Self.v1 + module).replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: ", {code: RDT-NEG, meaning: Negative}", with: "")
            .replacingOccurrences(of: ", {code: RDT-NEG, when: \"${result} = 'negative'\"}", with: "")
        let b = try FormLoader.load(yaml: text, origin: "v2.yaml")
        let r = FormCompatibility(old: a.form, new: b.form, oldModule: a.module, newModule: b.module)
        #expect(r.changes.map(\.message) == [
            "module.version stays 1.0.0 while the file changes; bump it (patch for wording, minor for new fields or codes, major for anything that changes results)",
            "result code RDT-NEG is removed; stored encounters and rule packs that name it keep it",
        ])
    }

    @Test func nextVersions() {
        #expect(FormCompatibility.nextVersion("3") == "4")
        #expect(FormCompatibility.nextVersion("2026.1") == "2026.2")
        #expect(FormCompatibility.nextVersion("beta") == "beta.1")
    }
}

/// An encounter recorded with an older form is corrected against that form.
@Suite("Modules with an earlier form")
struct ModuleWithFormTests {
    static let v1 = """
    form: {id: rdt, version: "1", title: RDT}
    module:
      id: rdt
      version: 1.0.0
      host_api: "1"
      implementation: declarative
      record_roles: [nurse]
      result_codes: [{code: RDT-POS, meaning: Positive}]
      rules: [{code: RDT-POS, when: "${result} = 'pf'"}]
    choices:
      result: [{value: negative, label: Negative}, {value: pf, label: P. falciparum}]
    fields:
      - {name: result, type: select_one, choices: result, label: Result, required: true}
    """

    @Test func aDeclarativeModuleTakesTheOldFormAndRules() throws {
        let v2text = Self.v1.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            + "\n  - {name: reader, type: text, label: Reader, required: true}\n"
        let v1 = try FormLoader.load(yaml: Self.v1, origin: "v1"), v2 = try FormLoader.load(yaml: v2text, origin: "v2")
        let installed = DeclarativeModule(form: v2.form, spec: try #require(v2.module))
        let context = ModuleContext(today: Fixtures.today)
        let stored = Answers(["result": .choice("negative")])
        #expect(installed.check(stored, context: context).issues.map(\.path.description) == ["reader"], "the new form asks more")
        let old = installed.withForm(v1)
        #expect(old.form.version == "1")
        let checked = old.check(Answers(["result": .choice("pf")]), submitted: Answers(["result": .choice("pf")]), context: context)
        #expect(checked.issues == [])
        #expect(old.derive(checked.answers, context: context).resultCodes == ["RDT-POS"])
    }

    @Test func aCompiledModuleKeepsItsSwiftRules() throws {
        let file = try FormLoader.load(yaml: Self.v1, origin: "v1")
        let base = DeclarativeModule(form: file.form, spec: try #require(file.module))
        struct Compiled: ScreeningModule {
            let inner: DeclarativeModule
            var manifest: ModuleManifest { inner.manifest }
            var form: FormSpec { inner.form }
            func derive(_ answers: Answers, context: ModuleContext) -> Derivation { Derivation(resultCodes: ["SWIFT"]) }
        }
        let other = try FormLoader.load(yaml: Self.v1.replacingOccurrences(of: "version: \"1\"", with: "version: \"0\""), origin: "v0")
        let m = Compiled(inner: base).withForm(other)
        #expect(m.form.version == "0" && m.manifest.id == "rdt")
        #expect(m.derive(Answers(), context: ModuleContext(today: Fixtures.today)).resultCodes == ["SWIFT"])
    }
}
