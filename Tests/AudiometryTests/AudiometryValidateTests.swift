import ClearanceCore
import Testing
@testable import Audiometry

@Suite struct AudiometryValidateTests {
    func session(calibrated: LocalDate, type: String = "monitoring", hours: Int = 24) -> Answers {
        thresholds(right: [10, 10, 10, 10], left: [10, 10, 10, 10], extra: [
            "test_date": .date(testDay), "calibration_date": .date(calibrated),
            "test_type": .choice(type), "hours_since_noise": .integer(hours),
        ])
    }

    @Test func calibrationWithinTwelveMonths() {
        #expect(audiometry.validate(session(calibrated: LocalDate(year: 2025, month: 11, day: 20)!), context: context()).isEmpty)
        let old = audiometry.validate(session(calibrated: LocalDate(year: 2025, month: 11, day: 19)!), context: context())
        #expect(old.map(\.path.description) == ["calibration_date"])
        #expect(old.first?.message.contains("12 months") == true)
        let future = audiometry.validate(session(calibrated: testDay.adding(days: 1)), context: context())
        #expect(future.map(\.path.description) == ["calibration_date"])
    }

    @Test func calibrationLimitIsAParameter() {
        let six = context(["calibration_max_months": .integer(6)])
        #expect(audiometry.validate(session(calibrated: LocalDate(year: 2026, month: 5, day: 20)!), context: six).isEmpty)
        #expect(audiometry.validate(session(calibrated: LocalDate(year: 2026, month: 5, day: 19)!), context: six).count == 1)
    }

    @Test func baselineNeedsFourteenQuietHours() {
        let cal = LocalDate(year: 2026, month: 6, day: 1)!
        #expect(audiometry.validate(session(calibrated: cal, type: "baseline", hours: 14), context: context()).isEmpty)
        let short = audiometry.validate(session(calibrated: cal, type: "baseline", hours: 13), context: context())
        #expect(short.map(\.path.description) == ["hours_since_noise"])
        #expect(audiometry.validate(session(calibrated: cal, type: "monitoring", hours: 2), context: context()).isEmpty)
        #expect(audiometry.validate(session(calibrated: cal, type: "baseline", hours: 13),
                                    context: context(["quiet_hours_min": .integer(12)])).isEmpty)
    }

    @Test func flagOnAMissingThresholdIsRejected() {
        var a = session(calibrated: LocalDate(year: 2026, month: 6, day: 1)!)
        a["left_no_response"] = .choices(["air_8000"])
        a["right_masked"] = .choices(["bone_500", "air_1000"])
        let issues = audiometry.validate(a, context: context())
        #expect(issues.map(\.path.description) == ["right_masked", "left_no_response"])
        #expect(issues.first?.message.contains("right_bone_500") == true)
    }
}
