import ClearanceCore
import Testing
@testable import Audiometry

@Suite struct AirBoneGapTests {
    @Test func gapOf15IsConductive() {
        let a = thresholds(right: [30, 30, 30, 30], left: [10, 10, 10, 10],
                           extra: ["right_bone_1000": .integer(15), "right_bone_500": .integer(20)])
        let d = audiometry.derive(a, context: context())
        #expect(d.values["right_abg_1000"] == .integer(15))
        #expect(d.values["right_abg_500"] == .integer(10))
        #expect(d.resultCodes.contains("AUD-CONDUCTIVE"))
    }

    @Test func gapOf10IsNot() {
        let a = thresholds(right: [30, 30, 30, 30], left: [10, 10, 10, 10], extra: ["right_bone_1000": .integer(20)])
        #expect(!audiometry.derive(a, context: context()).resultCodes.contains("AUD-CONDUCTIVE"))
    }

    @Test func gapCriterionIsAParameter() {
        let a = thresholds(right: [30, 30, 30, 30], left: [10, 10, 10, 10], extra: ["right_bone_1000": .integer(20)])
        let d = audiometry.derive(a, context: context(["conductive_gap_db": .integer(10)]))
        #expect(d.resultCodes.contains("AUD-CONDUCTIVE"))
    }

    @Test func noResponseBoneGivesNoGap() {
        let a = thresholds(right: [90, 90, 90, 90], left: [10, 10, 10, 10],
                           extra: ["right_bone_1000": .integer(70), "right_no_response": .choices(["bone_1000"])])
        let d = audiometry.derive(a, context: context())
        #expect(d.values["right_abg_1000"] == nil)
        #expect(!d.resultCodes.contains("AUD-CONDUCTIVE"))
    }
}

@Suite struct ThresholdShiftTests {
    func withHighFrequencies(_ ear: String, _ values: [Int], base: Answers = Answers()) -> Answers {
        var a = base
        for (hz, v) in zip([2000, 3000, 4000], values) { a["\(ear)_air_\(hz)"] = .integer(v) }
        return a
    }

    @Test func shiftOf10IsSTS() {
        let baseline = withHighFrequencies("left", [10, 10, 10], base: thresholds(right: [10, 10, 10, 10], left: [10, 10, 10, 10]))
        let now = withHighFrequencies("left", [20, 20, 20], base: thresholds(right: [10, 10, 10, 10], left: [10, 10, 10, 10]))
        let d = audiometry.derive(now, context: context(baseline: baseline))
        #expect(d.values["left_hfa"] == .decimal(20))
        #expect(d.values["left_sts_shift"] == .decimal(10))
        #expect(d.resultCodes == ["AUD-NORMAL", "AUD-STS"])
    }

    @Test func shiftJustBelow10IsNot() {
        let base = thresholds(right: [10, 10, 10, 10], left: [10, 10, 10, 10])
        let baseline = withHighFrequencies("right", [10, 10, 10], base: base)
        let now = withHighFrequencies("right", [20, 15, 20], base: base)
        let d = audiometry.derive(now, context: context(baseline: baseline))
        #expect(d.values["right_sts_shift"] == .decimal(8.33))
        #expect(!d.resultCodes.contains("AUD-STS"))
        // Without a baseline nothing is compared.
        #expect(audiometry.derive(now, context: context()).values["right_sts_shift"] == nil)
    }
}
