import Testing
@testable import ClearanceCore

/// `any`, `all`, `count_where`, `min`, `max`, `sum` over repeat rows, and `prev(field)`.
@Suite("Language: repeat rows")
struct RowFunctionTests {
    static let yaml = """
    form: {id: penicillin, version: "1", title: Penicillin}
    fields:
      - name: doses
        type: repeat
        label: Benzathine penicillin doses
        fields:
          - name: given_on
            type: date
            label: Given on
            required: true
            constraint: "not(answered(prev(${given_on}))) or . - prev(${given_on}) >= 7"
            constraint_message: {en: Doses must be at least 7 days apart}
          - {name: units, type: decimal, label: Million units}
          - {name: reaction, type: yes_no, label: Reaction}
          - {name: interval, type: integer, label: Days since the previous dose, calculate: "${given_on} - prev(${given_on})"}
          - {name: total, type: decimal, label: Units so far, calculate: "coalesce(prev(${total}), 0) + coalesce(${units}, 0)"}
      - {name: total_units, type: decimal, label: Total, calculate: "sum(${doses}, ${units})"}
      - {name: max_total, type: decimal, label: Last running total, calculate: "max(${doses}, ${total})"}
      - {name: first_dose, type: date, label: First dose, calculate: "min(${doses}, ${given_on})"}
      - {name: reactions, type: integer, label: Reactions, calculate: "count_where(${doses}, ${reaction})"}
      - {name: any_reaction, type: yes_no, label: Any reaction, calculate: "any(${doses}, ${reaction} = 'yes')"}
      - {name: all_full, type: yes_no, label: All full doses, calculate: "all(${doses}, ${units} >= 2.4)"}
    """

    func row(_ date: String?, units: Double? = nil, reaction: Bool? = nil) -> Answers {
        var a = Answers()
        if let date { a["given_on"] = .date(LocalDate(date)!) }
        if let units { a["units"] = .decimal(units) }
        if let reaction { a["reaction"] = .bool(reaction) }
        return a
    }

    func evaluator() throws -> FormEvaluator { Fixtures.evaluator(try Fixtures.load(Self.yaml)) }

    @Test func aggregatesOverRows() throws {
        let ev = try evaluator()
        let n = ev.normalized(Answers(["doses": .group([
            row("2026-01-01", units: 2.4, reaction: false), row("2026-01-08", units: 2.4, reaction: true), row("2026-01-20", units: 1.2),
        ])]))
        #expect(n["total_units"] == .decimal(6.0))
        #expect(n["first_dose"] == .date(LocalDate("2026-01-01")!))
        #expect(n["reactions"] == .integer(1))
        #expect(n["any_reaction"] == .bool(true))
        #expect(n["all_full"] == .bool(false))
        #expect(n["max_total"] == .decimal(6.0))
        let rows = n["doses"]?.instances ?? []
        #expect(rows.map { $0["interval"] } == [nil, .integer(7), .integer(12)], "prev on the first row is empty")
        #expect(rows.map { $0["total"] } == [.decimal(2.4), .decimal(4.8), .decimal(6.0)], "a running total reads its own previous row")
    }

    @Test func emptyGroup() throws {
        let ev = try evaluator()
        for a in [Answers(), Answers(["doses": .group([])])] {
            let n = ev.normalized(a)
            #expect(n["total_units"] == .decimal(0), "the sum of no rows is 0")
            #expect(n["reactions"] == .integer(0))
            #expect(n["any_reaction"] == .bool(false))
            #expect(n["all_full"] == .bool(true), "all() of no rows holds")
            #expect(n["first_dose"] == nil, "min() of no rows is empty")
            #expect(n["max_total"] == nil)
        }
    }

    @Test func emptyValuesInRows() throws {
        let ev = try evaluator()
        let n = ev.normalized(Answers(["doses": .group([row("2026-01-01"), row(nil, units: 2.4)])]))
        #expect(n["total_units"] == .decimal(2.4), "empty values are skipped by sum")
        #expect(n["first_dose"] == .date(LocalDate("2026-01-01")!), "and by min")
        #expect(n["all_full"] == .bool(false), "an empty condition counts as false in all()")
        #expect(n["reactions"] == .integer(0))
    }

    @Test func dosesSevenDaysApartIsARowConstraint() throws {
        let ev = try evaluator()
        let sameDay = Answers(["doses": .group([row("2026-01-01"), row("2026-01-01"), row("2026-01-01")])])
        #expect(ev.validate(sameDay).map(\.description) == [
            "doses[2].given_on: 2026-01-01: Doses must be at least 7 days apart",
            "doses[3].given_on: 2026-01-01: Doses must be at least 7 days apart",
        ])
        let spaced = Answers(["doses": .group([row("2026-01-01"), row("2026-01-08"), row("2026-01-14")])])
        #expect(ev.validate(spaced).map(\.description) == ["doses[3].given_on: 2026-01-14: Doses must be at least 7 days apart"])
        #expect(ev.validate(Answers(["doses": .group([row("2026-01-01")])])) == [], "the first row has no previous one")
    }

    @Test func rowFunctionsNestAndReadOuterFields() throws {
        let yaml = """
        form: {id: nest, version: "1", title: Nest}
        fields:
          - {name: limit, type: integer, label: Limit}
          - name: visits
            type: repeat
            label: Visits
            fields:
              - name: readings
                type: repeat
                label: Readings
                fields:
                  - {name: value, type: integer, label: Value}
              - {name: high, type: integer, label: High readings, calculate: "count_where(${readings}, ${value} > ${limit})"}
          - {name: highest, type: integer, label: Highest, calculate: "max(${visits}, max(${readings}, ${value}))"}
          - {name: any_high, type: yes_no, label: Any high, calculate: "any(${visits}, ${high} > 0)"}
        """
        let ev = Fixtures.evaluator(try Fixtures.load(yaml))
        func readings(_ v: [Int]) -> Answers { Answers(["readings": .group(v.map { Answers(["value": .integer($0)]) })]) }
        let n = ev.normalized(Answers(["limit": .integer(5), "visits": .group([readings([1, 7, 9]), readings([]), readings([3])])]))
        #expect(n["visits"]?.instances.map { $0["high"] } == [.integer(2), .integer(0), .integer(0)])
        #expect(n["highest"] == .integer(9))
        #expect(n["any_high"] == .bool(true))
    }

    @Test func variadicMinAndMaxStillWork() throws {
        let ev = try evaluator()
        #expect(ev.evaluate(try Expression(parsing: "min(3, 1, 2)"), in: Answers()) == .integer(1))
        #expect(ev.evaluate(try Expression(parsing: "max(date('2026-01-01'), date('2025-01-01'))"), in: Answers()) == .date(LocalDate("2026-01-01")!))
    }

    @Test func mistakesAreReportedAtLoad() {
        let yaml = """
        form: {id: bad, version: "1", title: Bad}
        fields:
          - {name: n, type: integer, label: N}
          - name: doses
            type: repeat
            label: Doses
            fields:
              - {name: d, type: date, label: D}
              - {name: u, type: integer, label: U}
          - {name: a, type: integer, label: A, calculate: "sum(${n}, ${u})"}
          - {name: b, type: integer, label: B, calculate: "sum(${doses}, ${d})"}
          - {name: c, type: yes_no, label: C, calculate: "any(${doses}, ${u})"}
          - {name: e, type: integer, label: E, relevant: "prev(${n}) > 1"}
          - {name: f, type: integer, label: F, calculate: "${u} + 1"}
          - {name: g, type: integer, label: G, calculate: "count_where(${doses}, prev(${n}) > 1)"}
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "bad.yaml").map(\.description)
        let expected = [
            "bad.yaml:10:56: calculate of field 'a': argument 1 of sum() must be a repeat group, not a number; write sum(${repeat}, row value)",
            "bad.yaml:11:66: calculate of field 'b': argument 2 of sum() must be a number from one row of 'doses', not a date; write sum(${repeat}, row value)",
            "bad.yaml:12:65: calculate of field 'c': argument 2 of any() must be a condition on one row of 'doses', not a number; write any(${repeat}, row condition)",
            "bad.yaml:13:51: relevant of field 'e': prev(${n}) reads the previous row of a repeat group; use it inside a repeat (a field of the group, or the row condition of any(), all(), ...)",
            "bad.yaml:14:52: calculate of field 'f': field 'u' is inside repeat 'doses' and cannot be read from here; read its rows with any(), all(), count_where(), sum(), min() or max() over ${doses}, or move this expression into the repeat",
            "bad.yaml:15:79: calculate of field 'g': prev(${n}) needs a field of the rows of 'doses', but 'n' is outside that repeat; use ${n} itself",
        ]
        #expect(problems == expected)
    }
}
