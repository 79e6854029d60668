import Testing
@testable import Audiometry

@Suite struct HearingGradeTests {
    @Test(arguments: [
        (-10.0, HearingGrade.normal), (19.9, .normal), (20, .mild), (34.9, .mild), (35, .moderate),
        (49.9, .moderate), (50, .moderatelySevere), (64.9, .moderatelySevere), (65, .severe),
        (79.9, .severe), (80, .profound), (94.9, .profound), (95, .complete), (120, .complete),
    ])
    func gradeEdges(pta: Double, grade: HearingGrade) {
        #expect(HearingGrade(pta: pta) == grade)
    }

    @Test func codes() {
        #expect(HearingGrade.allCases.map(\.code) == ["AUD-NORMAL", "AUD-MILD", "AUD-MODERATE", "AUD-MODSEVERE",
                                                      "AUD-SEVERE", "AUD-PROFOUND", "AUD-COMPLETE"])
    }

    /// Edges reached with real thresholds (PTA4 moves in steps of 1.25 dB).
    @Test(arguments: [
        ([15, 20, 20, 20], "AUD-NORMAL"), ([20, 20, 20, 20], "AUD-MILD"),
        ([30, 35, 35, 35], "AUD-MILD"), ([35, 35, 35, 35], "AUD-MODERATE"),
        ([45, 50, 50, 50], "AUD-MODERATE"), ([50, 50, 50, 50], "AUD-MODSEVERE"),
        ([60, 65, 65, 65], "AUD-MODSEVERE"), ([65, 65, 65, 65], "AUD-SEVERE"),
        ([75, 80, 80, 80], "AUD-SEVERE"), ([80, 80, 80, 80], "AUD-PROFOUND"),
        ([90, 95, 95, 95], "AUD-PROFOUND"), ([95, 95, 95, 95], "AUD-COMPLETE"),
    ])
    func gradeEdgesFromThresholds(values: [Int], code: String) {
        let d = audiometry.derive(thresholds(right: values, left: values), context: context())
        #expect(d.resultCodes == [code])
    }
}
