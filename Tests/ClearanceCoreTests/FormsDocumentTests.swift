import Foundation
import Testing
@testable import ClearanceCore

/// Every YAML example of docs/FORMS.md loads, and every block of test cases passes against the
/// form before it: the documentation says only what the code does.
@Suite("docs/FORMS.md examples")
struct FormsDocumentTests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/FORMS.md"), encoding: .utf8)) ?? ""
    }()

    /// The ```yaml blocks, with the line each starts on.
    static var blocks: [(line: Int, text: String)] {
        var out: [(Int, String)] = []
        var current: [String]?
        var start = 0
        for (i, line) in document.components(separatedBy: "\n").enumerated() {
            if current == nil, line == "```yaml" { current = []; start = i + 2 }
            else if current != nil, line == "```" { out.append((start, current!.joined(separator: "\n") + "\n")); current = nil }
            else if current != nil { current!.append(line) }
        }
        return out
    }

    @Test func theDocumentHasExamples() {
        #expect(Self.blocks.filter { $0.text.hasPrefix("form:") }.count >= 6)
        #expect(Self.blocks.filter { $0.text.contains("\ncases:") }.count >= 3)
    }

    @Test func everyExampleLintsAndItsCasesPass() throws {
        var last: FormFile?
        for (line, text) in Self.blocks {
            let origin = "docs/FORMS.md (block at line \(line))"
            if text.contains("\ncases:") || text.hasPrefix("cases:") {
                let file = try #require(last, "cases at line \(line) follow no form")
                let module = try #require(file.module, "cases at line \(line) follow a form without a module section")
                let suite = try ModuleTestFile.load(yaml: text, origin: origin)
                #expect(suite.module == nil || suite.module == module.manifest.id)
                for r in ModuleTestRunner.run(suite, module: DeclarativeModule(form: file.form, spec: module), today: LocalDate("2026-03-10")!) {
                    #expect(r.passed, "\(origin), case '\(r.name)': \(r.differences)")
                }
            } else {
                let report = FormLoader.report(yaml: text, origin: origin)
                #expect(report.problems == [], "\(origin): \(report.problems.map(\.description))")
                last = try? FormLoader.load(yaml: text, origin: origin)
            }
        }
    }

    @Test func theBlocksExampleReusesItsBlock() throws {
        let text = try #require(Self.blocks.first { $0.text.contains("blocks:") }?.text)
        let form = try FormLoader.load(yaml: text, origin: "blocks").form
        #expect(form.fields.map(\.maxCount) == [2, 5, 5, 3])
        #expect(form.fields.allSatisfy { $0.fields.map(\.name) == ["given_on", "batch"] })
    }
}
