import Foundation
import Testing
@testable import Audiometry

/// Checks `Forms/audiometry.yaml` against the names the Swift rules read, as text (the form
/// loader is tested by the forms work; this only guards the field-name contract).
@Suite struct AudiometryFormFileTests {
    static let text: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("Forms/audiometry.yaml"), encoding: .utf8)) ?? ""
    }()

    func declares(_ name: String) -> Bool { Self.text.contains("\n  - name: \(name)\n") }

    @Test func everyThresholdAndFlagFieldIsDeclared() {
        #expect(!Self.text.isEmpty, "Forms/audiometry.yaml not found")
        for ear in Ear.allCases {
            for conduction in Conduction.allCases {
                for hz in conduction.frequencies {
                    #expect(declares(AudiogramPoint.fieldName(ear, conduction, hz)))
                    #expect(Self.text.contains("{value: \(AudiogramPoint.flagValue(conduction, hz)), "))
                }
            }
            #expect(declares(AudiogramPoint.maskedField(ear)))
            #expect(declares(AudiogramPoint.noResponseField(ear)))
        }
        for name in [AudiometryModule.FieldName.testDate, AudiometryModule.FieldName.calibrationDate,
                     AudiometryModule.FieldName.hoursSinceNoise, AudiometryModule.FieldName.testType] {
            #expect(declares(name))
        }
        #expect(Self.text.contains("  id: audiometry\n"))
        #expect(!Self.text.contains("\nmodule:"))
    }
}
