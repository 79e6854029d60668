import Foundation
import Testing
@testable import ChestXRay

/// `Forms/cxr.yaml` holds every field the Swift rules read and every catalogue value.
@Suite struct CXRFormFileTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func formText() throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Forms/cxr.yaml"), encoding: .utf8)
    }

    @Test func formDeclaresEveryFieldAndFinding() throws {
        let text = try Self.formText()
        for name in CXRField.all {
            #expect(text.contains("- name: \(name)\n"), "cxr.yaml has no field \(name)")
        }
        for value in FindingCatalogue.defaultTable.keys {
            #expect(text.contains("{value: \(value), "), "cxr.yaml has no finding \(value)")
        }
        #expect(text.contains("\n  id: cxr\n"))
        #expect(!text.contains("\nmodule:"))
    }
}
