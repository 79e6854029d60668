import Foundation
import Testing

/// The full-screen recorder on a real terminal: the built binary inside a private tmux
/// server, driven with keys and read back from the screen and the database.
@Suite("Full-screen recorder under tmux (binary)", .serialized,
       .enabled(if: TmuxSession.executable != nil, "tmux is not installed: the full-screen tests are skipped"))
struct TerminalTmuxTests {
    /// A demo database and a 100x30 tmux session whose shell has the database and a private
    /// drafts directory in its environment.
    static func start(width: Int = 100, height: Int = 30, extra: [String: String] = [:]) throws -> (dir: URL, db: String, tmux: TmuxSession) {
        let (dir, cli) = try demoDatabase()
        let db = cli.environment["CLEARANCE_DB"]!
        var env = ["CLEARANCE_DB": db, "XDG_STATE_HOME": dir.appendingPathComponent("state").path, "NO_COLOR": "1"]
        for (k, v) in extra { env[k] = v }
        return (dir, db, try TmuxSession(width: width, height: height, environment: env))
    }

    static var binary: String { TmuxSession.quote(CLI.binary.path) }

    /// Checks the shell's terminal is back in cooked mode with echo.
    static func expectCookedTerminal(_ tmux: TmuxSession) throws {
        try tmux.shell("echo STTY:$(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' ')")
        try tmux.waitFor("STTY:icanon echo")
    }

    static func signIn(_ tmux: TmuxSession, as user: String) throws {
        try tmux.waitFor("User name")
        try tmux.type(user); try tmux.keys("Tab"); try tmux.type("demo"); try tmux.keys("Enter")
    }

    @Test func nurseRecordsTBFromTheWorklistThenResizes() throws {
        let (dir, db, tmux) = try Self.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        try tmux.shell("\(Self.binary); echo EXIT=$?")
        try Self.signIn(tmux, as: "nurse")
        try tmux.waitFor("Worklist: open cases")
        try tmux.type("1")
        try tmux.waitFor("Worklist (")
        try tmux.type("uk-tb")
        try tmux.waitFor("[uk-tb]")
        try tmux.keys("Enter")
        let page = try tmux.waitFor("Record TB")
        let line = try #require(page.first { $0.contains("Record TB") })
        let number = try #require(line.split(separator: ")").first?.split(separator: " ").last.map(String.init))
        try tmux.type(number)
        try tmux.waitFor("Cough for 2 weeks")
        // Five symptoms no; HIV status 1 (not known); no previous TB; no contact; immune test
        // 1 (not done); past the specimens (none required); no extrapulmonary TB, treatment or
        // clinical diagnosis; the last Tab opens the review page.
        for _ in 0..<5 { try tmux.type("n"); try tmux.keys("Tab") }
        try tmux.type("1"); try tmux.keys("Tab")
        try tmux.type("n"); try tmux.keys("Tab")
        try tmux.type("n"); try tmux.keys("Tab")
        try tmux.type("1"); try tmux.keys("Tab")
        try tmux.keys("Tab")
        for _ in 0..<3 { try tmux.type("n"); try tmux.keys("Tab") }
        try tmux.waitFor("> [ Review and save ]")
        try tmux.keys("Enter")
        try tmux.waitFor("Check the answers")
        try tmux.keys("Enter")
        // The demo recorded TB on case 1 already: recording it again asks why it replaces it.
        try tmux.waitFor("why does this recording replace it")
        try tmux.type("screened again on arrival")
        try TerminalDayTmuxTests.reviewAndSave(tmux)
        try tmux.waitFor("Saved encounter")

        let row = try sqlite(db, "SELECT recorded_by || '|' || status FROM encounters WHERE case_id = 1 AND module_id = 'tb' ORDER BY id DESC LIMIT 1")
        #expect(row == "nurse|final")
        #expect(try sqlite(db, "SELECT count(*) FROM encounters WHERE case_id = 1 AND module_id = 'tb'") == "2")
        let cough = try sqlite(db, """
            SELECT value_type || '|' || value_integer FROM observations WHERE path = 'cough_2w' AND voided_at IS NULL
            AND encounter_id = (SELECT max(id) FROM encounters WHERE case_id = 1 AND module_id = 'tb')
            """)
        #expect(cough == "bool|0")

        try tmux.keys("Space")
        try tmux.waitFor("Record TB")
        // Smaller: redrawn for 80x24 (title on row 0, key line on row 22, nothing wider).
        try tmux.tmux(["resize-window", "-t", tmux.target, "-x", "80", "-y", "24"])
        let small = try tmux.waitFor("key line on row 22") { s in s.count >= 23 && s[22].contains("Esc back") && s[0].contains("case 1") }
        #expect(small.allSatisfy { $0.count <= 80 }, "\(small)")
        #expect(small.joined().contains("Record TB"))
        // Too small: says how big it must be; back to 100x30: the page again, key line on row 28.
        try tmux.tmux(["resize-window", "-t", tmux.target, "-x", "60", "-y", "20"])
        try tmux.waitFor("make it at least 80x24")
        try tmux.tmux(["resize-window", "-t", tmux.target, "-x", "100", "-y", "30"])
        let big = try tmux.waitFor("key line on row 28") { s in s.count >= 29 && s[28].contains("Esc back") }
        #expect(big.joined().contains("Record TB"))

        try tmux.keys("Escape")
        try tmux.waitFor("Sign out")
        try tmux.type("4")
        let after = try tmux.waitFor("EXIT=0")
        #expect(!after.joined().contains("Worklist: open cases"), "the alternate screen is left on exit")
        try Self.expectCookedTerminal(tmux)
    }

    @Test func ctrlCAndSigtermPutTheTerminalBack() throws {
        let (dir, _, tmux) = try Self.start()
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        // Ctrl-C at sign-in: raw mode delivers it as a key; the recorder quits, not signed in.
        try tmux.shell("\(Self.binary); echo EXIT=$?")
        try tmux.waitFor("User name")
        try tmux.keys("C-c")
        let quit = try tmux.waitFor("EXIT=3")
        #expect(quit.contains { $0.hasPrefix("error: not signed in") }, "the message stays where it was printed: \(quit)")
        try Self.expectCookedTerminal(tmux)
        // SIGTERM from outside: the handler restores the terminal before dying.
        try tmux.shell("\(Self.binary); echo EXIT=$?")
        try tmux.waitFor("User name")
        let pid = try #require(try tmux.childPID())
        kill(pid, SIGTERM)
        try tmux.waitFor("EXIT=143")
        try Self.expectCookedTerminal(tmux)
        // SIGINT from outside (kill -INT) likewise.
        try tmux.shell("\(Self.binary); echo EXIT=$?")
        try tmux.waitFor("User name")
        let sigintPID = try #require(try tmux.childPID())
        kill(sigintPID, SIGINT)
        // bash skips the rest of the line when its child dies of SIGINT: wait for the prompt.
        try tmux.waitFor("the shell prompt") { s in
            let lines = s.filter { !$0.isEmpty }
            return lines.last == "$" && !s.joined().contains("User name")
        }
        try Self.expectCookedTerminal(tmux)
    }

    @Test func recordCommandIsFullScreenAndItsDraftIsOfferedBack() throws {
        let (dir, db, tmux) = try Self.start(extra: ["CLEARANCE_USER": "nurse", "CLEARANCE_PASSWORD": "demo"])
        defer { tmux.stop(); try? FileManager.default.removeItem(at: dir) }
        try tmux.shell("\(Self.binary) record fit-to-travel --case 6; echo EXIT=$?")
        try tmux.waitFor("Scheduled departure date")
        try tmux.type("t"); try tmux.keys("Tab")
        try tmux.type("36.8"); try tmux.keys("Tab")
        try tmux.waitFor("Signs of acute")
        try tmux.keys("C-c")
        try tmux.waitFor("Discard this form?")
        try tmux.type("y")
        try tmux.waitFor("EXIT=9")
        #expect(try sqlite(db, "SELECT count(*) FROM encounters WHERE module_id = 'fit-to-travel'") == "0")

        // The recorder offers the unfinished form at the next start; resuming keeps 36.8.
        try tmux.shell("clear; \(Self.binary); echo EXIT=$?")
        try Self.signIn(tmux, as: "nurse")
        try tmux.waitFor("Unfinished forms")
        try tmux.keys("Enter")
        try tmux.waitFor("36.8")
        try tmux.keys("Tab", "Tab")                // past the resumed date and temperature
        try tmux.type("n"); try tmux.keys("Tab")   // no acute illness
        try tmux.keys("Tab")                       // pregnancy: empty
        try tmux.type("1"); try tmux.keys("Tab")   // fit
        try tmux.keys("Tab")                       // remarks: empty
        try tmux.waitFor("> [ Review and save ]")
        try tmux.keys("Enter")
        try tmux.waitFor("Check the answers")
        try tmux.keys("Enter")
        try tmux.waitFor("Saved encounter")
        #expect(try sqlite(db, "SELECT count(*) FROM encounters WHERE module_id = 'fit-to-travel' AND case_id = 6 AND status = 'final'") == "1")
        try tmux.keys("Space")
        try tmux.waitFor("Sign out")
        try tmux.type("4")
        try tmux.waitFor("EXIT=0")
    }
}
