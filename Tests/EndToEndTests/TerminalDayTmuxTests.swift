import Foundation
import Testing

/// A clinic day in the full-screen recorder on a real terminal (the built binary in a private
/// tmux server): the clerk registers a person with a photo and opens a case, a radiographer
/// records an X-ray with its image, a radiologist reads and then corrects it, a counsellor
/// records HIV, and a medical officer decides, issues and exports a certificate (in French).
/// Each is checked afterwards in the database with the sqlite3 shell. (The nurse's TB is
/// ``TerminalTmuxTests/nurseRecordsTBFromTheWorklistThenResizes()``.)
@Suite("A clinic day in the recorder under tmux (binary)", .serialized,
       .enabled(if: TmuxSession.executable != nil, "tmux is not installed: the full-screen tests are skipped"))
struct TerminalDayTmuxTests {
    static var binary: String { TerminalTmuxTests.binary }

    /// A real PNG (an RGB photo from the imaging fixtures).
    static let png = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ClearanceImagingTests/Fixtures/rgb8.png").path

    /// The menu item line containing `text` (`   3) Decide fitness`).
    static func itemLine(_ text: String, in screen: [String]) -> String? {
        screen.first { $0.contains(text) && $0.range(of: #"^ (>| ) \d+\) "#, options: .regularExpression) != nil }
    }

    /// Waits for the menu item and picks it by its number (and Enter, for an item number
    /// another digit could follow).
    static func pick(_ text: String, _ tmux: TmuxSession) throws {
        let screen = try tmux.waitFor(text) { itemLine(text, in: $0) != nil }
        let line = try #require(itemLine(text, in: screen))
        let number = String(line.dropFirst(3).prefix { $0.isNumber })
        let count = screen.filter { $0.range(of: #"^ (>| ) \d+\) "#, options: .regularExpression) != nil }.count
        try tmux.type(number)
        if (Int(number) ?? 0) * 10 <= count { try tmux.keys("Enter") }
    }

    /// Signs in, waiting for the sign-in screen's `label`.
    static func signIn(_ tmux: TmuxSession, as user: String, label: String = "User name") throws {
        try tmux.waitFor(label)
        try tmux.type(user); try tmux.keys("Tab"); try tmux.type("demo"); try tmux.keys("Enter")
    }

    /// From the home menu: the worklist filtered to one case, opened.
    static func openCase(_ id: Int, _ tmux: TmuxSession, word: String = "case") throws {
        try tmux.type("1")
        try tmux.waitFor("(")
        try tmux.type("\(word) \(id) ")
        try tmux.waitFor("[\(word) \(id) ]")
        try tmux.keys("Enter")
        try tmux.waitFor("\(word) \(id)")
    }

    /// The review page, then save.
    static func reviewAndSave(_ tmux: TmuxSession, check: String = "Check the answers") throws {
        try tmux.keys("C-r")
        try tmux.waitFor(check)
        try tmux.keys("Enter")
    }

    @Test func clerkRegistersAPersonWithAPhotoAndOpensACase() throws {
        let (dir, db, tmux) = try TerminalTmuxTests.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        try tmux.shell("\(Self.binary); echo EXIT=$?")
        try Self.signIn(tmux, as: "clerk")
        try Self.pick("Register a person", tmux)
        try tmux.waitFor("Surname")
        try tmux.type("Haddad"); try tmux.keys("Tab")
        try tmux.type("Layla"); try tmux.keys("Tab")
        try tmux.type("1994-03-02"); try tmux.keys("Tab")
        try tmux.type("1"); try tmux.keys("Tab")          // female
        try tmux.type("JOR"); try tmux.keys("Tab")
        try tmux.type("1"); try tmux.keys("Tab")          // passport
        try tmux.type("N1234567"); try tmux.keys("Tab")
        try tmux.keys("Tab", "Tab")                       // no expiry, no guardian
        // A wrong path is refused at once, naming the file.
        let missing = dir.appendingPathComponent("no-such-photo.png").path
        try tmux.type(missing); try tmux.keys("Tab")
        try tmux.waitFor("no such file")
        #expect(try tmux.screen().joined().contains("no-such-photo.png"))
        try tmux.keys("C-u"); try tmux.type(Self.png); try tmux.keys("Tab")
        try Self.reviewAndSave(tmux)
        try Self.pick("Open a new case", tmux)
        try Self.pick("(uk-tb)", tmux)
        try tmux.waitFor("case 7")
        try tmux.waitFor("Record TB")
        try tmux.keys("Escape")
        try tmux.waitFor("Sign out")
        try tmux.type("4")
        try tmux.waitFor("EXIT=0")

        let person = try sqlite(db, "SELECT id FROM persons WHERE surname = 'Haddad' AND given_names = 'Layla'")
        #expect(!person.isEmpty)
        #expect(try sqlite(db, "SELECT a.kind || '|' || a.person_id FROM persons p JOIN attachments a ON a.id = p.photo_attachment_id WHERE p.id = \(person)") == "photo|\(person)")
        #expect(try sqlite(db, "SELECT count(*) FROM attachments WHERE person_id IS NULL AND encounter_id IS NULL") == "0", "no stray attachment")
        #expect(try sqlite(db, "SELECT programme || '|' || status || '|' || opened_by FROM cases WHERE person_id = \(person)") == "uk-tb|open|clerk")
    }

    @Test func radiographerRecordsAnXRayWithItsImageAndARadiologistReadsAndCorrectsIt() throws {
        let (dir, db, tmux) = try TerminalTmuxTests.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        try tmux.shell("\(Self.binary); echo EXIT=$?")
        try Self.signIn(tmux, as: "radiographer")
        try tmux.waitFor("Worklist: open cases")
        try Self.openCase(3, tmux)
        try Self.pick("Record Chest X-ray", tmux)
        try tmux.waitFor("1-2 or Enter")
        try tmux.type("1"); try tmux.keys("Tab")          // done
        try tmux.waitFor("Shielding used")
        // The radiographer's form is the acquisition: the reading is the radiologist's.
        #expect(!(try tmux.screen().joined().contains("Reader (name")))
        try tmux.type("3"); try tmux.keys("Tab")          // no shielding
        try tmux.type("1"); try tmux.keys("Tab")          // PA
        try tmux.type("t"); try tmux.keys("Tab")
        try tmux.type("09:30"); try tmux.keys("Tab")
        // (Tab on a folder completes the path: `TerminalPathCompletionTmuxTests`.)
        try tmux.type(Self.png); try tmux.keys("Tab")
        try Self.reviewAndSave(tmux)
        try tmux.waitFor("Awaiting reader")
        try tmux.keys("Space")
        try tmux.waitFor("Chest X-ray: draft")
        try tmux.keys("Escape")
        try tmux.waitFor("Sign out")
        try tmux.type("4")
        try tmux.waitFor("EXIT=0")
        let encounter = try sqlite(db, "SELECT id FROM encounters WHERE case_id = 3 AND module_id = 'cxr' AND recorded_by = 'radiographer' AND status = 'draft'")
        #expect(!encounter.isEmpty)
        #expect(try sqlite(db, "SELECT kind FROM attachments WHERE encounter_id = \(encounter)") == "cxr")

        // The radiologist completes the same encounter: the acquisition is shown, not retyped.
        try tmux.shell("clear; \(Self.binary); echo EXIT=$?")
        try Self.signIn(tmux, as: "radiologist")
        try tmux.waitFor("Worklist: open cases")
        try Self.openCase(3, tmux)
        try Self.pick("Record Chest X-ray", tmux)
        let started = try tmux.waitFor("Reader (name")
        #expect(started.joined().contains("09:30") && started.joined().contains("attachment"), "\(started.joined(separator: "\n"))")
        for _ in 0..<6 { try tmux.keys("Tab") }           // to "Reader"
        try tmux.type("Dr A. Mensah, reg. 1234567"); try tmux.keys("Tab")
        try tmux.type("t"); try tmux.keys("Tab")
        try tmux.type("1"); try tmux.keys("Tab")          // first read
        try tmux.type("1"); try tmux.keys("Tab")          // normal
        try Self.reviewAndSave(tmux)
        try tmux.waitFor("Completed the encounter radiographer started")
        try tmux.keys("Space")
        try tmux.waitFor("Correct Chest X-ray")
        try tmux.keys("Escape")
        try tmux.waitFor("Sign out")
        try tmux.type("4")
        try tmux.waitFor("EXIT=0")
        #expect(try sqlite(db, "SELECT count(*) || '|' || max(status) || '|' || max(id) FROM encounters WHERE case_id = 3 AND module_id = 'cxr'") == "1|final|\(encounter)")
        #expect(try sqlite(db, "SELECT created_by FROM observations WHERE encounter_id = \(encounter) AND path = 'impression'") == "radiologist")
        #expect(try sqlite(db, "SELECT created_by FROM observations WHERE encounter_id = \(encounter) AND path = 'xray_time'") == "radiographer")

        // The radiologist corrects the reading (second read) with a reason.
        try tmux.shell("clear; \(Self.binary); echo EXIT=$?")
        try Self.signIn(tmux, as: "radiologist")
        try tmux.waitFor("Worklist: open cases")
        try Self.openCase(3, tmux)
        try Self.pick("Correct Chest X-ray", tmux)
        try tmux.waitFor("Dr A. Mensah")
        for _ in 0..<8 { try tmux.keys("Tab") }           // to "First or second read"
        try tmux.type("2")
        try Self.reviewAndSave(tmux)
        try tmux.waitFor("Why the answers change")
        try tmux.type("second read by the radiologist")
        try Self.reviewAndSave(tmux)
        try tmux.waitFor("Corrected")
        try tmux.keys("Space")
        try tmux.keys("Escape")
        try tmux.waitFor("Sign out")
        try tmux.type("4")
        try tmux.waitFor("EXIT=0")
        #expect(try sqlite(db, "SELECT value_text FROM observations WHERE encounter_id = \(encounter) AND path = 'read_order' AND voided_at IS NULL") == "second")
        #expect(try sqlite(db, "SELECT value_text || '|' || voided_by || '|' || void_reason FROM observations WHERE encounter_id = \(encounter) AND path = 'read_order' AND voided_at IS NOT NULL") == "first|radiologist|second read by the radiologist")
    }

    @Test func counsellorRecordsADeclinedHIVTest() throws {
        let (dir, db, tmux) = try TerminalTmuxTests.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        try tmux.shell("\(Self.binary); echo EXIT=$?")
        try Self.signIn(tmux, as: "counsellor")
        try tmux.waitFor("Worklist: open cases")
        try Self.openCase(3, tmux)
        try Self.pick("Other screenings", tmux)           // HIV is not required for this case
        try Self.pick("Record HIV", tmux)
        try tmux.waitFor("Counsellor (name)")
        try tmux.type("A. Counsellor"); try tmux.keys("Tab")
        try tmux.type("1"); try tmux.keys("Tab")          // pre-test session
        try tmux.type("English"); try tmux.keys("Tab")
        // Information given: the six items, ticked by number.
        for n in 1...6 { try tmux.type(String(n)) }
        try tmux.keys("Tab")
        try tmux.waitFor("consents")
        try tmux.type("n"); try tmux.keys("Tab")          // declines
        try tmux.type("t"); try tmux.keys("Tab")
        try tmux.type("10:15"); try tmux.keys("Tab")
        try Self.reviewAndSave(tmux)
        try tmux.waitFor("Saved encounter")
        try tmux.keys("Space")
        try tmux.keys("Escape")
        try tmux.waitFor("Sign out")
        try tmux.type("4")
        try tmux.waitFor("EXIT=0")
        #expect(try sqlite(db, "SELECT recorded_by || '|' || status || '|' || result_codes FROM encounters WHERE case_id = 3 AND module_id = 'hiv'") == "counsellor|final|[\"HIV-DECLINED\"]")
    }

    @Test func medicalOfficerDecidesIssuesAndExportsACertificateInFrench() throws {
        let (dir, db, tmux) = try TerminalTmuxTests.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        let keys = try CLI(database: db).as("admin").run("keys", "init")
        #expect(keys.status == 0, "\(keys.stderr)")
        let pdf = dir.appendingPathComponent("certificat.pdf").path
        try tmux.shell("\(Self.binary) --lang fr; echo EXIT=$?")
        try Self.signIn(tmux, as: "mo", label: "Utilisateur")
        try tmux.waitFor("Liste de travail")
        try Self.openCase(1, tmux, word: "dossier")
        // The case page shows the proposal and that nothing is decided yet.
        let page = try tmux.waitFor("Décider de l'aptitude")
        #expect(page.joined().contains("Aptitude proposée : FIT"), "\(page.joined(separator: "\n"))")
        #expect(page.joined().contains("Décision : aucune pour l'instant"))
        try Self.pick("Décider de l'aptitude", tmux)
        try tmux.waitFor("Décision d'aptitude")
        try tmux.type("1"); try tmux.keys("Tab")          // FIT
        try tmux.keys("Tab")                              // no conditions
        try tmux.type("Examen complet, rien à signaler")
        try Self.reviewAndSave(tmux, check: "Vérifiez les réponses")
        try tmux.waitFor("Décision enregistrée")
        try tmux.keys("Space")
        let decided = try tmux.waitFor("Décision : FIT par mo")
        #expect(decided.joined().contains("motif : Examen complet"))
        try Self.pick("Émettre le certificat", tmux)
        try tmux.waitFor("Pourquoi il n'y a pas de photo")
        try tmux.type("Photo non prise")
        try Self.reviewAndSave(tmux, check: "Vérifiez les réponses")
        try tmux.waitFor("Certificat émis")
        try tmux.keys("Space")
        try Self.pick("Exporter le certificat en PDF", tmux)
        try tmux.waitFor("certificate-case-1.pdf")
        try tmux.keys("C-u"); try tmux.type(pdf)
        try Self.reviewAndSave(tmux, check: "Vérifiez les réponses")
        try tmux.waitFor("Certificat exporté")
        try tmux.keys("Space")
        try tmux.waitFor("Décider de l'aptitude")
        // Esc on the case page, then on the home menu: asked before quitting.
        try tmux.keys("Escape")
        try tmux.waitFor("Se déconnecter")
        try tmux.keys("Escape")
        try tmux.waitFor("Se déconnecter et quitter ?")
        try tmux.type("o")
        try tmux.waitFor("EXIT=0")

        #expect(try sqlite(db, "SELECT decision || '|' || decided_by || '|' || reason FROM decisions WHERE case_id = 1") == "FIT|mo|Examen complet, rien à signaler")
        #expect(try sqlite(db, "SELECT outcome || '|' || status FROM certificates WHERE case_id = 1") == "FIT|current")
        let text = try pdfText(pdf)
        #expect(text.contains("Photo non prise"), "\(text)")
        #expect(text.contains("FIT"))
    }

    /// `pdftotext` of a PDF file (poppler).
    func pdfText(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [path, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
