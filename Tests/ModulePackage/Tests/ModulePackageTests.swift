import Foundation
import Testing

/// The `clearance` command built with a compiled module from another package
/// (Tests/ModulePackage: the module depends on the public ClearanceCore product only, the
/// binary on ClearanceCLI): listed, recorded, validated and derived like a built-in module.
@Suite("A module package's clearance binary")
struct ModulePackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The built `clearance-with-sample` beside the test bundle, else in .build/debug.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [beside, beside.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("clearance-with-sample")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/clearance-with-sample")
    }()

    struct Result {
        var status: Int32, stdout: String, stderr: String
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    static func run(_ args: [String], env: [String: String]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func theModuleIsListedRecordedValidatedAndDerived() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("module-package-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        var env = ["CLEARANCE_DB": db, "CLEARANCE_USER": "nurse", "CLEARANCE_PASSWORD": "demo", "XDG_STATE_HOME": dir.path]
        let demo = try Self.run(["demo", "--db", db], env: env)
        #expect(demo.status == 0, "\(demo.stderr)")

        let list = try Self.run(["modules", "list", "--json"], env: env)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("\"blood-pressure\""), "the package's module is installed: \(list.stdout)")
        #expect(!list.stderr.contains("refused"), "\(list.stderr)")
        let shown = try Self.run(["modules", "show", "blood-pressure", "--json"], env: env)
        #expect(shown.object["host_api"] as? String == ">=1.0.0 <2.0.0" && shown.object["attachment_kinds"] as? [String] == ["other"], "\(shown.stdout)")
        #expect((shown.object["result_codes"] as? [[String: String]])?.map { $0["code"] } == ["BP-HIGH", "BP-NORMAL"], "\(shown.stdout)")
        let hiv = try Self.run(["modules", "show", "hiv", "--json"], env: env)
        #expect((hiv.object["facts"] as? [[String: Any]])?.first?["name"] as? String == "hiv_infection_known", "\(hiv.stdout)")

        let bad = dir.appendingPathComponent("bad.json"), good = dir.appendingPathComponent("good.json")
        try #"{"systolic": 120, "diastolic": 130}"#.write(to: bad, atomically: true, encoding: .utf8)
        try #"{"systolic": 150, "diastolic": 85}"#.write(to: good, atomically: true, encoding: .utf8)
        let refused = try Self.run(["record", "blood-pressure", "--case", "1", "--answers", bad.path], env: env)
        #expect(refused.status == 6, "the module's own validation runs in the host's pipeline: \(refused.stderr)")
        #expect(refused.stderr.contains("diastolic: the diastolic pressure 130 is not below the systolic 120"), "\(refused.stderr)")
        let saved = try Self.run(["record", "blood-pressure", "--case", "1", "--answers", good.path, "--json"], env: env)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.object["result_codes"] as? [String] == ["BP-HIGH"], "\(saved.stdout)")
        // A clerk may not record it (the manifest's record roles).
        env["CLEARANCE_USER"] = "clerk"
        #expect(try Self.run(["record", "blood-pressure", "--case", "1", "--answers", good.path], env: env).status == 4)
    }

    @Test func theModuleDependsOnThePublicProductsOnly() throws {
        let sources = Self.root.appendingPathComponent("Tests/ModulePackage")
        var imports: Set<String> = []
        for sub in ["SampleBloodPressure", "clearance-with-sample"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: sources.appendingPathComponent(sub).path) where name.hasSuffix(".swift") {
                let text = try String(contentsOf: sources.appendingPathComponent("\(sub)/\(name)"), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") { imports.insert(String(line.dropFirst(7))) }
            }
        }
        #expect(imports.subtracting(["Foundation", "ClearanceCore", "ClearanceCLI", "SampleBloodPressure"]).isEmpty, "\(imports.sorted())")
    }
}
