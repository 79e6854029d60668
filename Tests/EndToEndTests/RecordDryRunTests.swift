import Foundation
import Testing

/// `record --dry-run` through the binary: the same checks, derivation and exit status as a save,
/// and nothing of it stored.
@Suite("Record dry run (binary)")
struct RecordDryRunTests {
    @Test func aDryRunShowsTheResultAndSavesNothing() throws {
        let (dir, demo) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = demo.environment["CLEARANCE_DB"]!
        let nurse = demo.as("nurse")
        let tb = try Exchange.template(nurse, "tb")
        let answers = String(decoding: try JSONSerialization.data(withJSONObject: tb), as: UTF8.self)
        let before = try sqlite(db, "SELECT (SELECT count(*) FROM encounters) || ' ' || (SELECT count(*) FROM observations) || ' ' || (SELECT count(*) FROM audit_log WHERE action <> 'login')")

        let dry = try nurse.run(["record", "tb", "--case", "2", "--answers", "-", "--dry-run", "--json"], stdin: answers)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.object["dry_run"] as? Bool == true && dry.object["encounter"] == nil, "\(dry.stdout)")
        let codes = try #require(dry.object["result_codes"] as? [String])
        #expect(!codes.isEmpty)
        let bad = try nurse.run(["record", "tb", "--case", "2", "--answers", "-", "--dry-run"], stdin: #"{"cough_2w": "maybe"}"#)
        #expect(bad.status == 6 && bad.stderr.contains("cough_2w"), "\(bad.stderr)")
        #expect(try sqlite(db, "SELECT (SELECT count(*) FROM encounters) || ' ' || (SELECT count(*) FROM observations) || ' ' || (SELECT count(*) FROM audit_log WHERE action <> 'login')") == before)
        #expect(try demo.as("admin").run("audit", "verify").status == 0)

        let saved = try nurse.run(["record", "tb", "--case", "2", "--answers", "-", "--json"], stdin: answers)
        #expect(saved.status == 0 && saved.object["result_codes"] as? [String] == codes, "a save gives what the dry run showed: \(saved.stdout)")
    }
}
