import Foundation
import Testing

/// Certificates that verify what they print, the clinic identity setting, the validity anchor
/// and the photo override, checked by running the built binary.
@Suite("Certificate trust (binary)")
struct CertificateTrustTests {
    /// Runs a poppler tool and returns its standard output and standard error.
    func poppler(_ tool: String, _ args: [String]) throws -> (stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// `init` takes the clinic identity as options; `clinic show` and `clinic set` read and change it.
    @Test func initSetsTheClinicIdentityAndClinicSetChangesIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cli = CLI(database: dir.appendingPathComponent("c.sqlite").path, user: "admin", password: "password1234")
        let created = try cli.run("init", "--clinic-name", "Nairobi Migration Health Centre",
                                  "--clinic-address", "Upper Hill Road, Nairobi", "--site-code", "KE-NBO-01", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        #expect((created.object["clinic"] as? [String: Any])?["site_code"] as? String == "KE-NBO-01", "\(created.stdout)")
        let shown = try cli.run("clinic", "show", "--json")
        #expect(shown.status == 0 && shown.object["name"] as? String == "Nairobi Migration Health Centre"
                && shown.object["address"] as? String == "Upper Hill Road, Nairobi", "\(shown.stdout)\(shown.stderr)")
        let changed = try cli.run("clinic", "set", "--site-code", "KE-NBO-02")
        #expect(changed.status == 0 && changed.stdout.contains("KE-NBO-02") && changed.stdout.contains("Upper Hill Road"), "\(changed.stdout)\(changed.stderr)")
        let bad = try cli.run("clinic", "set", "--site-code", "KE NBO")
        #expect(bad.status == 6 && bad.stderr.contains("site_code"), "\(bad.stderr)")

        // Without options and without a terminal, init says how to set it; certificates need it.
        let bare = CLI(database: dir.appendingPathComponent("d.sqlite").path, user: "admin", password: "password1234")
        let plain = try bare.run("init")
        #expect(plain.status == 0 && plain.stdout.contains("clearance clinic set"), "\(plain.stdout)")
        #expect(try bare.run("clinic", "show").status == 5)
    }

    /// On a terminal `init` asks for the clinic's name, address and site code.
    @Test(.enabled(if: TmuxSession.executable != nil, "tmux is not installed"))
    func initAsksForTheClinicIdentityOnATerminal() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("asked.sqlite").path
        let tmux = try TmuxSession(width: 100, height: 30, environment: ["CLEARANCE_PASSWORD": "password1234", "NO_COLOR": "1"])
        defer { tmux.stop() }
        try tmux.shell("\(TmuxSession.quote(CLI.binary.path)) init --db \(TmuxSession.quote(db))")
        _ = try tmux.waitFor("Clinic name")
        try tmux.type("Kampala Migration Clinic"); try tmux.keys("Enter")
        _ = try tmux.waitFor("Clinic address")
        try tmux.type("Plot 4, Kololo Hill"); try tmux.keys("Enter")
        _ = try tmux.waitFor("Site code")
        try tmux.type("UG-KLA-01"); try tmux.keys("Enter")
        _ = try tmux.waitFor("Site code: UG-KLA-01")
        let cli = CLI(database: db, user: "admin", password: "password1234")
        let shown = try cli.run("clinic", "show", "--json")
        #expect(shown.object["name"] as? String == "Kampala Migration Clinic" && shown.object["address"] as? String == "Plot 4, Kololo Hill",
                "\(shown.stdout)\(shown.stderr)")
    }

    /// A gcc-labour certificate for a holder with Cyrillic and Arabic names and no photo: refused
    /// until the officer says why; it prints the reason and what validity counts from (the
    /// issue date), pdftotext reads it without warnings, verify prints the signed facts, a
    /// changed byte is tampered, and a revoked certificate fails offline with the signed list.
    @Test func gccLabourCertificateFromIssueToOfflineRevocation() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let added = try cli.run("person", "add", "--surname", "Иванова", "--given", "محمد", "--dob", "1990-01-01", "--sex", "F",
                                "--nationality", "RUS", "--document-number", "R7654321", "--json")
        let personID = String(try #require(added.object["id"] as? Int))
        let opened = try cli.run("case", "open", "--person", personID, "--programme", "gcc-labour", "--json")
        let caseID = String(try #require(opened.object["id"] as? Int))
        // Every module gcc-labour requires, from the templates (those of the full-exam modules
        // are a fit worker's answers).
        let fitAnswers: [String: String] = [:]
        for (module, user) in [("cxr", "radiologist"), ("tb", "nurse"), ("hiv", "counsellor"), ("audiometry", "audiometrist"),
                               ("exam", "nurse"), ("hepatitis", "nurse"), ("malaria", "nurse"), ("sti", "nurse"), ("pregnancy", "nurse"), ("lab", "nurse")] {
            let file = dir.appendingPathComponent("\(module).json")
            let answers = try fitAnswers[module] ?? (try cli.run("modules", "template", module)).stdout
            try answers.write(to: file, atomically: true, encoding: .utf8)
            let r = try cli.as(user).run("record", module, "--case", caseID, "--answers", file.path)
            #expect(r.status == 0, "\(module): \(r.stderr)")
        }
        let decided = try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT")
        #expect(decided.status == 0, "\(decided.stderr)")
        let keys = try cli.as("admin").run("keys", "init", "--json")
        let pub = try #require(keys.object["public_key_file"] as? String)

        let refused = try cli.as("mo").run("certificate", "issue", "--case", caseID)
        #expect(refused.status == 7 && refused.stderr.contains("--no-photo-reason"), "\(refused.stderr)")
        let reason = "Holder declined a photo on religious grounds"
        let issued = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--no-photo-reason", reason, "--json")
        #expect(issued.status == 0, "\(issued.stderr)")
        let certID = try #require(issued.object["id"] as? String)
        let pdf = dir.appendingPathComponent("gcc.pdf")
        #expect(try cli.run("certificate", "export", certID, "--out", pdf.path).status == 0)

        let (text, warnings) = try poppler("pdftotext", ["-layout", pdf.path, "-"])
        #expect(warnings.isEmpty, "pdftotext warned: \(warnings)")
        #expect(text.contains("ИВАНОВА") && text.contains("Demo Migration Health Clinic") && text.contains("1 Example Road, Demo City"), "\(text)")
        #expect(text.contains("\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}"), "the Arabic given name is not extracted: \(text)")
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Validity counts from Date of issue"), "\(flat)")
        #expect(!flat.contains("X-ray date (validity anchor)"))
        #expect(flat.contains("No photo, because \(reason)"), "\(flat)")

        var offline = cli
        offline.environment["CLEARANCE_DB"] = nil
        offline.environment["CLEARANCE_USER"] = nil
        let good = try offline.run("certificate", "verify", pdf.path, "--public-key", pub)
        #expect(good.status == 0 && good.stdout.hasPrefix("valid"), "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("Signed facts") && good.stdout.contains("ИВАНОВА") && good.stdout.contains("none: \(reason)")
                && good.stdout.contains("from Date of issue"), "\(good.stdout)")
        let json = try offline.run("certificate", "verify", pdf.path, "--public-key", pub, "--json")
        let facts = try #require(json.object["signed_facts"] as? [String: Any])
        #expect((facts["clinic"] as? [String: Any])?["site"] as? String == "DEMO-01", "\(json.stdout)")

        // Any changed byte (here one in the middle of the file) is tampered.
        var bytes = [UInt8](try Data(contentsOf: pdf))
        bytes[bytes.count / 2] ^= 0x20
        let tampered = dir.appendingPathComponent("tampered.pdf")
        try Data(bytes).write(to: tampered)
        let bad = try offline.run("certificate", "verify", tampered.path, "--public-key", pub)
        #expect(bad.status == 1 && bad.stdout.hasPrefix("tampered") && bad.stdout.contains("changed after it was signed"), "\(bad.stdout)")

        // Revoked: fails offline with the clinic's signed list, which names no one.
        #expect(try cli.as("mo").run("certificate", "revoke", certID, "--reason", "Issued to the wrong passport").status == 0)
        let list = dir.appendingPathComponent("revoked.clr")
        let written = try cli.run("certificate", "revocations", "--out", list.path)
        #expect(written.status == 0 && written.stdout.contains("1 revoked"), "\(written.stdout)\(written.stderr)")
        let listText = try String(contentsOf: list, encoding: .utf8)
        #expect(listText.hasPrefix("CLRREV1:") && !listText.contains("passport"))
        let revoked = try offline.run("certificate", "verify", pdf.path, "--public-key", pub, "--revocations", list.path)
        #expect(revoked.status == 1 && revoked.stdout.hasPrefix("revoked"), "\(revoked.stdout)\(revoked.stderr)")
        let withoutList = try offline.run("certificate", "verify", pdf.path, "--public-key", pub)
        #expect(withoutList.status == 0 && withoutList.stdout.contains("pass --revocations FILE"), "\(withoutList.stdout)")
        var edited = listText
        edited.replaceSubrange(edited.index(edited.startIndex, offsetBy: 20)...edited.index(edited.startIndex, offsetBy: 20),
                               with: edited[edited.index(edited.startIndex, offsetBy: 20)] == "A" ? "B" : "A")
        try edited.write(to: list, atomically: true, encoding: .utf8)
        let forgedList = try offline.run("certificate", "verify", pdf.path, "--public-key", pub, "--revocations", list.path)
        #expect(forgedList.status == 6 && forgedList.stderr.contains("revocation list"), "\(forgedList.stderr)")
    }

    /// Issues and exports a uk-tb certificate (no photo, with a reason) in `cli`'s database,
    /// signed with the key in `keyDir`.
    func issuedCertificate(_ cli: CLI, in dir: URL, keyDir: URL) throws -> URL {
        let added = try cli.run("person", "add", "--surname", "Haddad", "--given", "Layla", "--dob", "1994-03-02", "--sex", "F",
                                "--nationality", "JOR", "--document-number", "N1234567", "--json")
        let personID = String(try #require(added.object["id"] as? Int))
        let opened = try cli.run("case", "open", "--person", personID, "--programme", "uk-tb", "--json")
        let caseID = String(try #require(opened.object["id"] as? Int))
        for (module, user) in [("pregnancy", "nurse"), ("cxr", "radiologist"), ("tb", "nurse")] {
            let file = dir.appendingPathComponent("\(module).json")
            try (try cli.run("modules", "template", module)).stdout.write(to: file, atomically: true, encoding: .utf8)
            #expect(try cli.as(user).run("record", module, "--case", caseID, "--answers", file.path).status == 0)
        }
        #expect(try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT").status == 0)
        #expect(try cli.as("admin").run("keys", "init", "--dir", keyDir.path).status == 0)
        let issued = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--key-dir", keyDir.path,
                                          "--no-photo-reason", "Photo declined", "--json")
        #expect(issued.status == 0, "\(issued.stderr)")
        let pdf = dir.appendingPathComponent("\(UUID().uuidString).pdf")
        let certID = try #require(issued.object["id"] as? String)
        #expect(try cli.run("certificate", "export", certID, "--out", pdf.path).status == 0)
        return pdf
    }

    /// A uk-tb certificate says validity counts from the chest X-ray, as that pack does.
    /// A signing key inserted into the clinic database with SQL is not trusted by
    /// `certificate verify --db`: a certificate forged with it does not verify.
    @Test func aKeyInsertedWithSQLIsNotTrustedByVerifyWithTheDatabase() throws {
        let (attackerDir, attacker) = try demoDatabase()
        let (dir, clinic) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: attackerDir); try? FileManager.default.removeItem(at: dir) }
        let forged = try issuedCertificate(attacker, in: attackerDir, keyDir: attackerDir.appendingPathComponent("rogue"))
        let text = try poppler("pdftotext", ["-layout", forged.path, "-"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Validity counts from Chest X-ray"), "\(text)")
        let rogue = try String(contentsOf: attackerDir.appendingPathComponent("rogue/clinic.pub"), encoding: .utf8)
        let attackerDB = try #require(attacker.environment["CLEARANCE_DB"])
        let rogueID = try sqlite(attackerDB, "SELECT key_id FROM signing_keys;")
        #expect(rogueID.count == 16)

        // The clinic's database: its own audited key, and the rogue public key inserted with SQL.
        #expect(try clinic.as("admin").run("keys", "init", "--dir", dir.appendingPathComponent("keys").path).status == 0)
        let db = try #require(clinic.environment["CLEARANCE_DB"])
        _ = try sqlite(db, "INSERT INTO signing_keys (key_id, public_key, created_at, created_by) VALUES ('\(rogueID)', '\(rogue)', '2026-01-01T00:00:00Z', 'admin');")
        #expect(try sqlite(db, "SELECT count(*) FROM signing_keys;") == "2")
        let check = try clinic.run("certificate", "verify", forged.path)
        #expect(check.status == 1 && !check.stdout.hasPrefix("valid"), "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("without an audit entry") && check.stdout.contains(rogueID), "\(check.stdout)")
        // Given the rogue key explicitly, the verifier checks against it: that is the verifier's choice.
        let explicit = try clinic.run("certificate", "verify", forged.path, "--public-key", attackerDir.appendingPathComponent("rogue/clinic.pub").path)
        #expect(explicit.status == 0, "\(explicit.stdout)")
    }
}
