import Testing
@testable import ClearanceCore

/// `min_count`/`max_count` as expressions, and `choice_filter`.
@Suite("Language: computed row counts and choice filters")
struct CountAndChoiceFilterTests {
    static let yaml = """
    form: {id: vaccines, version: "1", title: Vaccines}
    choices:
      vaccine:
        - {value: bcg, label: BCG, live: yes, min_age_months: 0, route: intradermal}
        - {value: mmr, label: MMR, live: yes, min_age_months: 12, route: subcutaneous}
        - {value: dtp, label: DTP, live: no, min_age_months: 2, route: intramuscular}
    fields:
      - {name: pregnant, type: yes_no, label: Pregnant}
      - {name: doses_due, type: integer, label: Doses due, min: 0, max: 5}
      - name: doses
        type: repeat
        label: Doses
        min_count: ${doses_due}
        max_count: "coalesce(${doses_due}, 0) + 1"
        fields:
          - name: vaccine
            type: select_one
            choices: vaccine
            label: Vaccine
            choice_filter: "age_months() >= choice('min_age_months') and not(${pregnant} = 'yes' and choice('live'))"
      - name: also_given
        type: select_multiple
        choices: vaccine
        label: Also given today
        choice_filter: "choice('route') != 'intradermal' and . != 'dtp'"
    """

    func evaluator(dob: String = "2025-03-10") throws -> FormEvaluator {
        let person = PersonFacts(dateOfBirth: LocalDate(dob)!, sex: "F", nationality: "PHL")
        return FormEvaluator(form: try Fixtures.load(Self.yaml), context: ModuleContext(today: Fixtures.today, person: person))
    }

    func doses(_ vs: [String]) -> Value { .group(vs.map { Answers(["vaccine": .choice($0)]) }) }

    @Test func countsComeFromAnswers() throws {
        let ev = try evaluator()
        let path = FieldPath("doses")!
        #expect(ev.instanceBounds(path, in: Answers(["doses_due": .integer(2)])) == (min: 2, max: 3))
        #expect(ev.instanceBounds(path, in: Answers()) == (min: 0, max: 1), "an empty min_count is no bound")
        #expect(ev.validate(Answers(["doses_due": .integer(2), "doses": doses(["bcg"])])).map(\.description)
                == ["doses: 1 entry; at least 2 are required, add 1 more"])
        #expect(ev.validate(Answers(["doses_due": .integer(0), "doses": doses(["bcg", "bcg"])])).map(\.description)
                == ["doses: 2 entries; at most 1 is allowed, remove 1"])
        #expect(ev.validate(Answers(["doses_due": .integer(1), "doses": doses(["bcg", "mmr"])])) == [])
    }

    @Test func negativeCountsAreZero() throws {
        let yaml = """
        form: {id: c, version: "1", title: C}
        fields:
          - {name: n, type: integer, label: N}
          - {name: rows, type: repeat, label: Rows, min_count: "${n} - 10", max_count: "${n} - 10", fields: [{name: x, type: text, label: X}]}
        """
        let ev = Fixtures.evaluator(try Fixtures.load(yaml))
        #expect(ev.instanceBounds(FieldPath("rows")!, in: Answers(["n": .integer(3)])) == (min: 0, max: 0))
        #expect(ev.instanceBounds(FieldPath("rows")!, in: Answers(["n": .integer(12)])) == (min: 2, max: 2))
    }

    @Test func choicesAreFilteredByAttributesAndAnswers() throws {
        let ev = try evaluator()   // 12 months old today
        let row = FieldPath("doses[1].vaccine")!
        func offered(_ a: Answers) -> [String] { ev.choices(for: row, in: a).map(\.value) }
        #expect(offered(Answers(["doses": doses(["bcg"])])) == ["bcg", "mmr", "dtp"])
        #expect(offered(Answers(["pregnant": .bool(true), "doses": doses(["bcg"])])) == ["dtp"], "no live vaccine in pregnancy")
        let young = try evaluator(dob: "2026-01-01")   // 2 months
        #expect(young.choices(for: row, in: Answers(["doses": doses(["bcg"])])).map(\.value) == ["bcg", "dtp"])
        #expect(ev.choices(for: FieldPath("also_given")!, in: Answers()).map(\.value) == ["mmr"], "'.' is the choice's value")
    }

    @Test func aChoiceNotOfferedIsRefused() throws {
        let ev = try evaluator()
        let a = Answers(["pregnant": .bool(true), "doses_due": .integer(1), "doses": doses(["mmr"]), "also_given": .choices(["bcg"])])
        #expect(ev.validate(a).map(\.description) == [
            "doses[1].vaccine: 'mmr' is not offered with these answers; choose one of: dtp",
            "also_given: 'bcg' is not offered with these answers; choose one of: mmr",
        ])
    }

    @Test func templateUsesOnlyOfferedChoices() throws {
        let ev = try evaluator(dob: "2026-01-01")
        let t = ev.form.templateAnswers(context: ev.context)
        #expect(t["also_given"] == .choices(["mmr"]))
        #expect(ev.validate(t) == [])
    }

    @Test func mistakesAreReportedAtLoad() {
        let yaml = """
        form: {id: bad, version: "1", title: Bad}
        choices:
          v:
            - {value: a, label: A, live: yes, age: 3}
            - {value: b, label: B, lvie: no, age: two}
        fields:
          - {name: x, type: select_one, choices: v, label: X, choice_filter: "choice('liv')"}
          - {name: y, type: text, label: Y, choice_filter: "true"}
          - {name: z, type: integer, label: Z, relevant: "choice('live')"}
          - {name: r, type: repeat, label: R, min_count: "'two'", max_count: 2.5, fields: [{name: q, type: text, label: Q}]}
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "bad.yaml").map(\.description)
        let expected = [
            "bad.yaml:5:28: choice 'b' of list 'v' has attribute 'lvie', which choice 'a' lacks; every choice of a list has the same attributes (did you mean 'live'?)",
            "bad.yaml:5:7: choice 'b' of list 'v' lacks attribute 'live' that choice 'a' has; every choice of a list has the same attributes",
            "bad.yaml:5:43: attribute 'age' of choice 'b' is text but a number on choice 'a'; give it one type across list 'v'",
            "bad.yaml:7:78: choice_filter of field 'x': the choices have no attribute 'liv'; did you mean 'live'?",
            "bad.yaml:8:37: 'choice_filter' does not apply to field 'y' of type text; it is for select_one and select_multiple fields. Remove it",
            "bad.yaml:9:51: relevant of field 'z': choice('...') reads an attribute of the choice being filtered; use it only in a choice_filter",
            "bad.yaml:10:51: min_count of field 'r': must be a number of entries, but it gives a text",
            "bad.yaml:10:70: max_count of field 'r' must be a whole number or an expression giving one, not 2.5",
        ]
        #expect(Set(problems) == Set(expected), "\(problems)")
    }
}
