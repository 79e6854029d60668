import Testing
@testable import ClearanceCore

@Suite("Evaluator: bounds, step, choices, shapes")
struct FormEvaluatorBoundsTests {
    let ev: FormEvaluator
    init() throws { ev = Fixtures.evaluator(try Fixtures.load(Fixtures.screening)) }

    func issues(_ v: Value, field: String = "threshold") -> [String] {
        ev.issues(for: FieldPath(field: field), in: Answers(["cough": .bool(false), field: v])).map(\.message)
    }

    @Test(arguments: [-10, -5, 0, 15, 115, 120])
    func onStepWithinBoundsIsValid(_ v: Int) {
        #expect(issues(.integer(v)) == [])
    }

    @Test func offStepAndOutOfBoundsNameTheValueAndUnit() {
        #expect(issues(.integer(12)) == ["12 is not a multiple of 5 dB HL"])
        #expect(issues(.integer(-15)) == ["-15 is below the minimum -10 dB HL; enter -10 or more"])
        #expect(issues(.integer(125)) == ["125 is above the maximum 120 dB HL; enter 120 or less"])
        #expect(issues(.integer(-11)) == ["-11 is below the minimum -10 dB HL; enter -10 or more", "-11 is not a multiple of 5 dB HL"])
    }

    @Test func shapesAndChoices() {
        #expect(issues(.text("15")) == ["expected a whole number, got text '15'"])
        #expect(issues(.decimal(15), field: "threshold") == ["expected a whole number, got the number 15"])
        #expect(issues(.choices(["induced", "oral", "induced"]), field: "methods") == [
            "'oral' is not a choice of methods; choose one of: spontaneous, induced",
            "'induced' is selected twice; select each value once",
        ])
        #expect(issues(.choice("induced"), field: "methods") == ["expected a list of choice values, got the choice 'induced'"])
    }

    @Test func stepCountsFromMin() throws {
        let form = try Fixtures.load("""
        form: {id: f, version: "1", title: F}
        fields:
          - {name: x, type: integer, label: X, min: 1, max: 10, step: 3}
          - {name: y, type: decimal, label: Y, min: 0, max: 2, step: 0.1}
        """)
        let ev = Fixtures.evaluator(form)
        #expect(ev.validate(Answers(["x": .integer(7), "y": .decimal(0.3)])) == [])
        #expect(ev.validate(Answers(["x": .integer(6), "y": .decimal(0.35)])).map(\.message) == [
            "6 is not a multiple of 3 counted from 1", "0.35 is not a multiple of 0.1",
        ])
    }
}
