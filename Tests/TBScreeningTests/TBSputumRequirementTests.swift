import ClearanceCore
import Testing
@testable import TBScreening

/// Three sputum specimens on different days when the X-ray, a symptom or HIV calls for them.
@Suite struct TBSputumRequirementTests {
    let module = TBFixtures.module

    @Test(arguments: ["xray", "cough", "night_sweats", "hiv"])
    func twoSpecimensAreNotEnoughWhenRequired(_ reason: String) {
        var a = TBFixtures.adult()
        var ctx = TBFixtures.context()
        switch reason {
        case "xray": ctx = TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"])
        case "cough": a["cough_2w"] = .bool(true)
        case "night_sweats": a["night_sweats"] = .bool(true)
        default: a["hiv_status"] = .choice("positive")
        }
        a["specimens"] = .group([TBFixtures.specimen("2026-03-01"), TBFixtures.specimen("2026-03-02")])
        let issues = module.validate(a, context: ctx)
        #expect(issues.map(\.path.description) == ["specimens"])
        #expect(issues.first?.message.contains("2 recorded") == true)

        a["specimens"] = TBFixtures.negativeSeries()
        #expect(module.validate(a, context: ctx).isEmpty)
    }

    @Test func missingSeriesDerivesPending() {
        var a = TBFixtures.adult()
        a["fever"] = .bool(true)
        a["specimens"] = .group([TBFixtures.specimen("2026-03-01")])
        let d = module.derive(a, context: TBFixtures.context())
        #expect(d.resultCodes == ["TB-PENDING"])
        #expect(d.pending)
    }

    @Test func specimensOnTheSameDayAreRejected() {
        var a = TBFixtures.adult()
        a["specimens"] = .group([TBFixtures.specimen("2026-03-01"), TBFixtures.specimen("2026-03-02"),
                                 TBFixtures.specimen("2026-03-01")])
        let issues = module.validate(a, context: TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"]))
        #expect(issues.map(\.path.description) == ["specimens[3].collection_date"])
        #expect(issues.first?.message.contains("same day as specimen 1") == true)
    }

    @Test func noSputumNeededWithoutReason() {
        let a = TBFixtures.adult()
        let ctx = TBFixtures.context(cxr: ["CXR-ABN-FOLLOWUP"])
        #expect(module.validate(a, context: ctx).isEmpty)
        #expect(module.derive(a, context: ctx).resultCodes == ["TB-NONE"])
    }

    @Test func noXRayResultDoesNotRequireSputum() {
        let ctx = ModuleContext(today: TBFixtures.today)
        #expect(module.validate(TBFixtures.adult(), context: ctx).isEmpty)
    }
}
