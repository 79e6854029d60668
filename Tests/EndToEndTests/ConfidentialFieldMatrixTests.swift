import Foundation
import Testing

/// Per-field read roles, tried as every role would: a nurse answers TB's `hiv_status`
/// (`roles:`) but only counsellors and medical officers read it back (`read_roles:`), and
/// nothing derived from it reaches anyone else: not the answer, not `TB-B1-PULM` (sputum made
/// required by HIV alone, complete negative series), not `sputum_required: yes`, not the
/// officer's UNFIT decision, its conditions or its reason. Every role x every read path, text
/// and JSON, through the binary.
@Suite("Confidential fields: every role against every read path (binary)")
struct ConfidentialFieldMatrixTests {
    static let roles = ["clerk", "nurse", "counsellor", "radiographer", "radiologist", "audiometrist", "mo", "admin"]
    /// Roles that read TB's hiv_status and everything in the case (TB only).
    static let readAll: Set<String> = ["counsellor", "mo"]

    /// What would tell HIV status: the answer, its label, the code and value it alone produced,
    /// and the officer's outcome and words.
    static let traces = ["\"hiv_status\" : \"positive\"", "hiv_status: positive", "hiv_status=positive", "Known positive", "TB-B1-PULM", "\"sputum_required\" : true", "sputum_required: yes",
                         "UNFIT", "Secret officer reason"]

    /// Three negative specimens collected on three different days in the last weeks.
    static func negativeSeries() -> [[String: Any]] {
        let day: (Int) -> String = { ago in
            ISO8601DateFormatter.string(from: Date().addingTimeInterval(Double(-ago) * 86_400), timeZone: .gmt, formatOptions: [.withFullDate])
        }
        return [30, 29, 28].map { ago in
            ["collection_date": day(ago), "method": "spontaneous", "smear": "negative", "naat": "not_detected",
             "culture": "negative", "date_final": day(ago - 21)]
        }
    }

    @Test func noRoleReadsAFieldOrWhatFollowsFromItUnlessItMay() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        // Case 1 (uk-tb, TB and X-ray recorded by the demo): the nurse corrects TB to HIV known
        // positive, no symptom, three negative specimens: TB-B1-PULM only because of HIV.
        let shown = try cli.as("mo").run("case", "show", "1", "--json").object
        let encounters = shown["encounters"] as? [[String: Any]] ?? []
        let tbID = try #require(encounters.first { $0["module"] as? String == "tb" }?["id"] as? Int, "\(shown)")
        var changes = ["hiv_status=positive"]
        for s in ["cough_2w", "haemoptysis", "fever", "night_sweats", "weight_loss"] { changes.append("\(s)=no") }
        let series = String(decoding: try JSONSerialization.data(withJSONObject: Self.negativeSeries()), as: UTF8.self)
        changes.append("specimens=\(series)")
        let corrected = try cli.as("nurse").run(["encounter", "correct", String(tbID)] + changes.flatMap { ["--set", $0] }
                                                + ["--reason", "re-asked", "--json"])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        // What `correct` tells the nurse who just saved it: no code that follows from HIV.
        #expect(!corrected.stdout.contains("TB-B1-PULM") && corrected.stdout.contains("withheld (for the medical officer)"), "\(corrected.stdout)")

        // Positive control: the medical officer reads the answer and the code.
        let moShow = try cli.as("mo").run("encounter", "show", String(tbID), "--json")
        #expect(moShow.stdout.contains("hiv_status") && moShow.stdout.contains("TB-B1-PULM"), "\(moShow.stdout)")
        let decided = try cli.as("mo").run("case", "decide", "1", "--decision", "UNFIT", "--reason", "Secret officer reason", "--json")
        #expect(decided.status == 0, "\(decided.stderr)")
        let tbAgain = dir.appendingPathComponent("tb.json")
        var tb = try Exchange.template(cli, "tb")
        tb["hiv_status"] = "positive"
        try JSONSerialization.data(withJSONObject: tb).write(to: tbAgain)
        let file = tbAgain
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))

        for role in Self.roles {
            let me = cli.as(role)
            var seen: [(String, String)] = []
            func look(_ what: String, _ args: [String], file: URL? = nil) throws {
                let r = try me.run(args)
                var text = r.stdout + r.stderr
                if let file {
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), isDir.boolValue {
                        for f in (try? FileManager.default.contentsOfDirectory(atPath: file.path)) ?? [] {
                            text += (try? String(contentsOf: file.appendingPathComponent(f), encoding: .utf8)) ?? ""
                        }
                    } else if let data = try? Data(contentsOf: file) {
                        // A FHIR Bundle's CodeSystem defines every code the exporter may read
                        // (TB-B1-PULM, UNFIT as words of the vocabulary): the person's data is the rest.
                        if var bundle = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let entries = bundle["entry"] as? [[String: Any]] {
                            bundle["entry"] = entries.filter { (($0["resource"] as? [String: Any])?["resourceType"] as? String) != "CodeSystem" }
                            text += String(decoding: try JSONSerialization.data(withJSONObject: bundle), as: UTF8.self)
                        } else { text += String(decoding: data, as: UTF8.self) }
                    }
                }
                seen.append((what, text))
            }
            for c in [["case", "show", "1"], ["case", "show", "1", "--json"], ["case", "review", "1"], ["case", "review", "1", "--json"],
                      ["case", "list"], ["case", "list", "--json"], ["person", "show", "1"], ["person", "show", "1", "--json"],
                      ["audit", "log"], ["audit", "log", "--json"], ["certificate", "list", "--case", "1"],
                      ["encounter", "show", String(tbID)], ["encounter", "show", String(tbID), "--json"],
                      ["encounter", "show", String(tbID), "--history"], ["encounter", "show", String(tbID), "--history", "--json"]] {
                try look(c.joined(separator: " "), c)
            }
            let fhir = dir.appendingPathComponent("\(role).json")
            try look("export fhir", ["export", "fhir", "--case", "1", "--out", fhir.path], file: fhir)
            let csv = dir.appendingPathComponent("csv-\(role)")
            try look("export csv", ["export", "csv", "--module", "tb", "--out", csv.path], file: csv)
            let daily = dir.appendingPathComponent("\(role).csv")
            try look("report daily", ["report", "daily", "--date", today, "--out", daily.path], file: daily)
            // Errors: a correction refused on another field, a second record.
            try look("encounter correct", ["encounter", "correct", String(tbID), "--set", "specimens=[]", "--reason", "lost"])
            try look("record tb", ["record", "tb", "--case", "1", "--answers", file.path, "--json"])

            guard !Self.readAll.contains(role) else { continue }
            for (what, text) in seen {
                for t in Self.traces { #expect(!text.contains(t), "\(role) \(what): \(t) in\n\(text)") }
            }
        }
        // The nurse still learns that the case is decided and whose the reason is.
        let nurse = try cli.as("nurse").run("case", "show", "1", "--json").object
        let decision = try #require(nurse["decision"] as? [String: Any], "\(nurse)")
        #expect(decision["decision"] as? String == "DECIDED" && decision["reason"] as? String == "the reason is for the medical officer", "\(decision)")
        // And the counsellor reads the answer back; the medical officer the outcome.
        let counsellor = try cli.as("counsellor").run("encounter", "show", String(tbID), "--json").object
        #expect((counsellor["answers"] as? [String: Any])?["hiv_status"] as? String == "positive", "\(counsellor)")
        #expect((try cli.as("mo").run("case", "show", "1", "--json").object["decision"] as? [String: Any])?["reason"] as? String == "Secret officer reason")
    }
}
