import Foundation
import Testing

/// The recorder's worklist filtered on a real terminal (tmux): typed words, in any order, find
/// cases by programme, status (English or the clinic's words), name (also its Latin spelling)
/// and document number; every row shows its case id.
@Suite("The recorder's worklist filters under tmux (binary)", .serialized,
       .enabled(if: TmuxSession.executable != nil, "tmux is not installed: the full-screen tests are skipped"))
struct TerminalWorklistTmuxTests {
    /// The case ids on the worklist screen (`case 3 · ...` rows).
    static func caseIDs(_ screen: [String]) -> [Int] {
        screen.compactMap { line in
            guard let r = line.range(of: #"^ (>| ) case \d+ · "#, options: .regularExpression) ?? line.range(of: #"^ (>| ) dossier \d+ · "#, options: .regularExpression) else { return nil }
            return Int(line[r].filter(\.isNumber))
        }
    }

    /// Clears the search, types `query` and returns the case ids shown.
    static func filter(_ query: String, _ tmux: TmuxSession) throws -> [Int] {
        try tmux.keys("C-u")
        try tmux.type(query)
        return caseIDs(try tmux.waitFor("[\(query)]"))
    }

    @Test func wordsFilterByProgrammeStatusNameAndDocument() throws {
        let (dir, db, tmux) = try TerminalTmuxTests.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        let document = try sqlite(db, "SELECT p.document_number FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = 5")
        #expect(!document.isEmpty)
        try tmux.shell("\(TerminalTmuxTests.binary); echo EXIT=$?")
        try TerminalTmuxTests.signIn(tmux, as: "nurse")
        try tmux.waitFor("Worklist: open cases")
        try tmux.type("1")
        let all = Self.caseIDs(try tmux.waitFor("Worklist ("))
        #expect(all == [1, 2, 3, 4, 5, 6], "\(all)")
        #expect(try Self.filter("us-panel", tmux) == [3, 4, 5])
        #expect(try Self.filter("ready", tmux) == [1])
        #expect(try Self.filter("us-panel tb", tmux) == [3, 4, 5])
        #expect(try Self.filter("tb us-panel okafor", tmux) == [5])
        #expect(try Self.filter(document, tmux) == [5])
        #expect(try Self.filter("case 1", tmux) == [1], "a number is a whole number, not a part of 12 or of a document")
        #expect(try Self.filter("IVANOVA", tmux) == [3], "the Latin spelling of a Cyrillic name finds it")
        #expect(try Self.filter("nobody-here", tmux).isEmpty)
        try tmux.waitFor("No open case matches")
        // Enter opens the one case left.
        _ = try Self.filter("okafor", tmux)
        try tmux.keys("Enter")
        try tmux.waitFor("case 5")
        try tmux.keys("C-c")
    }

    @Test func statusWordsInFrench() throws {
        let (dir, _, tmux) = try TerminalTmuxTests.start(extra: ["LANG": "fr_FR.UTF-8"])
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        try tmux.shell("\(TerminalTmuxTests.binary); echo EXIT=$?")
        try TerminalDayTmuxTests.signIn(tmux, as: "nurse", label: "Utilisateur")
        try tmux.type("1")
        try tmux.waitFor("Liste de travail (")
        let ready = try Self.filter("prêt", tmux)
        #expect(ready == [1], "\(ready)")
        #expect(try Self.filter("ready", tmux) == [1], "the English status word still works")
        let screen = try tmux.screen()
        #expect(screen.contains { $0.contains("prêt pour examen") }, "\(screen.joined(separator: "\n"))")
        try tmux.keys("C-c")
    }
}

/// Tab completes the photo's path on a real terminal, from the folder the recorder runs in.
@Suite("Path completion in the recorder under tmux (binary)", .serialized,
       .enabled(if: TmuxSession.executable != nil, "tmux is not installed: the full-screen tests are skipped"))
struct TerminalPathCompletionTmuxTests {
    @Test func tabCompletesThePhotoPath() throws {
        let (dir, db, tmux) = try TerminalTmuxTests.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        let photos = dir.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        for name in ["haddad.png", "hans.png"] {
            try FileManager.default.copyItem(atPath: TerminalDayTmuxTests.png, toPath: photos.appendingPathComponent(name).path)
        }
        try tmux.shell("cd \(TmuxSession.quote(dir.path)) && \(TerminalTmuxTests.binary); echo EXIT=$?")
        try TerminalDayTmuxTests.signIn(tmux, as: "clerk")
        try TerminalDayTmuxTests.pick("Register a person", tmux)
        try tmux.waitFor("Surname")
        try tmux.type("Haddad"); try tmux.keys("Tab")
        try tmux.type("Layla"); try tmux.keys("Tab")
        try tmux.type("1994-03-02"); try tmux.keys("Tab")
        try tmux.type("1"); try tmux.keys("Tab")
        try tmux.type("JOR"); try tmux.keys("Tab")
        try tmux.type("1"); try tmux.keys("Tab")
        try tmux.type("N1234567"); try tmux.keys("Tab")
        try tmux.keys("Tab", "Tab")
        try tmux.type("pho"); try tmux.keys("Tab")
        try tmux.waitFor("[photos/")
        try tmux.type("h"); try tmux.keys("Tab")
        try tmux.waitFor("[photos/ha")
        try tmux.keys("Tab")
        try tmux.waitFor("haddad.png  hans.png")
        try tmux.type("d"); try tmux.keys("Tab")
        try tmux.waitFor("[photos/haddad.png")
        try tmux.keys("Tab")                               // whole: goes on, the file is checked
        try TerminalDayTmuxTests.reviewAndSave(tmux)
        try TerminalDayTmuxTests.pick("Open a new case", tmux)
        try tmux.keys("Escape")
        let person = try sqlite(db, "SELECT id FROM persons WHERE surname = 'Haddad'")
        #expect(try sqlite(db, "SELECT a.kind FROM persons p JOIN attachments a ON a.id = p.photo_attachment_id WHERE p.id = \(person)") == "photo")
    }
}
