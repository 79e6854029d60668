import Foundation
import Testing

/// Every write of answers takes one pipeline: the same bad answers give the same issues and the
/// same exit status through `record --answers`, `import`, `encounter correct` and the line
/// prompts, and image answers are held to one rule (an attachment of this case's person).
@Suite("One recording pipeline (binary)")
struct PipelineAgreementTests {
    /// Demo case 5: us-panel, a boy of 9 from NGA, so a TST or IGRA is required (the TB
    /// module's own validation, which the form cannot see).
    static let caseID = "5"

    static func day(_ offset: Int) -> String {
        let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd"; f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }

    static func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The issues of a `--json` error object (the last JSON object on standard error).
    static func issues(_ stderr: String) -> [[String: String]] {
        guard let start = stderr.range(of: "{\n  \"error\"", options: .backwards),
              let object = try? JSONSerialization.jsonObject(with: Data(stderr[start.lowerBound...].utf8)) as? [String: Any] else { return [] }
        return (object["issues"] as? [[String: String]]) ?? []
    }

    @Test func theSameBadAnswersGiveTheSameIssuesAndExitEverywhere() throws {
        let (dir, base) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let nurse = CLI(database: base.environment["CLEARANCE_DB"]!, extra: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path]).as("nurse")
        let template = try nurse.run("modules", "template", "tb")
        #expect(template.status == 0, "\(template.stderr)")
        let bad = template.object   // every symptom no, immune_test not_done: refused by the module for a child of 9
        #expect(bad["immune_test"] as? String == "not_done")
        let badFile = dir.appendingPathComponent("bad.json")
        try Self.json(bad).write(to: badFile, atomically: true, encoding: .utf8)

        // 1. record --answers
        let recorded = try nurse.run("record", "tb", "--case", Self.caseID, "--answers", badFile.path, "--json")
        let expected = Self.issues(recorded.stderr)
        #expect(recorded.status == 6, "\(recorded.stderr)")
        #expect(expected.map { $0["field"] } == ["immune_test"], "\(recorded.stderr)")

        // 2. import: the same answers on line 2 (line 1 is blank)
        let lines = dir.appendingPathComponent("bad.jsonl")
        try ("\n" + Self.json(["case": Int(Self.caseID)!, "answers": bad]) + "\n").write(to: lines, atomically: true, encoding: .utf8)
        let imported = try nurse.run("import", "tb", lines.path, "--json")
        #expect(imported.status == 6, "\(imported.stderr)")
        let refused = imported.object["refused"] as? [[String: Any]] ?? []
        #expect(refused.first?["line"] as? Int == 2, "\(imported.stdout)")
        #expect(refused.first?["issues"] as? [[String: String]] == expected, "\(imported.stdout)")

        // 3. encounter correct: a valid encounter first, then the same answers as a correction
        var good = bad
        good["immune_test"] = "tst"; good["tst_date_placed"] = Self.day(-3); good["tst_date_read"] = Self.day(-1); good["tst_induration_mm"] = 0
        let goodFile = dir.appendingPathComponent("good.json")
        try Self.json(good).write(to: goodFile, atomically: true, encoding: .utf8)
        let saved = try nurse.run("record", "tb", "--case", Self.caseID, "--answers", goodFile.path, "--json")
        #expect(saved.status == 0, "\(saved.stderr)")
        let encounter = String(saved.object["encounter"] as? Int ?? 0)
        let corrected = try nurse.run("encounter", "correct", encounter, "--set", "immune_test=not_done", "--reason", "agreement test", "--json")
        #expect(corrected.status == 6, "\(corrected.stderr)")
        #expect(Self.issues(corrected.stderr) == expected, "\(corrected.stderr)")

        // 4. line prompts: the same answers typed (12 questions, no sputum entry), then save;
        // the refusal is listed, the form asked again, and input ends.
        let typed = "n\nn\nn\nn\nn\n1\nn\nn\n1\nn\nn\nn\nn\nyes\n"
        let prompted = try nurse.run(["record", "tb", "--case", Self.caseID, "--json"], stdin: typed)
        #expect(prompted.status == 6, "\(prompted.stderr)")
        #expect(Self.issues(prompted.stderr) == expected, "\(prompted.stderr)")
        #expect(prompted.stderr.contains("! immune_test: \(expected.first?["message"] ?? "?")"), "the refusal is shown at the prompt: \(prompted.stderr)")

        // Nothing of the refused writes was stored: one TB encounter, unchanged.
        let db = nurse.environment["CLEARANCE_DB"]!
        #expect(try sqlite(db, "SELECT count(*) FROM encounters WHERE case_id = \(Self.caseID) AND module_id = 'tb'") == "1")
        #expect(try sqlite(db, "SELECT count(*) FROM observations WHERE encounter_id = \(encounter) AND voided_at IS NOT NULL") == "0")
    }

    @Test func anImportLineNamingAnotherPersonsAttachmentIsRefusedNamingLineAndField() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        // Person 1's chest X-ray: attached to the demo's X-ray encounter 1 (case 1).
        let png = AttachmentEndToEndTests.fixture("rgb8.png")
        let attached = try cli.as("radiographer").run("attach", "--encounter", "1", "--kind", "cxr", png, "--json")
        #expect(attached.status == 0, "\(attached.stderr)")
        let theirs = attached.object["id"] as? Int ?? 0
        let radiologist = cli.as("radiologist")
        let template = try radiologist.run("modules", "template", "cxr").object
        // Line 1 names person 1's X-ray for case 3 (another person); line 2 gives a PNG path,
        // stored and tied to its encounter in the same transaction.
        var stolen = template; stolen["image"] = theirs
        var own = template; own["image"] = png
        let lines = dir.appendingPathComponent("xrays.jsonl")
        try [try Self.json(["case": 3, "answers": stolen]), try Self.json(["case": 4, "answers": own])]
            .joined(separator: "\n").write(to: lines, atomically: true, encoding: .utf8)
        let before = try sqlite(db, "SELECT count(*) FROM encounters")
        let r = try radiologist.run("import", "cxr", lines.path)
        #expect(r.status == 6, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("Imported 1 cxr encounter; skipped 0 already imported; refused 1."), "\(r.stdout)")
        #expect(r.stderr.contains("\(lines.path):1: image: attachment \(theirs) belongs to another person"), "\(r.stderr)")
        // The X-ray stays person 1's, tied to encounter 1; line 2's file is attached to its new encounter.
        #expect(try sqlite(db, "SELECT encounter_id FROM attachments WHERE id = \(theirs)") == "1")
        #expect(Int(try sqlite(db, "SELECT count(*) FROM encounters"))! == Int(before)! + 1)
        #expect(try sqlite(db, "SELECT a.kind || ' ' || e.case_id FROM attachments a JOIN encounters e ON e.id = a.encounter_id WHERE a.id <> \(theirs)") == "cxr 4")
    }
}
