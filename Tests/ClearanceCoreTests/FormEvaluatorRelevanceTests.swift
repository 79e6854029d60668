import Testing
@testable import ClearanceCore

@Suite("Evaluator: relevance, calculation, repeats")
struct FormEvaluatorRelevanceTests {
    let form: FormSpec
    let ev: FormEvaluator

    init() throws {
        form = try Fixtures.load(Fixtures.screening)
        ev = Fixtures.evaluator(form)
    }

    @Test func nonRelevantAnswersAreDroppedRecursively() {
        let raw = Answers(["cough": .bool(false), "cough_weeks": .integer(4), "threshold": .integer(10),
                           "specimens": .group([Answers(["smear": .choice("positive")])]), "stray": .text("x")])
        let n = ev.normalized(raw)
        #expect(n["cough_weeks"] == nil)
        #expect(n["specimens"] == nil)
        #expect(n["stray"] == nil)
        #expect(n["double_threshold"] == .integer(20))
        #expect(!ev.isRelevant(FieldPath("cough_weeks")!, in: raw))
        #expect(!ev.isRelevant(FieldPath("specimens[1].smear")!, in: raw))
        #expect(ev.validate(raw).map(\.description) == ["stray: unknown field 'stray'; the form has no such field"])
    }

    @Test func repeatScopingReadsTheSiblingFirstThenTopLevel() {
        let raw = Answers(["cough": .bool(true), "cough_weeks": .integer(5), "specimens": .group([
            Answers(["smear": .choice("positive"), "culture_note": .text("keep")]),
            Answers(["smear": .choice("negative"), "culture_note": .text("dropped")]),
        ])])
        let n = ev.normalized(raw)
        let inst = n["specimens"]?.instances ?? []
        #expect(inst.count == 2)
        #expect(inst.first?["culture_note"] == .text("keep"))
        #expect(inst.last?["culture_note"] == nil)
        #expect(ev.isRelevant(FieldPath("specimens[1].culture_note")!, in: raw))
        #expect(!ev.isRelevant(FieldPath("specimens[2].culture_note")!, in: raw))
        let smear = try? Expression(parsing: "${smear} = 'negative' and ${cough_weeks} = 5")
        #expect(smear.map { ev.evaluate($0, in: n, scope: FieldPath("specimens[2]")) } == .bool(true))
        #expect(smear.map { ev.evaluate($0, in: n, scope: FieldPath("specimens[1]")) } == .bool(false))
    }

    @Test func repeatCountBounds() {
        func issues(_ n: Int) -> [String] {
            let inst = Array(repeating: Answers(["smear": .choice("negative")]), count: n)
            var a = Answers(["cough": .bool(true), "cough_weeks": .integer(3)])
            if n > 0 { a["specimens"] = .group(inst) }
            return ev.validate(a).map(\.description)
        }
        #expect(issues(0) == ["specimens: Sputum specimens: at least one entry is required"])
        #expect(issues(1) == [])
        #expect(issues(3) == [])
        #expect(issues(4) == ["specimens: 4 entries; at most 3 are allowed, remove 1"])
    }

    @Test func requiredOnlyWhileRelevantAndPathsNameTheInstance() {
        let a = Answers(["cough": .bool(true), "specimens": .group([
            Answers(["smear": .choice("negative")]), Answers(["collected": .date(LocalDate("2026-04-01")!)]),
        ])])
        #expect(ev.validate(a).map(\.description) == [
            "cough_weeks: Weeks of cough: an answer is required",
            "specimens[2].smear: Smear: an answer is required",
            "specimens[2].collected: 2026-04-01: Collection date cannot be in the future",
        ])
        #expect(ev.isRequired(FieldPath("cough_weeks")!, in: a))
        #expect(!ev.isRequired(FieldPath("cough_weeks")!, in: Answers(["cough": .bool(false)])))
        #expect(!ev.isRequired(FieldPath("cough_weeks")!, in: Answers()))
    }

    @Test func calculatedAnswersAreRejectedUnlessEqual() {
        let differing = Answers(["cough": .bool(false), "threshold": .integer(10), "double_threshold": .integer(99)])
        #expect(ev.validate(differing).map(\.description) == [
            "double_threshold: 'double_threshold' is calculated by the form (${threshold} * 2) as 20, not 99; remove it from the answers",
        ])
        #expect(ev.validate(ev.normalized(differing)) == [])
    }
}
