import Foundation
import Testing

/// The host knows no module by name: no module id literal and no plugin import in host
/// sources (everything under `Sources/` except the built-in module list, the embedded forms
/// and the benchmark). What the host needs from a module comes through the module protocol.
/// The same check as the session hook `before-stop`.
@Suite("Host names no module")
struct HostNamesNoModuleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let allowed = ["Sources/ClearanceBuiltins/", "Sources/clearance-bench/", "Sources/ClearanceForms/"]
    static let moduleIDs = ["cxr", "hiv", "audiometry", "tb"]
    static let plugins = ["Audiometry", "HIVScreening", "TBScreening", "ChestXRay"]

    /// Every `file:line: text` of host sources that names a module id or imports a plugin.
    static func offences(under root: URL = root) throws -> [String] {
        var out: [String] = []
        let sources = root.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return ["cannot read \(sources.path)"] }
        for case let url as URL in walker where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if allowed.contains(where: relative.hasPrefix) { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let named = moduleIDs.contains { line.contains("\"\($0)\"") }
                let imported = plugins.contains { line.hasPrefix("import \($0)") }
                if named || imported { out.append("\(relative):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))") }
            }
        }
        return out.sorted()
    }

    @Test func hostSourcesNameNoModuleAndImportNoPlugin() throws {
        let found = try Self.offences()
        #expect(found.isEmpty, "host sources name a module (declare what the host needs in the module's manifest instead):\n\(found.joined(separator: "\n"))")
    }

    /// The check itself finds what it looks for (so an empty result means something).
    @Test func theCheckFindsAModuleNameInAHostFile() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("host-names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        for dir in ["Sources/ClearanceService", "Sources/ClearanceBuiltins"] {
            try FileManager.default.createDirectory(at: tree.appendingPathComponent(dir), withIntermediateDirectories: true)
            try "let id = \"hiv\"\nimport ChestXRay\n".write(to: tree.appendingPathComponent("\(dir)/Probe.swift"), atomically: true, encoding: .utf8)
        }
        let found = try Self.offences(under: tree)
        #expect(found == ["Sources/ClearanceService/Probe.swift:1: let id = \"hiv\"", "Sources/ClearanceService/Probe.swift:2: import ChestXRay"], "\(found)")
    }
}
