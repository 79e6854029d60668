import Foundation
import Testing
import ClearanceForms
@testable import ClearanceCore

/// The bundled files under Forms/modules/.
func bundledDeclarativeFiles() -> [(origin: String, text: String)] {
    embeddedForms.filter { $0.key.hasPrefix("modules/") }.sorted { $0.key < $1.key }.map { ("Forms/\($0.key)", $0.value) }
}

/// A minimal declarative module file.
func moduleYAML(id: String, hostAPI: String = ">=1.0 <2.0", extra: String = "") -> String {
    """
    form: {id: \(id), version: "1", title: \(id)}
    module:
      id: \(id)
      version: 1.0.0
      host_api: "\(hostAPI)"
      implementation: declarative
      record_roles: [nurse]
      result_codes: [{code: X-DONE, meaning: Done}]
      rules: [{code: X-DONE, when: "answered(${a})"}]
    fields:
      - {name: a, type: integer, label: A\(extra)}
    """
}

@Suite("Module registry")
struct ModuleRegistryTests {
    @Test func refusesCollisionsHostRangeAndLintWhileOthersLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("a-good.yaml", moduleYAML(id: "good"))
        try write("b-clash.yml", moduleYAML(id: "vision"))
        try write("c-future.yaml", moduleYAML(id: "future", hostAPI: ">=2.0 <3.0"))
        try write("d-broken.yaml", moduleYAML(id: "broken", extra: ", min: 5, max: 1"))
        try write("e-form-only.yaml", "form: {id: plain, version: \"1\", title: P}\nfields: [{name: a, type: text, label: A}]\n")
        try write("f-swift.yaml", moduleYAML(id: "swifty").replacingOccurrences(of: "declarative", with: "swift"))
        try write("notes.txt", "ignored")

        let registry = ModuleRegistry.build(builtins: [], bundled: bundledDeclarativeFiles(), searchPaths: [dir.path])
        #expect(registry.modules.map(\.manifest.id) == ["exam", "fit-to-travel", "good", "hepatitis", "lab", "malaria", "mental-health", "pdms", "pregnancy", "spirometry", "sti", "vaccination", "vision"])
        #expect(registry.modules.allSatisfy { $0.source == .declarative })
        let refused = registry.refused.map(\.description)
        #expect(refused.count == 3, "\(refused)")
        #expect(refused.contains { $0.hasPrefix(dir.appendingPathComponent("b-clash.yml").path + ":3:7:")
            && $0.contains("already registered by Forms/modules/vision.yaml") })
        #expect(refused.contains { $0.hasPrefix(dir.appendingPathComponent("c-future.yaml").path + ":5:13:")
            && $0.contains("needs host API >=2.0.0 <3.0.0 but this host implements 1.0.0") })
        #expect(refused.contains { $0.hasPrefix(dir.appendingPathComponent("d-broken.yaml").path + ":11:") && $0.contains("below its min") })
    }

    @Test func builtinsComeFirstAndWinCollisions() {
        let builtin = DeclarativeModule(form: FormSpec(id: "vision", version: "1", title: "V", fields: [], origin: "Plugins/Vision"),
                                        spec: DeclarativeModuleSpec(manifest: ModuleManifest(id: "vision", version: SemanticVersion(1),
                                            title: "V", recordRoles: [.nurse], resultCodes: []), implementation: "swift", rules: []))
        let registry = ModuleRegistry.build(builtins: [builtin], bundled: bundledDeclarativeFiles())
        #expect(registry.modules.map(\.manifest.id) == ["exam", "fit-to-travel", "hepatitis", "lab", "malaria", "mental-health", "pdms", "pregnancy", "spirometry", "sti", "vaccination", "vision"])
        #expect(registry.module("vision")?.form.origin == "Plugins/Vision")
        #expect(registry.refused.first?.description.contains("already registered by the builtin module in Plugins/Vision") == true)
    }

    @Test func unreadableSearchPathIsReported() {
        let registry = ModuleRegistry.build(builtins: [], searchPaths: ["/nonexistent/clearance-modules"])
        #expect(registry.modules.isEmpty)
        #expect(registry.refused.first?.message.contains("cannot read module directory") == true)
    }
}
