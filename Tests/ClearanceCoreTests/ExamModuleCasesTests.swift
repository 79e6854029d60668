import Foundation
import Testing
import ClearanceForms
@testable import ClearanceCore

/// The full immigration medical's declarative modules (domain reference EXAM.md): each file in
/// `Forms/modules/` lints clean with every text in English, French and Spanish, its embedded copy
/// is fresh, and every case of its `ID.cases.yaml` passes (what `clearance modules test` runs).
@Suite("Full-exam modules: lint and test cases")
struct ExamModuleCasesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules = ["exam", "vaccination", "sti", "hepatitis", "pregnancy", "malaria", "lab", "spirometry", "mental-health", "pdms"]

    func text(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test(arguments: modules)
    func lintsCleanInThreeLanguages(id: String) throws {
        let yaml = try text("Forms/modules/\(id).yaml")
        let report = FormLoader.report(yaml: yaml, origin: "\(id).yaml")
        #expect(report.problems == [], "\(report.problems)")
        #expect(report.warnings == [], "untranslated texts: \(report.warnings)")
        let file = try FormLoader.load(yaml: yaml, origin: "\(id).yaml")
        #expect(file.form.languages == ["en", "fr", "es"])
        #expect(file.module?.manifest.id == id)
        func trimmed(_ s: String?) -> String? { s.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 } }
        #expect(trimmed(yaml) == trimmed(embeddedForms["modules/\(id).yaml"]), "run scripts/embed-forms")
    }

    @Test(arguments: modules)
    func everyCasePasses(id: String) throws {
        let file = try FormLoader.load(yaml: try text("Forms/modules/\(id).yaml"), origin: "\(id).yaml")
        let module = DeclarativeModule(form: file.form, spec: try #require(file.module))
        let cases = try ModuleTestFile.load(yaml: try text("Forms/modules/\(id).cases.yaml"), origin: "\(id).cases.yaml")
        let results = ModuleTestRunner.run(cases, module: module, today: Fixtures.today)
        #expect(results.count >= 8, "\(id) has only \(results.count) cases")
        for r in results { #expect(r.passed, "\(id): \(r.name): \(r.differences)") }
        // Every result code the module declares is produced by some case.
        let produced = Set(cases.cases.flatMap { $0.expectation.codes })
        let declared = Set(module.manifest.resultCodes.map(\.code))
        #expect(declared.subtracting(produced).isEmpty, "\(id): no case produces \(declared.subtracting(produced).sorted())")
    }

    @Test func casesFilesAreNotEmbeddedNorLoadedAsModules() {
        #expect(embeddedForms.keys.filter { $0.hasSuffix(".cases.yaml") }.isEmpty)
        let built = ModuleRegistry.build(builtins: [], searchPaths: [Self.root.appendingPathComponent("Forms/modules").path])
        #expect(built.refused.isEmpty, "\(built.refused)")
        #expect(Set(Self.modules).isSubset(of: Set(built.modules.map(\.manifest.id))))
    }
}
