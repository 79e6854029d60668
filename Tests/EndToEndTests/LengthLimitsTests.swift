import Foundation
import Testing

/// Length limits on text answers (per field, default 2,000) and on person names, through the binary.
@Suite("Length limits (binary)")
struct LengthLimitsTests {
    @Test func longTextsAreRefusedNamingFieldAndLimit() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "x", count: 101)
        let added = try cli.run("person", "add", "--surname", long, "--given", "Test", "--dob", "1990-01-01", "--sex", "F",
                                "--nationality", "JOR", "--document-number", "LL123456")
        #expect(added.status == 6 && added.stderr.contains("surname") && added.stderr.contains("at most 100"), "\(added.stderr)")
        let edited = try cli.run("person", "edit", "2", "--set", "given=\(long)", "--reason", "test")
        #expect(edited.status == 6 && edited.stderr.contains("at most 100"), "\(edited.stderr)")

        // A text answer of 2,001 characters (the default limit is 2,000), through import.
        let nurse = cli.as("nurse")
        guard var answers = try ImportRerunTests.tbAnswers(nurse) as? [String: Any] else { Issue.record("no template"); return }
        answers["contact"] = "yes"
        answers["contact_source"] = String(repeating: "y", count: 2001)
        let file = dir.appendingPathComponent("long.jsonl")
        try (try ImportRerunTests.line(["case": 2, "answers": answers]) + "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try nurse.run("import", "tb", file.path, "--json")
        #expect(r.status == 6, "\(r.stdout)\(r.stderr)")
        let issues = ((r.object["refused"] as? [[String: Any]])?.first?["issues"] as? [[String: String]]) ?? []
        #expect(issues.contains { $0["field"] == "contact_source" && ($0["message"] ?? "").contains("2001 characters long; shorten it to at most 2000") },
                "\(r.stdout)")
    }
}
