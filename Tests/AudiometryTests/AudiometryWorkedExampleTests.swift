import ClearanceCore
import Testing
@testable import Audiometry

@Suite struct AudiometryWorkedExampleTests {
    @Test func normalBetterEarWithUnilateralLoss() {
        let d = audiometry.derive(thresholds(right: [10, 15, 20, 25], left: [40, 45, 50, 55]), context: context())
        #expect(d.values["right_pta4"] == .decimal(17.5))
        #expect(d.values["left_pta4"] == .decimal(47.5))
        #expect(d.values["better_ear"] == .text("right"))
        #expect(d.values["better_pta4"] == .decimal(17.5))
        #expect(d.values["grade"] == .text("normal"))
        #expect(d.resultCodes == ["AUD-NORMAL", "AUD-UNILATERAL"])
    }

    @Test func moderateOnTheBetterLeftEar() {
        let d = audiometry.derive(thresholds(right: [35, 40, 45, 50], left: [30, 35, 40, 45]), context: context())
        #expect(d.values["right_pta4"] == .decimal(42.5))
        #expect(d.values["left_pta4"] == .decimal(37.5))
        #expect(d.values["better_ear"] == .text("left"))
        #expect(d.resultCodes == ["AUD-MODERATE"])
    }

    @Test func unilateralNeedsWorseEarAt35() {
        // better 17.5, worse 33.75: not unilateral; worse 35: unilateral.
        let below = audiometry.derive(thresholds(right: [10, 15, 20, 25], left: [30, 35, 30, 40]), context: context())
        #expect(below.resultCodes == ["AUD-NORMAL"])
        let at = audiometry.derive(thresholds(right: [10, 15, 20, 25], left: [30, 35, 35, 40]), context: context())
        #expect(at.resultCodes == ["AUD-NORMAL", "AUD-UNILATERAL"])
        // better ear 20 (mild) is never unilateral.
        let mild = audiometry.derive(thresholds(right: [20, 20, 20, 20], left: [60, 60, 60, 60]), context: context())
        #expect(mild.resultCodes == ["AUD-MILD"])
    }

    @Test func equalEarsAndOneEarOnly() {
        let equal = audiometry.derive(thresholds(right: [0, 0, 0, 0], left: [0, 0, 0, 0]), context: context())
        #expect(equal.values["better_ear"] == .text("equal"))
        #expect(equal.resultCodes == ["AUD-NORMAL"])
        let oneEar = audiometry.derive(thresholds(right: [50, 50, 50, 50], left: []), context: context())
        #expect(oneEar.resultCodes == ["AUD-MODSEVERE"])
        #expect(oneEar.values["better_ear"] == nil)
        #expect(audiometry.derive(Answers(), context: context()).resultCodes.isEmpty)
    }

    @Test func noResponseCountsAsMaximumAndIsFlagged() {
        var a = thresholds(right: [90, 100, 110, 120], left: [90, 100, 110, 120])
        a["right_no_response"] = .choices(["air_4000"])
        let d = audiometry.derive(a, context: context())
        #expect(d.values["right_pta4"] == .decimal(105))
        #expect(d.values["right_pta4_no_response"] == .bool(true))
        #expect(d.values["left_pta4_no_response"] == nil)
        #expect(d.resultCodes == ["AUD-COMPLETE"])
    }
}
