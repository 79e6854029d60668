import ClearanceCore
import Foundation
import Testing
@testable import ClearanceTerminal

@Suite struct ScreenAppTests {
    func app(_ keys: [Key], drafts: DraftStore = InMemoryDraftStore(), clinic: FakeClinic = FakeClinic()) -> (ScreenApp, ScriptedTerminal) {
        let term = ScriptedTerminal(keys: keys)
        let clock = { Date(timeIntervalSince1970: 1_773_000_000) }
        return (ScreenApp(frontEnd: clinic, terminal: term, drafts: drafts, clock: clock, timeZone: TimeZone(identifier: "UTC")!), term)
    }
    static let signIn: [Key] = ScriptedTerminal.keys("ana") + [.tab] + ScriptedTerminal.keys("s3cret") + [.enter]

    @Test func wrongPasswordIsSaidAndPasswordNeverShown() {
        let (a, term) = app(ScriptedTerminal.keys("ana") + [.tab] + ScriptedTerminal.keys("nope") + [.enter])
        #expect(a.runClinic() == .endOfInput)
        #expect(term.frames.contains { $0.plainText.contains("••••") })
        #expect(!term.frames.contains { $0.plainText.contains("nope") })
        #expect(term.screen.contains("wrong user name or password"))
    }

    @Test func worklistToFormSaveWithRejectionThenFix() {
        let clinic = FakeClinic()
        let drafts = InMemoryDraftStore()
        // Worklist -> first case -> record TB mini -> cough yes, 30 weeks -> review -> save:
        // rejected by the save path -> jump to the field, fix to 3 -> save.
        var keys = Self.signIn + [.char("1"), .enter, .char("1")]
        keys += [.char("y"), .tab] + ScriptedTerminal.keys("30") + [.ctrl("r"), .ctrl("s")]
        keys += [.enter, .backspace, .backspace] + ScriptedTerminal.keys("3") + [.ctrl("r"), .ctrl("s")]
        keys += [.enter /* message */, .escape /* back */, .char("4") /* sign out */]
        let (a, term) = app(keys, drafts: drafts, clinic: clinic)
        #expect(a.runClinic() == .signedOut)
        #expect(clinic.recorded.count == 1)
        #expect(clinic.recorded.first?.answers["cough_weeks"] == .integer(3))
        #expect(term.frames.contains { $0.plainText.contains("! over 20 weeks: check with the person") })
        #expect(term.frames.contains { $0.plainText.contains("TB mini saved: TB-NONE") })
        #expect(term.frames.contains { $0.plainText.contains("needs: tbmini") })
        #expect((try? drafts.pending())?.isEmpty == true)   // removed once saved
        for f in term.frames { #expect(f.plainText.components(separatedBy: "\n").allSatisfy { $0.displayWidth <= 80 }) }
    }

    @Test func droppedSessionKeepsADraftOfferedOnNextStart() throws {
        let drafts = InMemoryDraftStore()
        let (a, _) = app(Self.signIn + [.char("1"), .enter, .char("1"), .char("y"), .tab] + ScriptedTerminal.keys("4") + [.tab],
                         drafts: drafts)
        #expect(a.runClinic() == .endOfInput)              // the terminal went away mid-form
        let pending = try drafts.pending()
        #expect(pending.count == 1)
        #expect(pending.first?.answers == Answers(["cough": .bool(true), "cough_weeks": .integer(4)]))
        // Next start: the draft is offered, resumed, and saved.
        let clinic = FakeClinic()
        let (b, term) = app(Self.signIn + [.char("1"), .ctrl("r"), .ctrl("s"), .enter], drafts: drafts, clinic: clinic)
        _ = b.runClinic()
        #expect(term.frames.contains { $0.plainText.contains("Resume tbmini for 王秀英") })
        #expect(clinic.recorded.first?.answers == Answers(["cough": .bool(true), "cough_weeks": .integer(4)]))
    }

    @Test func findPersonByNameWithoutAccentsAndOpenACase() {
        let clinic = FakeClinic()
        let keys = Self.signIn + [.char("2")] + ScriptedTerminal.keys("jose nu") + [.enter, .char("1"), .char("2"), .escape /* case page: back */, .char("4")]
        let (a, term) = app(keys, clinic: clinic)
        #expect(a.runClinic() == .signedOut)
        #expect(term.frames.contains { $0.plainText.contains("José Núñez") })
        #expect(clinic.cases.values.contains { $0.person.id == "p2" && $0.programme == "uk-tb" })
    }

    @Test func resizeRedrawsAndTooSmallIsSaid() {
        let (a, term) = app([.resize] + Self.signIn + [.resize, .escape])
        term.beforeKey = { t, n in if n == 9 { t.size = TerminalSize(width: 60, height: 20) } }
        _ = a.runClinic()
        #expect(term.frames.contains { $0.plainText.contains("make it at least 80x24") })
        #expect(term.frames.contains { $0.width == 60 })
    }
}
