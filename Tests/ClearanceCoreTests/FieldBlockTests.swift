import Testing
@testable import ClearanceCore

/// Reusable field blocks: YAML anchors under `blocks:`, reused with `<<: *name`.
@Suite("Form files: reusable blocks")
struct FieldBlockTests {
    static let yaml = """
    form: {id: vaccination, version: "1", title: {en: Vaccination record, fr: Carnet de vaccination}, languages: [en, fr]}
    blocks:
      dose_fields: &dose_fields
        - name: given_on
          type: date
          label: {en: Given on, fr: Administrée le}
          required: true
          constraint: ". >= dob() and . <= today() and (not(answered(prev(${given_on}))) or . - prev(${given_on}) >= 28)"
          constraint_message: {en: "After birth, not in the future, 28 days after the previous dose", fr: "Après la naissance, pas dans le futur, 28 jours après la dose précédente"}
        - {name: batch, type: text, label: {en: Batch, fr: Lot}}
      doses: &doses
        type: repeat
        max_count: 5
        fields: *dose_fields
    fields:
      - <<: *doses
        name: mmr
        label: {en: MMR doses, fr: Doses de ROR}
        max_count: 2
      - <<: *doses
        name: dtp
        label: {en: DTP doses, fr: Doses de DTC}
      - {<<: *doses, name: polio, label: {en: Polio doses, fr: Doses de polio}}
    """

    @Test func blocksAreReusedWithKeysChanged() throws {
        let form = try Fixtures.load(Self.yaml)
        #expect(form.fields.map(\.name) == ["mmr", "dtp", "polio"])
        #expect(form.fields.map(\.type) == [.repeatGroup, .repeatGroup, .repeatGroup])
        #expect(form.fields.map(\.maxCount) == [2, 5, 5], "the using mapping's own keys win")
        #expect(form.fields.allSatisfy { $0.fields.map(\.name) == ["given_on", "batch"] })
        #expect(form.field(named: "dtp")?.label.text("fr") == "Doses de DTC")
        #expect(form.fields.map(\.line) == [16, 20, 23], "a field's line is where it is used")
    }

    @Test func reusedConstraintsWorkInEveryGroup() throws {
        let form = try Fixtures.load(Self.yaml)
        let person = PersonFacts(dateOfBirth: LocalDate("2025-01-01")!, sex: "F", nationality: "PHL")
        let ev = FormEvaluator(form: form, context: ModuleContext(today: Fixtures.today, person: person))
        func dose(_ d: String) -> Answers { Answers(["given_on": .date(LocalDate(d)!)]) }
        let a = Answers(["mmr": .group([dose("2025-06-01"), dose("2025-06-10")]), "dtp": .group([dose("2024-12-31")])])
        #expect(ev.validate(a).map(\.path.description) == ["mmr[2].given_on", "dtp[1].given_on"])
    }

    @Test func problemsInABlockPointAtTheBlock() {
        let yaml = """
        form: {id: b, version: "1", title: B}
        blocks:
          base: &base
            type: integr
            label: Base
        fields:
          - {<<: *base, name: one}
          - <<: 3
            name: two
            type: text
            label: Two
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "b.yaml").map(\.description)
        #expect(problems.contains("b.yaml:4:11: unknown type 'integr' for field 'one'; did you mean 'integer'?"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("b.yaml:8:9: '<<' merges a mapping") }, "\(problems)")
    }
}
