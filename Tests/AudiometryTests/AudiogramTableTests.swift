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
