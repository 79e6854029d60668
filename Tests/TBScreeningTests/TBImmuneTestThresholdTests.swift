import ClearanceCore
import Testing
@testable import TBScreening

/// TST and IGRA thresholds for latent TB infection (TB-B2), with and without recent contact.
@Suite struct TBImmuneTestThresholdTests {
    let module = TBFixtures.module
    let ctx = TBFixtures.context()

    func tst(_ mm: Int, contact: Bool = false) -> Answers {
        var a = TBFixtures.adult()
        a["immune_test"] = .choice("tst")
        a["tst_date_placed"] = .date(LocalDate("2026-03-16")!)
        a["tst_date_read"] = .date(LocalDate("2026-03-18")!)
        a["tst_induration_mm"] = .integer(mm)
        if contact {
            a["contact"] = .bool(true)
            a["contact_source"] = .text("Case 2025-114")
            a["contact_relationship"] = .choice("household")
            a["contact_date"] = .date(LocalDate("2025-12-01")!)
        }
        return a
    }

    @Test func tst9mmWithoutContactIsNone() {
        let d = module.derive(tst(9), context: ctx)
        #expect(d.resultCodes == ["TB-NONE"])
        #expect(d.values["tst_threshold_mm"] == .integer(10))
    }

    @Test func tst10mmWithoutContactIsB2() {
        #expect(module.derive(tst(10), context: ctx).resultCodes == ["TB-B2"])
    }

    @Test func tst4mmForContactIsB3Only() {
        let d = module.derive(tst(4, contact: true), context: ctx)
        #expect(d.resultCodes == ["TB-B3"])
        #expect(d.values["tst_threshold_mm"] == .integer(5))
    }

    @Test func tst5mmForContactIsB2AndB3() {
        let d = module.derive(tst(5, contact: true), context: ctx)
        #expect(d.resultCodes == ["TB-B2", "TB-B3"])
        #expect(d.pending == false)
    }

    @Test func positiveIGRAIsB2() {
        var a = TBFixtures.adult()
        a["immune_test"] = .choice("igra_tspot")
        a["tspot_nil"] = .integer(0); a["tspot_panel_a"] = .integer(12); a["tspot_panel_b"] = .integer(9)
        a["igra_result"] = .choice("positive")
        #expect(module.derive(a, context: ctx).resultCodes == ["TB-B2"])
        a["igra_result"] = .choice("indeterminate")
        #expect(module.derive(a, context: ctx).resultCodes == ["TB-NONE"])
    }

    @Test func ruleParametersMoveTheThresholds() {
        let strict = TBFixtures.context(parameters: ["tst_threshold_mm": .integer(15),
                                                     "tst_contact_threshold_mm": .integer(10)])
        #expect(module.derive(tst(14), context: strict).resultCodes == ["TB-NONE"])
        #expect(module.derive(tst(15), context: strict).resultCodes == ["TB-B2"])
        #expect(module.derive(tst(9, contact: true), context: strict).resultCodes == ["TB-B3"])
    }

    @Test func latentInfectionGivesWayToB1WhenSputumWasNeeded() {
        var a = tst(18)
        a["specimens"] = TBFixtures.negativeSeries()
        let d = module.derive(a, context: TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"]))
        #expect(d.resultCodes == ["TB-B1-PULM"])
    }
}
