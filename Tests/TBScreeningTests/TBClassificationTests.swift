import ClearanceCore
import Testing
@testable import TBScreening

/// TB-A, TB-B0, TB-B1 and their combinations with TB-B3 and TB-PENDING.
@Suite struct TBClassificationTests {
    let module = TBFixtures.module
    let suggestive = TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"])

    func withSeries(_ s2: Answers) -> Answers {
        var a = TBFixtures.adult()
        a["specimens"] = .group([TBFixtures.specimen("2026-03-01"), s2, TBFixtures.specimen("2026-03-03")])
        return a
    }

    @Test func positiveSmearNAATOrCultureIsClassA() {
        for s in [TBFixtures.specimen("2026-03-02", smear: "positive"),
                  TBFixtures.specimen("2026-03-02", naat: "detected"),
                  TBFixtures.specimen("2026-03-02", culture: "mtb_complex")] {
            let d = module.derive(withSeries(s), context: suggestive)
            #expect(d.resultCodes == ["TB-A"])
            #expect(!d.pending)
        }
    }

    @Test func ntmCultureIsNotTB() {
        let d = module.derive(withSeries(TBFixtures.specimen("2026-03-02", culture: "ntm")), context: suggestive)
        #expect(d.resultCodes == ["TB-B1-PULM"])
    }

    @Test func positiveSmearWithPendingCultureIsClassAAndPending() {
        let d = module.derive(withSeries(TBFixtures.specimen("2026-03-02", smear: "positive", culture: "pending")),
                              context: suggestive)
        #expect(d.resultCodes == ["TB-A", "TB-PENDING"])
        #expect(d.pending)
    }

    @Test func contaminatedCultureKeepsResultsOutstanding() {
        let d = module.derive(withSeries(TBFixtures.specimen("2026-03-02", culture: "contaminated")), context: suggestive)
        #expect(d.resultCodes == ["TB-PENDING"])
        #expect(d.pending)
    }

    @Test func clinicalDiagnosisIsClassAAndHidesContact() {
        var a = withSeries(TBFixtures.specimen("2026-03-02"))
        a["clinical_diagnosis"] = .bool(true)
        a["contact"] = .bool(true)
        #expect(module.derive(a, context: suggestive).resultCodes == ["TB-A"])
    }

    func treated(completed: String?) -> Answers {
        var a = withSeries(TBFixtures.specimen("2025-06-02", culture: "mtb_complex"))
        a["treatment"] = .bool(true)
        a["treatment_regimen"] = .choice("hrze_6m")
        a["treatment_start"] = .date(LocalDate("2025-06-20")!)
        a["treatment_dot"] = .bool(true)
        if let completed { a["treatment_completed"] = .date(LocalDate(completed)!) }
        return a
    }

    @Test func completedDirectlyObservedTreatmentIsB0() {
        #expect(module.derive(treated(completed: "2025-12-20"), context: suggestive).resultCodes == ["TB-B0"])
    }

    @Test func treatmentNotYetCompletedStaysClassA() {
        #expect(module.derive(treated(completed: nil), context: suggestive).resultCodes == ["TB-A"])
    }

    @Test func positiveSpecimenAfterCompletionIsClassA() {
        var a = treated(completed: "2025-12-20")
        a["specimens"] = .group([TBFixtures.specimen("2026-03-01"), TBFixtures.specimen("2026-03-02", smear: "positive"),
                                 TBFixtures.specimen("2026-03-03")])
        #expect(module.derive(a, context: suggestive).resultCodes == ["TB-A"])
    }

    @Test func extrapulmonaryEvidenceIsB1Extra() {
        var a = TBFixtures.adult()
        a["extrapulmonary"] = .bool(true)
        a["extrapulmonary_site"] = .choice("lymph_node")
        #expect(module.validate(a, context: TBFixtures.context()).isEmpty)
        #expect(module.derive(a, context: TBFixtures.context()).resultCodes == ["TB-B1-EXTRA"])
    }

    @Test func pastTBWithTreatmentCompletedIsB1Pulmonary() {
        var a = TBFixtures.adult()
        a["tb_history"] = .bool(true)
        a["tb_history_year"] = .integer(2015)
        a["tb_history_treatment_completed"] = .bool(true)
        #expect(module.derive(a, context: TBFixtures.context()).resultCodes == ["TB-B1-PULM"])
        a["tb_history_treatment_completed"] = .bool(false)
        #expect(module.derive(a, context: TBFixtures.context()).resultCodes == ["TB-NONE"])
    }

    @Test func contactWithPendingCultureIsB3AndPending() {
        var a = withSeries(TBFixtures.specimen("2026-03-02", culture: "pending"))
        a["contact"] = .bool(true)
        a["immune_test"] = .choice("tst")
        a["tst_induration_mm"] = .integer(12)
        let d = module.derive(a, context: suggestive)
        #expect(d.resultCodes == ["TB-B3", "TB-PENDING"])
        #expect(d.pending)
    }

    @Test func missingOrWronglyTypedAnswersNeverCrash() {
        var a = Answers()
        a["specimens"] = .text("three")
        a["tst_induration_mm"] = .text("12")
        a["cough_2w"] = .choice("maybe")
        let d = module.derive(a, context: ModuleContext(today: TBFixtures.today))
        #expect(d.resultCodes == ["TB-NONE"])
        #expect(module.validate(a, context: ModuleContext(today: TBFixtures.today)).isEmpty)
    }
}
