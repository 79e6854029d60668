import ClearanceCore
import Foundation
import Testing
@testable import ClearanceTerminal

/// The rest of a clinic day in the screens over the fake clinic: the photo checked at once,
/// multi-line messages, case ids on the worklist, Esc on the home menu asking, and the
/// medical officer's decision, certificate, export, closing and correcting.
@Suite struct ScreenAppDayTests {
    func app(_ keys: [Key], clinic: FakeClinic) -> (ScreenApp, ScriptedTerminal) {
        let term = ScriptedTerminal(keys: keys)
        let clock = { Date(timeIntervalSince1970: 1_773_000_000) }
        return (ScreenApp(frontEnd: clinic, terminal: term, drafts: InMemoryDraftStore(), clock: clock,
                          timeZone: TimeZone(identifier: "UTC")!), term)
    }
    static let signIn = ScreenAppTests.signIn

    @Test func registrationPhotoIsCheckedAtOnceAndItsErrorNamesTheFile() {
        let clinic = FakeClinic()
        var keys = Self.signIn + [.char("3")]
        keys += ScriptedTerminal.keys("Doe") + [.tab] + ScriptedTerminal.keys("Jane") + [.tab]
        keys += ScriptedTerminal.keys("1990-01-01") + [.tab, .char("1"), .tab] + ScriptedTerminal.keys("SYR") + [.tab]
        keys += [.char("1"), .tab] + ScriptedTerminal.keys("P123") + [.tab, .tab, .tab]
        keys += ScriptedTerminal.keys("scans/face.jpg") + [.tab]                 // refused at once
        keys += [.ctrl("u")] + ScriptedTerminal.keys("scans/face.png") + [.ctrl("r"), .ctrl("s")]
        keys += [.char("2") /* person page: back */, .char("4")]
        let (a, term) = app(keys, clinic: clinic)
        #expect(a.runClinic() == .signedOut)
        #expect(term.frames.contains { $0.plainText.contains("scans/face.jpg: not a PNG file") })
        #expect(clinic.checkedImages == ["scans/face.png"])
        #expect(clinic.registered.first?.photoPath == "scans/face.png")
    }

    @Test func savedMessageShowsEveryLineAndWraps() {
        let long = String(repeating: "word ", count: 40)
        let screen = MessageScreen(title: "Saved", lines: ["Saved encounter 12 (tb)\n  results: TB-NONE\n" + long])
        let text = screen.render(width: 80, height: 24).plainText
        #expect(!text.contains("\u{FFFD}"))
        #expect(text.contains(" Saved encounter 12 (tb)"))
        #expect(text.contains("   results: TB-NONE"))
        #expect(text.components(separatedBy: "\n").filter { $0.contains("word") }.count == 3)
        #expect(text.components(separatedBy: "\n").allSatisfy { $0.displayWidth <= 80 })
        // Too long for the screen: it scrolls, and says so.
        var tall = MessageScreen(title: "Saved", lines: (1...40).map { "line \($0)" })
        #expect(tall.render(width: 80, height: 24).plainText.contains("1-20 of 40"))
        _ = tall.handle(.pageDown)
        #expect(tall.render(width: 80, height: 24).plainText.contains("line 30"))
    }

    @Test func wrappingKeepsWideCharactersWholeAndIndents() {
        let lines = "  王秀英王秀英王秀英 abc".wrapped(toColumns: 8)
        #expect(lines.allSatisfy { $0.displayWidth <= 8 })
        #expect(lines.allSatisfy { $0.hasPrefix("  ") })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "王秀英王秀英王秀英abc")
        #expect("".wrapped(toColumns: 10) == [""])
    }

    @Test func worklistShowsCaseIdsAndEscOnHomeAsks() {
        let clinic = FakeClinic()
        clinic.cases["c2"] = clinic.cases["c1"]
        let keys = Self.signIn + [.char("1"), .escape, .escape, .char("n"), .escape, .char("y")]
        let (a, term) = app(keys, clinic: clinic)
        #expect(a.runClinic() == .signedOut)
        #expect(term.frames.contains { $0.plainText.contains("case c1 · 王秀英") && $0.plainText.contains("case c2 · 王秀英") })
        #expect(term.frames.filter { $0.plainText.contains("Sign out and quit?") }.count == 2)
    }

    @Test func medicalOfficerDecidesIssuesExportsAndCloses() {
        let clinic = FakeClinic()
        clinic.roles = [.medicalOfficer]
        // Case page for a medical officer: 1 Record TB mini, 2 Decide, 3 Issue, 4 Close, 5 Back.
        var keys = Self.signIn + [.char("1"), .enter, .char("2")]
        keys += [.char("2"), .tab] + ScriptedTerminal.keys("Culture result to the panel") + [.ctrl("r"), .ctrl("s"), .enter]
        keys += [.char("3"), .ctrl("r"), .ctrl("s"), .enter]
        keys += [.char("4")] + ScriptedTerminal.keys("done") + [.ctrl("r"), .ctrl("s"), .enter]
        keys += [.escape, .char("4")]
        let (a, term) = app(keys, clinic: clinic)
        #expect(a.runClinic() == .signedOut)
        #expect(clinic.decisions.first?.decision == .fitWithConditions)
        #expect(clinic.decisions.first?.conditions == "Culture result to the panel")
        #expect(term.frames.contains { $0.plainText.contains("Case c1: FIT WITH CONDITIONS") })
        #expect(term.frames.contains { $0.plainText.contains("Issued CERT-1") })
        #expect(clinic.closed.first?.reason == "done")
    }

    @Test func serviceRefusalOfADecisionIsShownBesideTheForm() {
        let clinic = FakeClinic()
        clinic.roles = [.medicalOfficer]
        let keys = Self.signIn + [.char("1"), .enter, .char("2"), .char("2"), .ctrl("r"), .ctrl("s")]
        let (a, term) = app(keys, clinic: clinic)
        // Refused, then fixed: the earlier refusal (tied to no field) does not block the new try.
        term.type([.escape, .tab] + ScriptedTerminal.keys("Follow-up") + [.ctrl("r"), .ctrl("s")])
        _ = a.runClinic()
        #expect(term.frames.contains { $0.plainText.contains("FIT WITH CONDITIONS needs the conditions") })
        #expect(clinic.decisions.count == 1)
        #expect(clinic.decisions.first?.conditions == "Follow-up")
    }

    @Test func exportAndCorrectionFromTheCasePage() {
        let clinic = FakeClinic()
        clinic.roles = [.medicalOfficer, .nurse]
        clinic.recorded = [(caseID: "c1", module: "tbmini", answers: Answers(["cough": .bool(false)]))]
        clinic.certifiedCases = ["c1"]
        // 1 Record, 2 Correct, 3 Decide, 4 Issue, 5 Export, 6 Close, 7 Back.
        var keys = Self.signIn + [.char("1"), .enter, .char("5"), .ctrl("r"), .ctrl("s"), .enter]
        keys += [.char("2"), .char("y"), .tab] + ScriptedTerminal.keys("3") + [.ctrl("r"), .ctrl("s")]
        keys += ScriptedTerminal.keys("typo at entry") + [.ctrl("r"), .ctrl("s"), .enter]
        keys += [.escape, .char("4")]
        let (a, term) = app(keys, clinic: clinic)
        #expect(a.runClinic() == .signedOut)
        #expect(clinic.exported == ["certificate-case-c1.pdf"])
        #expect(clinic.corrections.first?.reason == "typo at entry")
        #expect(clinic.corrections.first?.changed["cough_weeks"] == .integer(3))
        #expect(term.frames.contains { $0.plainText.contains("Wrote CERT-1 to certificate-case-c1.pdf") })
    }
}
