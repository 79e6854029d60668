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

    /// The `modules diff` example prints what ``FormCompatibility`` gives for its two files.
    @Test func theDiffExampleShowsWhatTheComparisonGives() throws {
        func file(_ name: String) throws -> FormSpec {
            let text = try #require(Self.blocks.first { $0.text.hasPrefix("# \(name)\n") }?.text, "no block for \(name)")
            return try FormLoader.load(yaml: text, origin: name).form
        }
        let old = try file("vaccination-v1.yaml"), new = try file("vaccination-v2.yaml")
        let command = "$ clearance modules diff vaccination-v1.yaml vaccination-v2.yaml\n"
        let start = try #require(Self.document.range(of: command)).upperBound
        let end = try #require(Self.document.range(of: "```\n", range: start..<Self.document.endIndex)).lowerBound
        let report = FormCompatibility(old: old, new: new)
        let printed = (report.changes.map(\.description) + [report.verdict(old: "vaccination-v1.yaml", new: "vaccination-v2.yaml")])
        #expect(String(Self.document[start..<end]) == printed.joined(separator: "\n") + "\n")
        #expect(report.changes.filter { $0.severity == .breaking }.count == 2)
        let used = FormCompatibility(old: old, new: new, usedChoices: ["site": ["thigh"]])
        #expect(used.verdict(old: "a", new: "b") == "incompatible: 3 breaking changes; b must not replace a")
        #expect(Self.document.contains("With `--used site=thigh` the removed choice is breaking too (3 breaking changes)."))
    }

    @Test func theBlocksExampleReusesItsBlock() throws {
        let text = try #require(Self.blocks.first { $0.text.contains("blocks:") }?.text)
        let form = try FormLoader.load(yaml: text, origin: "blocks").form
        #expect(form.fields.map(\.maxCount) == [2, 5, 5, 3])
        #expect(form.fields.allSatisfy { $0.fields.map(\.name) == ["given_on", "batch"] })
    }
}
