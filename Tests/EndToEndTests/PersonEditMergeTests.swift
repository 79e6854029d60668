import Foundation
import Testing

/// Correcting a person, merging duplicates and finding names by their Latin spelling, through the binary.
@Suite("Person edit and merge (binary)")
struct PersonEditMergeTests {
    @Test func latinSpellingIsShownAndSearched() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let found = try cli.run("person", "find", "ivanova", "--json")
        #expect(found.status == 0 && found.array.count == 1, "\(found.stdout)\(found.stderr)")
        #expect(found.array.first?["surname"] as? String == "Иванова" && found.array.first?["name_latin"] as? String == "IVANOVA, MARIIA")
        #expect(try cli.run("person", "find", "ИВАНОВА", "--json").array.first?["id"] as? Int == 3)
        let text = try cli.run("person", "find", "ivanova")
        #expect(text.stdout.contains("ИВАНОВА, Мария (IVANOVA, MARIIA)"), "\(text.stdout)")
        // Arabic (ICAO letters without the MRZ's X marker) and Greek, registered now.
        let greek = try cli.run("person", "add", "--surname", "Παπαδόπουλος", "--given", "Γιώργος", "--dob", "1980-01-02", "--sex", "M",
                                "--nationality", "GRC", "--document-number", "AB1234567", "--json")
        #expect(greek.status == 0 && greek.object["name_latin"] as? String == "PAPADOPOULOS, GIORGOS", "\(greek.stdout)\(greek.stderr)")
        #expect(try cli.run("person", "find", "papadop", "--json").array.first?["id"] as? Int == greek.object["id"] as? Int)
        let arabic = try cli.run("person", "show", "4", "--json")
        #expect(arabic.object["name_latin"] as? String == "ALHSN, MHMD", "\(arabic.stdout)")
        #expect(try cli.run("person", "find", "mhmd", "--json").array.first?["id"] as? Int == 4)
        // A Latin name has no second spelling.
        #expect(try cli.run("person", "show", "2", "--json").object["name_latin"] is NSNull)
        let shown = try cli.run("person", "show", "3")
        #expect(shown.stdout.contains("Person 3: ИВАНОВА, Мария (IVANOVA, MARIIA)"), "\(shown.stdout)")
        // The certificate prints the Latin spelling beside the native script.
        let (_, certID, _) = try CaseLifecycleTests.certifiedCase(cli, dir, surname: "Петренко")
        let pdf = dir.appendingPathComponent("cert.pdf")
        #expect(try cli.run("certificate", "export", certID, "--out", pdf.path).status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [pdf.path, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let certText = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(certText.contains("ПЕТРЕНКО (PETRENKO)"), "\(certText)")
    }

    @Test func editKeepsTheOldValueAndTheSignedCertificate() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (caseID, certID, personID) = try CaseLifecycleTests.certifiedCase(cli, dir)
        let pdf = dir.appendingPathComponent("before.pdf")
        #expect(try cli.run("certificate", "export", certID, "--out", pdf.path).status == 0)
        let db = cli.environment["CLEARANCE_DB"]!
        let oldDoc = try sqlite(db, "SELECT document_number FROM persons WHERE id = \(personID)")
        let signedBefore = try sqlite(db, "SELECT signed_payload FROM certificates WHERE id = '\(certID)'")

        let noReason = try cli.run("person", "edit", personID, "--set", "surname=Haddād", "--reason", "")
        #expect(noReason.status == 6 && noReason.stderr.contains("reason"), "\(noReason.stderr)")
        let badField = try cli.run("person", "edit", personID, "--set", "eye-colour=brown", "--set", "dob=2999-01-01", "--reason", "x")
        #expect(badField.status == 6 && badField.stderr.contains("eye-colour") && badField.stderr.contains("dob"), "\(badField.stderr)")
        let noEquals = try cli.run("person", "edit", personID, "--set", "surname", "--reason", "x")
        #expect(noEquals.status == 6 && noEquals.stderr.contains("FIELD=VALUE"), "\(noEquals.stderr)")
        #expect(try cli.as("radiologist").run("person", "edit", personID, "--set", "surname=X", "--reason", "x").status == 4)

        let edited = try cli.run("person", "edit", personID, "--set", "document-number=N7654321", "--set", "surname=Haddād",
                                 "--reason", "passport number mistyped at registration", "--json")
        #expect(edited.status == 0 && edited.object["document_number"] as? String == "N7654321", "\(edited.stderr)")
        #expect(try cli.run("person", "find", "N7654321", "--json").array.first?["id"] as? Int == Int(personID))
        #expect(try cli.run("person", "find", "haddad", "--json").array.contains { $0["id"] as? Int == Int(personID) })
        let history = try cli.run("person", "history", personID, "--json")
        let doc = try #require(history.array.first { $0["field"] as? String == "document-number" })
        #expect(doc["old"] as? String == oldDoc && doc["new"] as? String == "N7654321" && doc["changed_by"] as? String == "clerk")
        #expect(doc["reason"] as? String == "passport number mistyped at registration")
        let audit = try cli.as("admin").run("audit", "log", "--person", personID, "--action", "edit", "--json")
        let detail = audit.array.first?["detail"] as? String ?? ""
        #expect(detail.contains(oldDoc) && detail.contains("N7654321") && detail.contains("mistyped"), "\(audit.stdout)")
        #expect(try cli.as("admin").run("audit", "verify").status == 0)

        // The signed certificate is exactly as signed and still verifies; its PDF holds the old number.
        #expect(try sqlite(db, "SELECT signed_payload FROM certificates WHERE id = '\(certID)'") == signedBefore)
        let keyFile = dir.appendingPathComponent("clinic.pub").path
        try cli.run("keys", "export-public").stdout.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let verify = try cli.run("certificate", "verify", pdf.path, "--public-key", keyFile)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        _ = caseID
        // The same values again change nothing; a document already registered is refused, naming the person.
        let same = try cli.run("person", "edit", personID, "--set", "document-number=N7654321", "--reason", "x")
        #expect(same.status == 6 && same.stderr.contains("nothing changed"), "\(same.stderr)")
        let taken = try cli.run("person", "edit", personID, "--set", "document-number=P4412907A", "--set", "nationality=PHL", "--reason", "x")
        #expect(taken.status == 7 && taken.stderr.contains("person 2") && taken.stderr.contains("person merge"), "\(taken.stderr)")
    }

    @Test func mergeMovesCasesAndKeepsTheDroppedRecord() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two records of one person, each with an open uk-tb case: the merge says so.
        let twin = try cli.run("person", "add", "--surname", "Müller", "--given", "Hans Peter", "--dob", "1990-05-05", "--sex", "M",
                               "--nationality", "CHE", "--document-number", "S1122334", "--json")
        let twinID = String(try #require(twin.object["id"] as? Int))
        #expect(try cli.run("case", "open", "--person", twinID, "--programme", "uk-tb").status == 0)
        let note = try cli.run("person", "merge", "1", twinID, "--reason", "same person, second passport")
        #expect(note.status == 0 && note.stderr.contains("now has 2 open cases under uk-tb"), "\(note.stdout)\(note.stderr)")
        // A duplicate of Müller (person 1, case 1 with two screenings), with its own case.
        let dup = try cli.run("person", "add", "--surname", "Mueller", "--given", "Hans", "--dob", "1990-05-05", "--sex", "M",
                              "--nationality", "AUT", "--document-number", "X9988776", "--json")
        let dupID = String(try #require(dup.object["id"] as? Int))
        let dupCase = try cli.run("case", "open", "--person", dupID, "--programme", "gcc-labour", "--json")
        let dupCaseID = try #require(dupCase.object["id"] as? Int)
        let file = dir.appendingPathComponent("tb.json")
        try cli.run("modules", "template", "tb").stdout.write(to: file, atomically: true, encoding: .utf8)
        #expect(try cli.as("nurse").run("record", "tb", "--case", String(dupCaseID), "--answers", file.path).status == 0)

        #expect(try cli.run("person", "merge", "1", "1", "--reason", "x").status == 6)
        #expect(try cli.run("person", "merge", "1", dupID, "--reason", " ").status == 6)
        #expect(try cli.run("person", "merge", "1", "999", "--reason", "x").status == 5)
        let merged = try cli.run("person", "merge", "1", dupID, "--reason", "same passport holder registered twice", "--json")
        #expect(merged.status == 0 && merged.object["moved_cases"] as? [Int] == [dupCaseID], "\(merged.stdout)\(merged.stderr)")

        let kept = try cli.run("person", "show", "1", "--json")
        let cases = (kept.object["cases"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        #expect(cases.contains(1) && cases.contains(dupCaseID), "\(kept.stdout)")
        #expect(try cli.run("case", "show", String(dupCaseID), "--json").object["person_id"] as? Int == 1)
        // The dropped record stays, marked; name search no longer finds it, its document leads to the kept person.
        let db = cli.environment["CLEARANCE_DB"]!
        #expect(try sqlite(db, "SELECT count(*) FROM persons WHERE id = \(dupID)") == "1")
        #expect(try sqlite(db, "SELECT kept_id FROM person_merges WHERE dropped_id = \(dupID)") == "1")
        let dropped = try cli.run("person", "show", dupID)
        #expect(dropped.stdout.contains("merged into person 1"), "\(dropped.stdout)")
        #expect(try cli.run("person", "find", "X9988776", "--json").array.map { $0["id"] as? Int } == [1])
        #expect(!(try cli.run("person", "find", "mueller", "--json").array.contains { $0["id"] as? Int == Int(dupID) }))
        // The dropped record takes no new case, no edit and no second merge.
        let reopen = try cli.run("case", "open", "--person", dupID, "--programme", "uk-tb")
        #expect(reopen.status == 7 && reopen.stderr.contains("merged into person 1"), "\(reopen.stderr)")
        #expect(try cli.run("person", "edit", dupID, "--set", "sex=F", "--reason", "x").status == 7)
        #expect(try cli.run("person", "merge", "2", dupID, "--reason", "x").status == 7)
        let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ClearanceImagingTests/Fixtures/rgb8.png").path
        let photoSet = try cli.run("person", "photo", dupID, photo)
        #expect(photoSet.status == 7 && photoSet.stderr.contains("use person 1"), "\(photoSet.stderr)")
        // History kept: the encounter is still there and the audit chain verifies.
        #expect(try sqlite(db, "SELECT count(*) FROM encounters WHERE case_id = \(dupCaseID)") == "1")
        let audit = try cli.as("admin").run("audit", "log", "--action", "merge", "--json")
        #expect(audit.array.count == 4, "two merges, each audited on both persons: \(audit.stdout)")
        #expect(try cli.as("admin").run("audit", "verify").status == 0)
        // The append-only tables refuse an edit behind the application's back.
        _ = try sqlite(db, "UPDATE person_merges SET kept_id = 2")
        _ = try sqlite(db, "DELETE FROM person_changes")
        #expect(try sqlite(db, "SELECT count(*) FROM person_merges WHERE kept_id <> 1") == "0")
    }
}
