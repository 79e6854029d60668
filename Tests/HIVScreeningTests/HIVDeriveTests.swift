import ClearanceCore
import Testing
@testable import HIVScreening

@Suite struct HIVDeriveTests {
    @Test func a1NonReactiveIsNegative() {
        let d = hiv.derive(tested(["a1_result": "non-reactive"]), context: context())
        #expect(d.resultCodes == ["HIV-NEG"])
        #expect(d.pending == false)
        #expect(d.values["hiv_algorithm_id"] == .text("who-3test-2024"))
        #expect(d.values["hiv_algorithm_version"] == .text("1.0.0"))
        #expect(d.values["retest_date"] == nil)
    }

    @Test func threeReactiveIsPositive() {
        let d = hiv.derive(tested(["a1_result": "reactive", "a2_result": "reactive", "a3_result": "reactive"]),
                           context: context())
        #expect(d.resultCodes == ["HIV-POS"])
        #expect(d.pending == false)
    }

    @Test func discordanceIsInconclusiveWithRetestIn14Days() {
        let d = hiv.derive(tested(["a1_result": "reactive", "a2_result": "non-reactive"]), context: context())
        #expect(d.resultCodes == ["HIV-INCONCLUSIVE"])
        #expect(d.values["retest_date"] == .date(LocalDate(year: 2026, month: 12, day: 4)!))
        #expect(d.values["inconclusive_reason"] == .text("A1 reactive, A2 non-reactive"))
    }

    @Test func retestCountsFromTheTestDateNotToday() {
        var a = tested(["a1_result": "reactive", "a2_result": "reactive", "a3_result": "non-reactive"])
        a["test_date"] = .date(LocalDate(year: 2026, month: 12, day: 25)!)
        let d = hiv.derive(a, context: context())
        #expect(d.values["retest_date"] == .date(LocalDate(year: 2027, month: 1, day: 8)!))
        let weekly = hiv.derive(a, context: context(["hiv_retest_days": .integer(7)]))
        #expect(weekly.values["retest_date"] == .date(LocalDate(year: 2027, month: 1, day: 1)!))
    }

    @Test func consentRefusedIsDeclined() {
        let d = hiv.derive(Answers(["consent": .bool(false)]), context: context())
        #expect(d.resultCodes == ["HIV-DECLINED"])
        #expect(d.values.isEmpty)
    }

    @Test func consentWithoutAssayIsNotTested() {
        let d = hiv.derive(tested([:]), context: context())
        #expect(d.resultCodes == ["HIV-NOT-TESTED"])
    }

    @Test func invalidAssayRepeated() {
        let d = hiv.derive(tested(["a1_result": "invalid", "a1_repeat_result": "non-reactive"]), context: context())
        #expect(d.resultCodes == ["HIV-NEG"])
        let waiting = hiv.derive(tested(["a1_result": "invalid"]), context: context())
        #expect(waiting.resultCodes.isEmpty)
        #expect(waiting.pending)
        #expect(waiting.values["next_assay"] == .text("A1 repeat"))
    }

    @Test func positiveWithoutPostTestCounsellingIsNotFinal() {
        let d = hiv.derive(tested(["a1_result": "reactive", "a2_result": "reactive", "a3_result": "reactive"],
                                  counselled: false), context: context())
        #expect(d.resultCodes == ["HIV-POS"])
        #expect(d.pending)
    }

    @Test func unknownAlgorithmGivesNoStatus() {
        let d = hiv.derive(tested(["a1_result": "non-reactive"]),
                           context: context(["hiv_algorithm": .text("national-2030")]))
        #expect(d.resultCodes.isEmpty)
        #expect(d.pending)
    }
}
