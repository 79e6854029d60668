import Foundation
import Testing

/// Closing, cancelling and reopening cases, and the second-open-case rule, through the binary.
@Suite("Case lifecycle (binary)")
struct CaseLifecycleTests {
    /// A new person with a uk-tb case recorded, decided FIT and certified. Returns case and certificate ids.
    static func certifiedCase(_ cli: CLI, _ dir: URL, surname: String = "Haddad") throws -> (caseID: String, certID: String, personID: String) {
        let added = try cli.run("person", "add", "--surname", surname, "--given", "Layla", "--dob", "1994-03-02", "--sex", "F",
                                "--nationality", "JOR", "--document-number", "N\(Int.random(in: 1_000_000...9_999_999))", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        let personID = String(try #require(added.object["id"] as? Int))
        let opened = try cli.run("case", "open", "--person", personID, "--programme", "uk-tb", "--json")
        let caseID = String(try #require(opened.object["id"] as? Int))
        for (module, user) in [("pregnancy", "nurse"), ("cxr", "radiologist"), ("tb", "nurse")] {
            let file = dir.appendingPathComponent("\(module).json")
            try cli.run("modules", "template", module).stdout.write(to: file, atomically: true, encoding: .utf8)
            let r = try cli.as(user).run("record", module, "--case", caseID, "--answers", file.path)
            #expect(r.status == 0, "\(module): \(r.stderr)")
        }
        #expect(try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT").status == 0)
        _ = try cli.as("admin").run("keys", "init")
        let issued = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--no-photo-reason", "no camera at the desk", "--json")
        #expect(issued.status == 0, "\(issued.stderr)")
        return (caseID, try #require(issued.object["id"] as? String), personID)
    }

    /// The stored status of a certificate, as `certificate list --case` shows it.
    static func certificateStatus(_ cli: CLI, _ certID: String) throws -> String? {
        let caseID = try sqlite(cli.environment["CLEARANCE_DB"]!, "SELECT case_id FROM certificates WHERE id = '\(certID)'")
        return try cli.as("mo").run("certificate", "list", "--case", caseID, "--json").array.first { $0["id"] as? String == certID }?["status"] as? String
    }

    @Test func closeRefusesRecordingsAndReopenAllowsThem() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Demo case 2: gcc-labour, Santos, nothing recorded.
        let noReason = try cli.run("case", "close", "2", "--reason", "  ")
        #expect(noReason.status == 6 && noReason.stderr.contains("reason"), "\(noReason.stderr)")
        let closed = try cli.run("case", "close", "2", "--reason", "did not return", "--json")
        #expect(closed.status == 0 && closed.object["status"] as? String == "closed", "\(closed.stderr)")
        let twice = try cli.run("case", "close", "2", "--reason", "again")
        #expect(twice.status == 7 && twice.stderr.contains("already closed"), "\(twice.stderr)")

        let file = dir.appendingPathComponent("tb.json")
        try cli.run("modules", "template", "tb").stdout.write(to: file, atomically: true, encoding: .utf8)
        let refused = try cli.as("nurse").run("record", "tb", "--case", "2", "--answers", file.path)
        #expect(refused.status == 7, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("case 2 is closed: nothing more can be recorded") && refused.stderr.contains("case reopen 2"), "\(refused.stderr)")
        // The same message from the import path, line by line.
        let template = try String(contentsOf: file, encoding: .utf8)
        let lines = dir.appendingPathComponent("import.jsonl")
        let object = try JSONSerialization.jsonObject(with: Data(template.utf8))
        let line = try JSONSerialization.data(withJSONObject: ["case": 2, "answers": object])
        try (String(decoding: line, as: UTF8.self) + "\n").write(to: lines, atomically: true, encoding: .utf8)
        let imported = try cli.as("nurse").run("import", "tb", lines.path)
        #expect((imported.stdout + imported.stderr).contains("case 2 is closed: nothing more can be recorded"), "\(imported.stdout)\(imported.stderr)")

        let reopened = try cli.run("case", "reopen", "2", "--reason", "came back", "--json")
        #expect(reopened.status == 0 && reopened.object["status"] as? String == "open", "\(reopened.stderr)")
        let recorded = try cli.as("nurse").run("record", "tb", "--case", "2", "--answers", file.path)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let shown = try cli.run("case", "show", "2")
        #expect(shown.stdout.contains("Status changes:") && shown.stdout.contains("close by clerk: open -> closed: did not return"), "\(shown.stdout)")
        let shownJSON = try cli.run("case", "show", "2", "--json").object["status_changes"] as? [[String: Any]]
        #expect(shownJSON?.map { $0["action"] as? String } == ["close", "reopen"])

        // Audited with the reason, and kept in the table as an attacker with sqlite3 would read it.
        let audit = try cli.as("admin").run("audit", "log", "--json")
        let actions = audit.array.filter { $0["entity"] as? String == "case" && $0["entity_id"] as? String == "2" }.compactMap { $0["action"] as? String }
        #expect(actions.contains("close") && actions.contains("reopen"), "\(audit.stdout.prefix(2000))")
        let db = cli.environment["CLEARANCE_DB"]!
        #expect(try sqlite(db, "SELECT group_concat(action || ':' || reason, '|') FROM case_status_changes WHERE case_id = 2") == "close:did not return|reopen:came back")
        let verify = try cli.as("admin").run("audit", "verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func cancelledCaseRefusesAndSecondOpenCaseNeedsAgain() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Demo person 2 has open case 2 under gcc-labour.
        let second = try cli.run("case", "open", "--person", "2", "--programme", "gcc-labour")
        #expect(second.status == 7, "\(second.stdout)\(second.stderr)")
        #expect(second.stderr.contains("open case 2") && second.stderr.contains("--again"), "\(second.stderr)")
        let again = try cli.run("case", "open", "--person", "2", "--programme", "gcc-labour", "--again", "--json")
        #expect(again.status == 0, "\(again.stderr)")
        let newID = try #require(again.object["id"] as? Int)
        // Another programme is not a second case.
        #expect(try cli.run("case", "open", "--person", "2", "--programme", "uk-tb").status == 0)

        let cancelled = try cli.run("case", "cancel", String(newID), "--reason", "opened twice by mistake", "--json")
        #expect(cancelled.status == 0 && cancelled.object["status"] as? String == "cancelled", "\(cancelled.stderr)")
        let file = dir.appendingPathComponent("tb.json")
        try cli.run("modules", "template", "tb").stdout.write(to: file, atomically: true, encoding: .utf8)
        let refused = try cli.as("nurse").run("record", "tb", "--case", String(newID), "--answers", file.path)
        #expect(refused.status == 7 && refused.stderr.contains("is cancelled: nothing more can be recorded"), "\(refused.stderr)")
        let decide = try cli.as("mo").run("case", "decide", String(newID), "--decision", "PENDING")
        #expect(decide.status == 7 && decide.stderr.contains("is cancelled"), "\(decide.stderr)")
        // Reopening it while case 2 is open needs --again too.
        let reopen = try cli.run("case", "reopen", String(newID), "--reason", "needed after all")
        #expect(reopen.status == 7 && reopen.stderr.contains("open case 2"), "\(reopen.stderr)")
        #expect(try cli.run("case", "reopen", String(newID), "--reason", "needed after all", "--again").status == 0)
    }

    @Test func certifiedCaseCancelSaysWhatHappensToTheCertificate() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (caseID, certID, _) = try Self.certifiedCase(cli, dir)
        let bare = try cli.as("mo").run("case", "cancel", caseID, "--reason", "wrong programme")
        #expect(bare.status == 6 && bare.stderr.contains("--certificate revoke") && bare.stderr.contains(certID), "\(bare.stderr)")
        #expect(try Self.certificateStatus(cli, certID) == "current")
        // A clerk may not revoke.
        let clerk = try cli.as("clerk").run("case", "cancel", caseID, "--reason", "wrong programme", "--certificate", "revoke")
        #expect(clerk.status == 4, "\(clerk.stderr)")
        let done = try cli.as("mo").run("case", "cancel", caseID, "--reason", "wrong programme", "--certificate", "revoke", "--json")
        #expect(done.status == 0 && done.object["status"] as? String == "cancelled", "\(done.stderr)")
        #expect(try Self.certificateStatus(cli, certID) == "revoked")
        // A second certified case closed keeping its certificate: it stays current.
        let (case2, cert2, _) = try Self.certifiedCase(cli, dir, surname: "Khoury")
        let closed = try cli.run("case", "close", case2, "--reason", "certificate handed over", "--certificate", "keep")
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(try Self.certificateStatus(cli, cert2) == "current")
        let reopened = try cli.run("case", "reopen", case2, "--reason", "follow-up", "--json")
        #expect(reopened.object["status"] as? String == "certified", "\(reopened.stdout)\(reopened.stderr)")
    }
}
