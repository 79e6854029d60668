import Foundation
import Testing
@testable import HIVScreening

/// Checks `Forms/hiv.yaml` against the names the Swift rules read, as text (the form loader is
/// tested by the forms work; this only guards the field-name contract).
@Suite struct HIVFormFileTests {
    static let text: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("Forms/hiv.yaml"), encoding: .utf8)) ?? ""
    }()

    func declares(_ name: String) -> Bool { Self.text.contains("\n  - name: \(name)\n") }

    @Test func everyFieldTheRulesReadIsDeclared() {
        #expect(!Self.text.isEmpty, "Forms/hiv.yaml not found")
        let names = [HIVModule.FieldName.consent, HIVModule.FieldName.testDate, HIVModule.FieldName.postTestDone]
            + HIVModule.FieldName.assayPositions.flatMap(HIVModule.FieldName.assayFields)
        for name in names { #expect(declares(name), "\(name)") }
        for result in HIVAssayResult.allCases { #expect(Self.text.contains("{value: \(result.rawValue), ")) }
        #expect(Self.text.contains("  id: hiv\n"))
        #expect(!Self.text.contains("\nmodule:"))
    }
}
