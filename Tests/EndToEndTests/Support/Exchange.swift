import Foundation
import Testing

/// Helpers for the exchange tests: a case with every kind of record, the FHIR validator.
enum Exchange {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `scripts/validate-fhir` with the validator venv `scripts/setup` creates
    /// (`.venv-fhir`, or CLEARANCE_FHIR_VENV): status and output.
    static func validate(_ files: [String]) throws -> (status: Int32, output: String) {
        let venv = ProcessInfo.processInfo.environment["CLEARANCE_FHIR_VENV"] ?? repository.appendingPathComponent(".venv-fhir").path
        let python = venv + "/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return (127, "the FHIR validator is not installed at \(venv): run scripts/setup")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [repository.appendingPathComponent("scripts/validate-fhir").path] + files
        let out = Pipe()
        p.standardOutput = out; p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A module's answer template from the binary, as JSON.
    static func template(_ cli: CLI, _ module: String) throws -> [String: Any] {
        let t = try cli.run("modules", "template", module)
        return try #require(try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any])
    }

    /// Records `answers` for `module` on a case as `user`; returns the encounter id.
    @discardableResult
    static func record(_ cli: CLI, dir: URL, _ module: String, caseID: Int, as user: String, _ answers: [String: Any]) throws -> Int {
        let file = dir.appendingPathComponent("\(module)-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: answers).write(to: file)
        let r = try cli.as(user).run("record", module, "--case", String(caseID), "--answers", file.path, "--json")
        #expect(r.status == 0, "record \(module): \(r.stderr)")
        return try #require(r.object["encounter"] as? Int)
    }

    /// Every resource of a Bundle.
    static func resources(_ bundle: [String: Any]) -> [[String: Any]] {
        (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
    }

    /// The codes (`system|code`) of a resource's `code`.
    static func codes(_ resource: [String: Any]) -> [String] {
        ((resource["code"] as? [String: Any])?["coding"] as? [[String: Any]] ?? []).map { "\($0["system"] ?? "")|\($0["code"] ?? "")" }
    }

    static func isRestricted(_ resource: [String: Any]) -> Bool {
        ((resource["meta"] as? [String: Any])?["security"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "R" }
    }
}
