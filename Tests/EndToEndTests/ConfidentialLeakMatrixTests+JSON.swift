import Foundation
import Testing

/// Every `--json` command a clerk can point at a case, its person, its encounters or the
/// records they are in, on a GCC labour case with an `HIV-POS` result and a medical officer's
/// decision with a reason: no JSON view, on standard output, standard error or in a file it
/// writes, carries the result code, the rule it fired, the derived HIV values, the decision or
/// the reason; and each view still parses and says what it withheld.
extension ConfidentialLeakMatrixTests {
    /// Traces of the medical officer's decision on the case (a clerk sees `DECIDED`).
    static let decisionTraces = ["Western blot confirmation awaited"]

    /// On demo case 2 (GCC labour): TB by the clerk with no symptom (nothing requires sputum
    /// yet), then the clinic's HIV-POS by the counsellor. Returns the TB answers and both ids.
    static func recordHIVPositiveCase(_ cli: CLI, dir: URL) throws -> (tb: [String: Any], tbID: Int, hivID: Int) {
        var tb = try Exchange.template(cli, "tb")
        tb.removeValue(forKey: "hiv_status")
        for s in ["cough_2w", "haemoptysis", "fever", "night_sweats", "weight_loss"] { tb[s] = "no" }
        tb.removeValue(forKey: "specimens")
        let tbID = try Exchange.record(cli, dir: dir, "tb", caseID: 2, as: "clerk", tb)
        var hiv = try Exchange.template(cli, "hiv")
        for k in ["a1_result", "a2_result", "a3_result"] { hiv[k] = "reactive" }
        let hivID = try Exchange.record(cli, dir: dir, "hiv", caseID: 2, as: "counsellor", hiv)
        return (tb, tbID, hivID)
    }

    @Test func everyJSONViewHonoursConfidentialityForAClerk() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let (tb, tbID, hivID) = try Self.recordHIVPositiveCase(cli, dir: dir)
        let decided = try cli.as("mo").run("case", "decide", "2", "--decision", "PENDING", "--reason", "Western blot confirmation awaited", "--json")
        #expect(decided.status == 0, "\(decided.stderr)")
        // Positive control: the medical officer's views carry what the clerk's may not.
        let moShow = try cli.as("mo").run("case", "show", "2", "--json")
        #expect(moShow.stdout.contains("HIV-POS") && moShow.stdout.contains("Western blot confirmation awaited"), "\(moShow.stdout)")
        #expect(try cli.as("mo").run("encounter", "show", String(hivID), "--json").stdout.contains("HIV-POS"))

        let clerk = cli.as("clerk")
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let tbFile = dir.appendingPathComponent("tb-clerk.json")
        try JSONSerialization.data(withJSONObject: tb).write(to: tbFile)
        let out = dir.appendingPathComponent("clerk-out", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let commands: [(args: [String], file: URL?)] = [
            (["case", "show", "2"], nil), (["case", "review", "2"], nil), (["case", "list"], nil),
            (["case", "list", "--programme", "gcc-labour", "--status", "all"], nil),
            (["person", "show", "2"], nil), (["person", "find", "a"], nil), (["person", "history", "2"], nil),
            (["encounter", "show", String(tbID)], nil), (["encounter", "show", String(tbID), "--history"], nil),
            (["encounter", "show", String(hivID)], nil), (["encounter", "show", String(hivID), "--history"], nil),
            (["attachment", "list", "--encounter", String(hivID)], nil),
            (["certificate", "list", "--case", "2"], nil),
            (["audit", "log"], nil),
            (["report", "daily", "--date", today, "--out", out.appendingPathComponent("daily.csv").path], out.appendingPathComponent("daily.csv")),
            (["report", "aggregate", "--period", String(today.prefix(7)), "--by", "programme,result"], nil),
            (["export", "fhir", "--case", "2", "--out", out.appendingPathComponent("case.json").path], out.appendingPathComponent("case.json")),
            (["export", "csv", "--module", "hiv", "--out", out.appendingPathComponent("csv").path], out.appendingPathComponent("csv")),
            (["record", "tb", "--case", "2", "--answers", tbFile.path, "--dry-run"], nil),
            (["record", "hiv", "--case", "2", "--answers", tbFile.path, "--dry-run"], nil),
            (["encounter", "correct", String(tbID), "--set", "fever=no", "--reason", "re-asked"], nil),
            (["encounter", "correct", String(hivID), "--set", "a1_result=reactive", "--reason", "re-asked"], nil),
            (["case", "decide", "2", "--decision", "UNFIT", "--reason", "x"], nil),
        ]
        var parsed = 0
        for (args, file) in commands {
            let r = try clerk.run(args + ["--json"])
            var text = r.stdout + r.stderr
            if let file {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), isDir.boolValue {
                    for f in (try? FileManager.default.contentsOfDirectory(atPath: file.path)) ?? [] {
                        text += (try? String(contentsOf: file.appendingPathComponent(f), encoding: .utf8)) ?? ""
                    }
                } else {
                    text += (try? String(contentsOf: file, encoding: .utf8)) ?? ""
                }
            }
            let what = args.joined(separator: " ")
            for t in Self.hivTraces + Self.decisionTraces { #expect(!text.contains(t), "clerk \(what) --json: \(t) in\n\(text)") }
            #expect(!text.contains("\"sputum_required\" : true"), "clerk \(what) --json: sputum_required implies HIV\n\(text)")
            // Whatever it printed is one JSON document (a view or an error view), on one stream.
            let stream = r.status == 0 ? r.stdout : r.stderr
            if (try? JSONSerialization.jsonObject(with: Data(stream.utf8))) != nil { parsed += 1 } else {
                Issue.record("clerk \(what) --json (exit \(r.status)) printed no JSON:\n\(stream)")
            }
        }
        #expect(parsed == commands.count)

        // What the clerk's views say instead: the case's decision is DECIDED with the withheld
        // reason, the HIV encounter is marked hidden with no answers, codes or derived values.
        let shown = try clerk.run("case", "show", "2", "--json").object
        let decision = try #require(shown["decision"] as? [String: Any], "\(shown)")
        #expect(decision["decision"] as? String == "DECIDED" && decision["proposed"] as? String == "DECIDED", "\(decision)")
        #expect(decision["reason"] as? String == "the reason is for the medical officer" && decision["differs"] is NSNull, "\(decision)")
        let listed = (shown["encounters"] as? [[String: Any]])?.first { $0["module"] as? String == "hiv" }
        #expect(listed?["confidential_hidden"] as? Bool == true && (listed?["result_codes"] as? [String]) == [], "\(String(describing: listed))")
        let encounter = try clerk.run("encounter", "show", String(hivID), "--json", "--history").object
        #expect(encounter["answers"] is NSNull && encounter["derived"] is NSNull && encounter["history"] == nil, "\(encounter)")
        let review = try clerk.run("case", "review", "2", "--json").object
        #expect((review["decision"] as? [String: Any])?["decision"] as? String == "DECIDED", "\(review)")
        #expect(review["certificates"] is [Any] && review["warnings"] is [Any], "\(review)")
        let daily = try clerk.run("report", "daily", "--date", today, "--out", out.appendingPathComponent("daily2.csv").path, "--json").object
        let hivLine = (daily["lines"] as? [[String: Any]])?.first { $0["module"] as? String == "hiv" }
        #expect(hivLine?["confidential_hidden"] as? Bool == true && (hivLine?["result_codes"] as? [String]) == [], "\(daily)")
        #expect(daily["out"] as? String != nil && daily["format"] as? String == "csv", "\(daily)")
    }
}
