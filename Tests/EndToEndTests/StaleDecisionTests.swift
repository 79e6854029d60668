import Foundation
import Testing

/// A decision is bound to the evidence it was made on: a later correction makes it stale, the
/// review says so, and `certificate issue` refuses it until a medical officer decides again.
@Suite("Stale decisions (binary)")
struct StaleDecisionTests {
    @Test func correctionAfterDecisionBlocksTheCertificate() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let added = try cli.run("person", "add", "--surname", "Okafor", "--given", "Chidi", "--dob", "1990-05-06", "--sex", "M",
                                "--nationality", "NGA", "--document-number", "A7654321", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        let personID = String(try #require(added.object["id"] as? Int))
        let opened = try cli.run("case", "open", "--person", personID, "--programme", "uk-tb", "--json")
        let caseID = String(try #require(opened.object["id"] as? Int))
        var tbEncounter = ""
        for (module, user) in [("pregnancy", "nurse"), ("cxr", "radiologist"), ("tb", "nurse")] {
            let template = try cli.run("modules", "template", module)
            let file = dir.appendingPathComponent("\(module).json")
            try template.stdout.write(to: file, atomically: true, encoding: .utf8)
            let r = try cli.as(user).run("record", module, "--case", caseID, "--answers", file.path, "--json")
            #expect(r.status == 0, "\(module): \(r.stderr)")
            if module == "tb" { tbEncounter = String(r.object["encounter"] as? Int ?? 0) }
        }
        let decided = try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT", "--json")
        #expect(decided.status == 0 && decided.object["stale"] as? Bool == false, "\(decided.stdout)\(decided.stderr)")
        #expect(try cli.as("admin").run("keys", "init").status == 0)

        // Fresh: the review shows the decision as not stale.
        let fresh = try cli.as("mo").run("case", "review", caseID, "--json")
        let freshDecision = try #require(fresh.object["decision"] as? [String: Any], "\(fresh.stdout)")
        #expect(freshDecision["stale"] as? Bool == false)

        // A nurse corrects TB: a known contact gives TB-B3 (the uk-tb pack of this checkout
        // still proposes FIT for it; the officer's judgement is what the re-decision records).
        let exposure = ISO8601DateFormatter.string(from: Date().addingTimeInterval(-30 * 86_400), timeZone: .gmt,
                                                   formatOptions: [.withFullDate])
        let corrected = try cli.as("nurse").run("encounter", "correct", tbEncounter, "--set", "contact=yes",
                                                "--set", "contact_source=TB case 2211", "--set", "contact_relationship=household",
                                                "--set", "contact_date=\(exposure)",
                                                "--reason", "contact history recalled", "--json")
        #expect(corrected.status == 0, "\(corrected.stderr)")

        for user in ["mo", "clerk"] {
            let shown = try cli.as(user).run("case", "show", caseID, "--json")
            let decision = try #require(shown.object["decision"] as? [String: Any], "\(user): \(shown.stdout)\(shown.stderr)")
            #expect(decision["stale"] as? Bool == true, "\(user): \(decision)")
            let because = decision["stale_because"] as? String ?? ""
            #expect(because.contains("encounter \(tbEncounter) (tb) corrected after the decision"), "\(user): \(because)")
        }
        let review = try cli.as("mo").run("case", "review", caseID)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("tb final") && review.stdout.contains("TB-B3"), "\(review.stdout)")
        #expect(review.stdout.contains("STALE: encounter \(tbEncounter) (tb) corrected after the decision"), "\(review.stdout)")
        #expect(review.stdout.contains("Next: the decision is stale"), "\(review.stdout)")
        let shownText = try cli.as("mo").run("case", "show", caseID)
        #expect(shownText.stdout.contains("STALE:"), "\(shownText.stdout)")

        // The stale FIT is not signed: exit 7, told how to re-decide, nothing stored.
        let refused = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--no-photo-reason", "no camera at the site")
        #expect(refused.status == 7, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("stale") && refused.stderr.contains("clearance case decide \(caseID)"), "\(refused.stderr)")
        let none = try cli.run("certificate", "list", "--case", caseID, "--json")
        #expect(none.status == 0 && !none.stdout.contains("CLR-"), "\(none.stdout)\(none.stderr)")

        // Re-decided on the corrected evidence, the certificate is issued with the conditions.
        let again = try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT-WITH-CONDITIONS",
                                          "--conditions", "Review at destination within 30 days",
                                          "--reason", "household contact of a TB case: follow-up at destination", "--json")
        #expect(again.status == 0 && again.object["stale"] as? Bool == false, "\(again.stderr)")
        let issued = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--no-photo-reason", "no camera at the site", "--json")
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.object["outcome"] as? String == "FIT WITH CONDITIONS", "\(issued.stdout)")
        #expect(issued.object["decision"] as? Int == again.object["id"] as? Int, "\(issued.stdout)")
    }
}
