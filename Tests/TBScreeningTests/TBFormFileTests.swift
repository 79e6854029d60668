import Foundation
import Testing
@testable import TBScreening

/// `Forms/tb.yaml` holds every field the Swift rules read, and no `module:` section.
@Suite struct TBFormFileTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func formText() throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Forms/tb.yaml"), encoding: .utf8)
    }

    @Test func formDeclaresEveryFieldTheRulesRead() throws {
        let text = try Self.formText()
        for name in TBField.all {
            #expect(text.contains("- name: \(name)\n"), "tb.yaml has no field \(name)")
        }
        #expect(text.contains("\n  id: tb\n"))
        #expect(!text.contains("\nmodule:"))
    }
}
