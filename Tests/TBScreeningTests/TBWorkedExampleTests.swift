import ClearanceCore
import Testing
@testable import TBScreening

/// The TB worked examples of SCREENING.md section 8.
@Suite struct TBWorkedExampleTests {
    let module = TBFixtures.module

    @Test func adultNoSymptomsNormalXRayNegativeIGRAIsNone() {
        var a = TBFixtures.adult()
        a["immune_test"] = .choice("igra_qft")
        a["igra_date"] = .date(LocalDate("2026-03-10")!)
        a["qft_nil"] = .decimal(0.05); a["qft_tb1"] = .decimal(0.10); a["qft_tb2"] = .decimal(0.12)
        a["qft_mitogen"] = .decimal(10.0)
        a["igra_result"] = .choice("negative")
        let ctx = TBFixtures.context(cxr: ["CXR-NORMAL"])
        #expect(module.validate(a, context: ctx).isEmpty)
        let d = module.derive(a, context: ctx)
        #expect(d.resultCodes == ["TB-NONE"])
        #expect(d.pending == false)
        #expect(d.values["sputum_required"] == .bool(false))
    }

    @Test func suggestiveXRayWithNegativeSmearsAndCulturesIsB1Pulmonary() {
        var a = TBFixtures.adult()
        a["specimens"] = TBFixtures.negativeSeries()
        let ctx = TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"])
        #expect(module.validate(a, context: ctx).isEmpty)
        let d = module.derive(a, context: ctx)
        #expect(d.resultCodes == ["TB-B1-PULM"])
        #expect(d.pending == false)
        #expect(d.values["sputum_required"] == .bool(true))
        #expect(d.values["specimen_count"] == .integer(3))
    }

    @Test func cultureTwoPendingIsPendingAndBlocksClearance() {
        var a = TBFixtures.adult()
        a["specimens"] = .group([TBFixtures.specimen("2026-03-01"),
                                 TBFixtures.specimen("2026-03-02", culture: "pending"),
                                 TBFixtures.specimen("2026-03-03")])
        let ctx = TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"])
        #expect(module.validate(a, context: ctx).isEmpty)
        let d = module.derive(a, context: ctx)
        #expect(d.resultCodes == ["TB-PENDING"])
        #expect(d.pending == true)
        #expect(d.values["cultures_pending"] == .integer(1))
    }
}
