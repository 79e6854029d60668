import ClearanceCore
import Testing
@testable import HIVScreening

@Suite struct HIVValidateTests {
    @Test func completeAnswersPass() {
        #expect(hiv.validate(tested(["a1_result": "non-reactive"]), context: context()).isEmpty)
        #expect(hiv.validate(tested(["a1_result": "reactive", "a2_result": "reactive", "a3_result": "reactive"]),
                             context: context()).isEmpty)
        #expect(hiv.validate(Answers(["consent": .bool(false)]), context: context()).isEmpty)
    }

    @Test func assaysWithoutConsentAreRejected() {
        var a = tested(["a1_result": "non-reactive"])
        a["consent"] = .bool(false)
        a["a1_kit"] = .text("Determine HIV-1/2")
        let issues = hiv.validate(a, context: context())
        #expect(Set(issues.map(\.path.description)) == ["test_date", "a1_result", "a1_kit"])
        #expect(issues.allSatisfy { $0.message.contains("consent is 'no'") })
    }

    @Test func expiredKitIsRejected() {
        var a = tested(["a1_result": "non-reactive"])
        a["a1_kit_expiry"] = .date(testDay.adding(days: -1))
        let issues = hiv.validate(a, context: context())
        #expect(issues.map(\.path.description) == ["a1_kit_expiry"])
        #expect(issues.first?.message.contains("2026-11-19") == true)
        a["a1_kit_expiry"] = .date(testDay)
        #expect(hiv.validate(a, context: context()).isEmpty)
    }

    @Test func inconclusiveNeedsPostTestCounselling() {
        let a = tested(["a1_result": "reactive", "a2_result": "non-reactive"], counselled: false)
        #expect(hiv.validate(a, context: context()).map(\.path.description) == ["post_test_done"])
    }

    @Test func assayOutOfSequenceIsRejected() {
        let a2 = tested(["a1_result": "non-reactive", "a2_result": "reactive"])
        #expect(hiv.validate(a2, context: context()).map(\.path.description) == ["a2_result"])
        let repeatNotNeeded = tested(["a1_result": "non-reactive", "a1_repeat_result": "reactive"])
        #expect(hiv.validate(repeatNotNeeded, context: context()).map(\.path.description) == ["a1_repeat_result"])
    }

    @Test func missingNextAssayIsNamed() {
        let a = tested(["a1_result": "reactive", "a2_result": "invalid"])
        let issues = hiv.validate(a, context: context())
        #expect(issues.map(\.path.description) == ["a2_repeat_result"])
    }

    @Test func unknownAlgorithmIsReported() {
        let issues = hiv.validate(tested(["a1_result": "non-reactive"]),
                                  context: context(["hiv_algorithm": .text("national-2030")]))
        #expect(issues.count == 1)
        #expect(issues.first?.message.contains("national-2030") == true)
        #expect(issues.first?.message.contains("who-3test-2024") == true)
    }
}
