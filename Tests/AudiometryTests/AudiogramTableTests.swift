import ClearanceCore
import Testing
@testable import Audiometry

@Suite struct AudiogramTableTests {
    @Test func tableHoldsEveryRecordedPointWithFlags() {
        var a = thresholds(right: [10, 15, 20, 25], left: [40, 45, 50, 55])
        a["left_bone_500"] = .integer(35)
        a["left_air_8000"] = .integer(120)
        a["left_masked"] = .choices(["bone_500"])
        a["left_no_response"] = .choices(["air_8000"])
        a["test_date"] = .date(testDay)
        let table = AudiometryModule.audiogram(from: a)
        #expect(table.points.count == 10)
        #expect(table.points.first == AudiogramPoint(ear: .right, conduction: .air, frequency: 500, threshold: 10))
        #expect(table.point(.left, .bone, 500) == AudiogramPoint(ear: .left, conduction: .bone, frequency: 500,
                                                                  threshold: 35, masked: true))
        #expect(table.point(.left, .air, 8000)?.noResponse == true)
        #expect(table.point(.left, .air, 500)?.masked == false)
        #expect(table.point(.right, .air, 250) == nil)
    }

    @Test func gateAnsweredNoHidesWhatItGates() {
        var a = thresholds(right: [30, 30, 30, 30], left: [10, 10, 10, 10])
        a["right_bone_500"] = .integer(10)
        a["right_masked"] = .choices(["air_500"])
        a["right_no_response"] = .choices(["air_1000"])
        #expect(AudiometryModule.audiogram(from: a).point(.right, .bone, 500) != nil)
        a["right_bone_tested"] = .bool(false)
        a["right_masking_used"] = .bool(false)
        a["right_any_no_response"] = .bool(false)
        let table = AudiometryModule.audiogram(from: a)
        #expect(table.point(.right, .bone, 500) == nil)
        #expect(table.point(.right, .air, 500)?.masked == false)
        #expect(table.point(.right, .air, 1000)?.noResponse == false)
        #expect(!audiometry.derive(a, context: context()).resultCodes.contains("AUD-CONDUCTIVE"))
    }

    @Test func fieldNamesFollowTheContract() {
        #expect(AudiogramPoint.fieldName(.right, .air, 1000) == "right_air_1000")
        #expect(AudiogramPoint.fieldName(.left, .bone, 500) == "left_bone_500")
        #expect(AudiogramPoint.flagValue(.air, 1000) == "air_1000")
        #expect(Conduction.air.frequencies.count == 10)
        #expect(Conduction.bone.frequencies == [250, 500, 1000, 2000, 3000, 4000])
    }

    @Test func manifest() {
        let m = audiometry.manifest
        #expect(m.id == "audiometry")
        #expect(m.recordRoles == [.audiometrist, .nurse, .medicalOfficer])
        #expect(!m.confidential)
        #expect(m.resultCodes.count == 10)
        #expect(m.resultCodes.allSatisfy { Set($0.meaning.translations.keys) == ["en", "fr", "es"] })
    }
}
