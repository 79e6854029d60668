import Foundation
import Testing

/// Recording a module twice never silently replaces the first encounter, and the chest X-ray
/// is recorded in two parts by two roles into one encounter, through the binary.
@Suite("Recording twice and in two parts (binary)")
struct SupersedeTests {
    static let acquisitionFields: Set<String> = ["acquisition", "reason_not_done", "shielding", "views", "xray_date", "xray_time", "image"]

    static func count(_ dir: URL, _ sql: String) throws -> String {
        try sqlite(dir.appendingPathComponent("demo.sqlite").path, sql)
    }

    @Test func aSecondRecordingNeedsAnExplicitSupersedeWithAReason() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let shown = try cli.as("mo").run("case", "show", "1", "--json").object
        let oldTB = try #require((shown["encounters"] as? [[String: Any]] ?? []).first { $0["module"] as? String == "tb" }?["id"] as? Int)
        let file = dir.appendingPathComponent("tb.json")
        try (try cli.run("modules", "template", "tb")).stdout.write(to: file, atomically: true, encoding: .utf8)
        let before = try Self.count(dir, "SELECT count(*) FROM encounters")

        // Refused, naming the encounter and the ways on; nothing stored.
        let refused = try cli.as("nurse").run("record", "tb", "--case", "1", "--answers", file.path)
        #expect(refused.status == 7, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("already has tb recorded (encounter \(oldTB)") && refused.stderr.contains("--supersede --reason"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("encounter correct \(oldTB)"), "\(refused.stderr)")
        #expect(try Self.count(dir, "SELECT count(*) FROM encounters") == before)
        // --supersede without a reason is a usage error.
        let bare = try cli.as("nurse").run("record", "tb", "--case", "1", "--answers", file.path, "--supersede")
        #expect(bare.status == 2 && bare.stderr.contains("--reason"), "\(bare.stderr)")
        #expect(try Self.count(dir, "SELECT count(*) FROM encounters") == before)

        // With a reason: a new encounter; the old one kept, no longer current, and audited.
        let replaced = try cli.as("nurse").run("record", "tb", "--case", "1", "--answers", file.path, "--supersede",
                                               "--reason", "first form filled for the wrong person", "--json")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.object["supersedes"] as? Int == oldTB, "\(replaced.stdout)")
        let newTB = try #require(replaced.object["encounter"] as? Int)
        let after = try cli.as("mo").run("case", "show", "1", "--json").object
        let tbs = (after["encounters"] as? [[String: Any]] ?? []).filter { $0["module"] as? String == "tb" }
        #expect(tbs.count == 2, "\(tbs)")
        #expect(tbs.first { $0["id"] as? Int == oldTB }?["current"] as? Bool == false, "\(tbs)")
        #expect(tbs.first { $0["id"] as? Int == newTB }?["current"] as? Bool == true, "\(tbs)")
        #expect(try cli.as("mo").run("encounter", "show", String(oldTB)).status == 0, "the old encounter still reads")
        let audit = try cli.as("admin").run("audit", "log", "--case", "1", "--action", "create", "--json").array
        let entry = try #require(audit.first { $0["entity_id"] as? String == String(newTB) || "\($0["entity_id"] ?? "")" == String(newTB) }, "\(audit)")
        let detail = entry["detail"] as? String ?? "\(entry["detail"] ?? "")"
        #expect(detail.contains("\"supersedes\":\(oldTB)") && detail.contains("first form filled for the wrong person"), "\(detail)")
        #expect(try cli.run("audit", "verify").status == 0)

        // Import obeys the same rule, line by line.
        let lines = dir.appendingPathComponent("tb.jsonl")
        let answers = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        let plain = String(decoding: try JSONSerialization.data(withJSONObject: ["case": 1, "answers": answers]), as: UTF8.self)
        let superseding = String(decoding: try JSONSerialization.data(withJSONObject: ["case": 1, "answers": answers, "supersede": "re-screened"]), as: UTF8.self)
        try (plain + "\n" + superseding + "\n").write(to: lines, atomically: true, encoding: .utf8)
        let imported = try cli.as("nurse").run("import", "tb", lines.path)
        #expect(imported.stdout.contains("1") && (imported.stdout + imported.stderr).contains("\(lines.path):1:"), "\(imported.stdout)\(imported.stderr)")
        #expect((imported.stdout + imported.stderr).contains("--supersede"), "\(imported.stderr)")
        #expect(!(imported.stdout + imported.stderr).contains("\(lines.path):2:"), "\(imported.stdout)\(imported.stderr)")
        let finalTBs = try Self.count(dir, "SELECT count(*) FROM encounters WHERE case_id = 1 AND module_id = 'tb'")
        #expect(finalTBs == "3", "\(finalTBs)")
    }

    @Test func theRadiologistCompletesTheRadiographersEncounterWithoutRetypingIt() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let template = try Exchange.template(cli, "cxr")
        let acquisition = template.filter { Self.acquisitionFields.contains($0.key) }
        let reading = template.filter { !Self.acquisitionFields.contains($0.key) }
        #expect(!reading.isEmpty && acquisition["acquisition"] as? String == "done", "\(template)")
        func person(_ doc: String) throws -> String {
            let p = try cli.run("person", "add", "--surname", "Mensah", "--given", "Kofi", "--dob", "1990-01-01", "--sex", "M",
                                "--nationality", "GHA", "--document-number", doc, "--json")
            let opened = try cli.run("case", "open", "--person", String(try #require(p.object["id"] as? Int)), "--programme", "uk-tb", "--json")
            return String(try #require(opened.object["id"] as? Int))
        }
        func write(_ object: [String: Any], _ name: String) throws -> String {
            let f = dir.appendingPathComponent(name)
            try JSONSerialization.data(withJSONObject: object).write(to: f)
            return f.path
        }
        let caseID = try person("GH100001")
        // The radiographer: acquisition only. Saved, awaiting the reading; no result.
        let first = try cli.as("radiographer").run("record", "cxr", "--case", caseID, "--answers", try write(acquisition, "acq.json"), "--json")
        #expect(first.status == 0, "\(first.stderr)")
        let id = try #require(first.object["encounter"] as? Int)
        #expect(first.object["status"] as? String == "draft", "\(first.stdout)")
        #expect((first.object["awaiting"] as? [String] ?? []).contains("impression"), "\(first.stdout)")
        #expect((first.object["result_codes"] as? [String] ?? []).isEmpty, "\(first.stdout)")
        let text = try cli.as("radiographer").run("record", "cxr", "--case", try person("GH100002"), "--answers", try write(acquisition, "acq2.json"))
        #expect(text.stdout.contains("Awaiting reader") && text.stdout.contains("radiologist"), "\(text.stdout)")
        // Never FIT by omission meanwhile.
        let review = try cli.as("mo").run("case", "review", caseID)
        #expect(!review.stdout.contains("CXR-NOT-DONE") && !review.stdout.contains("Proposed fitness: FIT"), "\(review.stdout)")

        // The radiologist: the reading only, into the same encounter, now final.
        let second = try cli.as("radiologist").run("record", "cxr", "--case", caseID, "--answers", try write(reading, "read.json"), "--json")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.object["encounter"] as? Int == id && second.object["status"] as? String == "final", "\(second.stdout)")
        #expect(second.object["completes"] as? String == "radiographer", "\(second.stdout)")
        #expect(!(second.object["result_codes"] as? [String] ?? []).isEmpty, "\(second.stdout)")
        let shown = try cli.as("mo").run("encounter", "show", String(id), "--json").object
        let answers = shown["answers"] as? [String: Any] ?? [:]
        #expect(answers["xray_date"] != nil && answers["impression"] != nil, "\(shown)")
        #expect(try Self.count(dir, "SELECT count(*) FROM encounters WHERE case_id = \(caseID)") == "1")
        #expect(try Self.count(dir, "SELECT created_by FROM observations WHERE encounter_id = \(id) AND path = 'impression'") == "radiologist")
        #expect(try Self.count(dir, "SELECT created_by FROM observations WHERE encounter_id = \(id) AND path = 'xray_date'") == "radiographer")
        let audit = try cli.as("admin").run("audit", "log", "--case", caseID, "--action", "complete", "--json").array
        #expect(audit.count == 1, "\(audit)")
        #expect(try cli.as("mo").run("audit", "verify").status == 0)
        // Recording it once more is a second recording: refused without --supersede.
        let again = try cli.as("radiologist").run("record", "cxr", "--case", caseID, "--answers", try write(template, "all.json"))
        #expect(again.status == 7, "\(again.stderr)")

        // A stored answer given again with another value is refused, naming it and who gave it.
        let other = try person("GH100003")
        #expect(try cli.as("radiographer").run("record", "cxr", "--case", other, "--answers", try write(acquisition, "acq3.json")).status == 0)
        var clash = reading
        clash["xray_time"] = "23:59"
        let refused = try cli.as("radiologist").run("record", "cxr", "--case", other, "--answers", try write(clash, "clash.json"))
        #expect(refused.status == 6 && refused.stderr.contains("xray_time") && refused.stderr.contains("radiographer"), "\(refused.stderr)")
    }
}
