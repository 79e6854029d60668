import ClearanceCore
import Foundation
import Testing
@testable import Audiometry

/// `Forms/audiometry.yaml` through the real form engine: it loads, its template is valid and
/// normal, changing only thresholds gives the worked examples' codes, and the form's own
/// bounds catch 12 and -15 dB and an old calibration.
@Suite struct AudiometryFormFileTests {
    static let loaded: Result<FormSpec, Error> = Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Forms/audiometry.yaml"), encoding: .utf8)
        return try FormLoader.load(yaml: text, origin: "Forms/audiometry.yaml").form
    }

    let form: FormSpec
    let module: AudiometryModule
    let evaluator: FormEvaluator
    let template: Answers

    init() throws {
        form = try Self.loaded.get()
        module = AudiometryModule(form: form)
        evaluator = FormEvaluator(form: form, context: context())
        template = try form.decodeAnswers(form.template(context: context()))
    }

    func record(_ answers: Answers) -> (issues: [ValidationIssue], derivation: Derivation) {
        let stored = evaluator.normalized(answers)
        let issues = evaluator.validate(answers) + module.validate(stored, context: context())
        return (issues, module.derive(stored, context: context()))
    }

    func withAir(right: [Int], left: [Int]) -> Answers {
        var a = template
        for (ear, values) in [("right", right), ("left", left)] {
            for (hz, v) in zip([500, 1000, 2000, 4000], values) { a["\(ear)_air_\(hz)"] = .integer(v) }
        }
        return a
    }

    func issuePaths(_ changes: [String: Value]) -> [String] {
        var a = template
        for (k, v) in changes { a[k] = v }
        return evaluator.validate(a).map(\.path.description)
    }

    @Test func loadsWithEveryContractField() {
        #expect(form.id == "audiometry")
        for ear in Ear.allCases {
            for conduction in Conduction.allCases {
                for hz in conduction.frequencies {
                    let f = form.field(named: AudiogramPoint.fieldName(ear, conduction, hz))
                    #expect(f?.type == .integer)
                    #expect(f?.min == -10 && f?.max == 120 && f?.step == 5 && f?.unit == "dB HL")
                }
            }
            for name in [AudiogramPoint.maskedField(ear), AudiogramPoint.noResponseField(ear)] {
                let values = form.field(named: name).map { form.choices(for: $0).map(\.value) } ?? []
                #expect(values.count == 16 && values.contains("air_1000") && values.contains("bone_500"))
            }
        }
    }

    @Test func templateIsValidAndNormal() {
        let r = record(template)
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.derivation.resultCodes == ["AUD-NORMAL"])
    }

    @Test func workedExamplesFromTheTemplate() {
        let first = record(withAir(right: [10, 15, 20, 25], left: [40, 45, 50, 55]))
        #expect(first.issues.isEmpty, "\(first.issues)")
        #expect(first.derivation.resultCodes == ["AUD-NORMAL", "AUD-UNILATERAL"])
        #expect(first.derivation.values["right_pta4"] == .decimal(17.5))
        #expect(first.derivation.values["left_pta4"] == .decimal(47.5))
        let second = record(withAir(right: [35, 40, 45, 50], left: [30, 35, 40, 45]))
        #expect(second.issues.isEmpty, "\(second.issues)")
        #expect(second.derivation.resultCodes == ["AUD-MODERATE"])
        #expect(second.derivation.values["better_ear"] == .text("left"))
    }

    @Test func thresholdBounds() {
        #expect(issuePaths(["right_air_1000": .integer(12)]) == ["right_air_1000"])
        #expect(issuePaths(["right_air_1000": .integer(-15)]) == ["right_air_1000"])
        #expect(issuePaths(["left_air_8000": .integer(125)]) == ["left_air_8000"])
        #expect(issuePaths(["right_air_1000": .integer(-10)]).isEmpty)
        #expect(issuePaths(["right_air_1000": .integer(120)]).isEmpty)
        #expect(issuePaths(["right_air_1000": .integer(-10), "left_air_4000": .integer(120)]).isEmpty)
    }

    @Test func requiredFrequencies() {
        var a = template
        a["left_air_2000"] = nil
        #expect(evaluator.validate(a).map(\.path.description) == ["left_air_2000"])
        a = template
        a["left_air_6000"] = nil
        #expect(evaluator.validate(a).isEmpty)
    }

    @Test func calibrationTooOldAtFormLevel() {
        let oldest = testDay.adding(months: -12)
        #expect(issuePaths(["calibration_date": .date(oldest)]).isEmpty)
        #expect(issuePaths(["calibration_date": .date(oldest.adding(days: -1))]) == ["calibration_date"])
        #expect(issuePaths(["calibration_date": .date(testDay.adding(days: 1)), "test_date": .date(testDay)])
                == ["calibration_date"])
    }

    @Test func baselineQuietHoursAtFormLevel() {
        #expect(issuePaths(["test_type": .choice("baseline"), "hours_since_noise": .integer(13)]) == ["hours_since_noise"])
        #expect(issuePaths(["test_type": .choice("baseline"), "hours_since_noise": .integer(14)]).isEmpty)
        #expect(issuePaths(["test_type": .choice("monitoring"), "hours_since_noise": .integer(1)]).isEmpty)
    }

    @Test func boneAndFlagsBehindTheirGates() {
        #expect(template["right_bone_tested"] == .bool(false))
        #expect(template["right_bone_500"] == nil && template["right_masked"] == nil && template["left_no_response"] == nil)
        var a = withAir(right: [40, 40, 40, 40], left: [10, 10, 10, 10])
        a["right_bone_tested"] = .bool(true)
        a["right_bone_500"] = .integer(20)
        a["right_any_no_response"] = .bool(true)
        #expect(evaluator.validate(a).map(\.path.description) == ["right_no_response"])
        a["right_no_response"] = .choices(["air_8000"])
        let r = record(a)
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.derivation.resultCodes == ["AUD-NORMAL", "AUD-UNILATERAL", "AUD-CONDUCTIVE"])
        #expect(AudiometryModule.audiogram(from: evaluator.normalized(a)).point(.right, .air, 8000)?.noResponse == true)
    }
}
