import ClearanceCore
import Testing
@testable import ClearanceTerminal

@Suite struct FormSessionTests {
    @Test func yesNoHasNoDefaultAndSkipLogicShowsLive() {
        var s = TestForms.session()
        #expect(s.focusName == "cough")
        #expect(s.answers["cough"] == nil)
        #expect(!s.items.contains { $0.path.description == "cough_weeks" })
        s.handle(.char("y"))
        #expect(s.answers["cough"] == .bool(true))
        #expect(s.items.contains { $0.path.description == "cough_weeks" })
        s.handle(.char("n"))
        #expect(!s.items.contains { $0.path.description == "cough_weeks" })
    }

    @Test func typingANumberCommitsOnTab() {
        var s = TestForms.session()
        s.handle([.char("y"), .tab] + ScriptedTerminal.keys("12") + [.tab])
        #expect(s.answers["cough_weeks"] == .integer(12))
        #expect(s.focusName == "igra")
    }

    @Test func errorShownGoingForwardButBackIsNeverBlocked() {
        var s = TestForms.session()
        s.handle([.char("y"), .tab] + ScriptedTerminal.keys("abc") + [.tab])
        #expect(s.focusName == "cough_weeks")          // stayed: problem shown
        #expect(s.shownErrors[FieldPath(field: "cough_weeks")]?.first?.contains("not a whole number") == true)
        #expect(s.render(width: 80, height: 24).plainText.contains("! 'abc' is not a whole number"))
        s.handle(.backTab)
        #expect(s.focusName == "cough")                // back allowed at once
        s.handle(.tab)
        #expect(s.buffer == "abc")                     // what was typed is kept to correct
        s.handle([.backspace, .backspace, .backspace] + ScriptedTerminal.keys("60") + [.tab])
        #expect(s.shownErrors[FieldPath(field: "cough_weeks")] == ["60 is above the maximum 52 weeks; enter 52 or less"])
        #expect(s.focusName == "cough_weeks")
        s.handle(.tab)                                 // second Tab: leave it for now, not trapped
        #expect(s.focusName == "igra")
        #expect(s.problems.contains { $0.path == FieldPath(field: "cough_weeks") })
    }

    @Test func requiredEmptyFieldWarnsOnceThenLetsThrough() {
        var s = TestForms.session()
        s.handle(.tab)
        #expect(s.focusName == "cough")
        #expect(s.shownErrors[FieldPath(field: "cough")] == ["Cough for 2 weeks or more?: an answer is required"])
        s.handle(.tab)
        #expect(s.focusName == "igra")
    }

    @Test func reviewListsProblemsJumpsBackAndSaves() {
        var s = TestForms.session()
        s.handle([.char("y"), .tab, .tab, .tab])       // cough_weeks left empty (required)
        s.handle(.ctrl("r"))
        guard case .review(let row) = s.mode else { Issue.record("not on review: \(s.mode)"); return }
        let rows = s.reviewRows
        #expect(rows[row].label == "Weeks of cough")
        #expect(rows[row].problems == ["Weeks of cough: an answer is required"])
        #expect(s.render(width: 80, height: 24).plainText.contains("! Weeks of cough: an answer is required"))
        // Save refused while a problem remains.
        s.handle(.ctrl("s"))
        #expect(s.outcome == nil)
        s.handle(.enter)                               // jump back to the field
        #expect(s.mode == .editing)
        #expect(s.focusName == "cough_weeks")
        s.handle(ScriptedTerminal.keys("3") + [.ctrl("r"), .ctrl("s")])
        #expect(s.outcome == .saved(Answers(["cough": .bool(true), "cough_weeks": .integer(3)])))
    }

    @Test func ctrlCAsksBeforeDiscarding() {
        var s = TestForms.session()
        s.handle([.char("y"), .ctrl("c")])
        guard case .confirmDiscard = s.mode else { Issue.record("no confirmation"); return }
        #expect(s.render(width: 80, height: 24).plainText.contains("Discard this form?"))
        s.handle(.char("n"))
        #expect(s.mode == .editing)
        #expect(s.answers["cough"] == .bool(true))
        s.handle([.ctrl("c"), .char("y")])
        #expect(s.outcome == .discarded)
    }

    @Test func fieldsForOtherRolesAreNeitherShownNorAccepted() {
        var nurse = TestForms.session(roles: [.nurse], answers: Answers(["hiv_known": .bool(true), "cough": .bool(false)]))
        #expect(nurse.answers["hiv_known"] == nil)     // dropped from the draft
        #expect(nurse.answers["cough"] == .bool(false))
        #expect(!nurse.items.contains { $0.path.description == "hiv_known" })
        nurse.setAnswer(.bool(true), at: FieldPath(field: "hiv_known"))
        #expect(nurse.answers["hiv_known"] == nil)
        #expect(!nurse.render(width: 80, height: 24).plainText.contains("HIV"))
        let counsellor = TestForms.session(roles: [.counsellor])
        #expect(counsellor.items.contains { $0.path.description == "hiv_known" })
    }

    @Test func choicesByNumberAndByTypedFilter() {
        var s = TestForms.session()
        s.handle([.char("n"), .tab])
        #expect(s.focusName == "igra")
        s.handle(.char("2"))
        #expect(s.answers["igra"] == .choice("negative"))
        s.handle(ScriptedTerminal.keys("indet"))          // letters open the picker, filtered
        #expect(s.mode == .picking)
        #expect(s.pickerChoices().map(\.choice.value) == ["indeterminate"])
        s.handle(.enter)
        #expect(s.answers["igra"] == .choice("indeterminate"))
        #expect(s.mode == .editing)
        #expect(s.focusName != "igra")                     // a pick moves on to the next field
        s.handle([.backTab, .enter, .down, .escape])       // back; Esc closes without change
        #expect(s.focusName == "igra")
        #expect(s.answers["igra"] == .choice("indeterminate"))
    }

    @Test func dateTakesTForToday() {
        var s = TestForms.session()
        s.handle([.char("n"), .tab, .tab])
        #expect(s.focusName == "xray_date")
        s.handle([.char("t"), .tab])
        #expect(s.answers["xray_date"] == .date(TestForms.today))
    }

    @Test func repeatGroupAddAndRemoveInstances() {
        var s = TestForms.session()
        s.handle([.char("n"), .tab, .tab, .tab])
        #expect(s.focusedItem?.kind == .addInstance)
        s.handle(.enter)
        #expect(s.focusName == "specimens[1].smear")
        s.handle(.char("1"))
        #expect(s.answers["specimens"] == .group([Answers(["smear": .choice("pos")])]))
        s.handle(.tab)
        #expect(s.focusedItem?.kind == .removeInstance)
        s.handle([.enter, .char("y")])
        #expect(s.answers["specimens"] == .group([]))
    }

    @Test func languageSwitchTranslatesLabels() {
        var s = TestForms.session()
        s.handle(.ctrl("l"))
        #expect(s.language == "fr")
        #expect(s.render(width: 80, height: 24).plainText.contains("Toux depuis 2 semaines"))
        s.handle(.char("o"))   // oui
        #expect(s.answers["cough"] == .bool(true))
    }

    @Test func draftHookRunsAfterEveryCommittedField() {
        final class Box: @unchecked Sendable { var saved: [Answers] = [] }
        let box = Box()
        var s = TestForms.session()
        s.onCommit = { box.saved.append($0) }
        s.handle([.char("y"), .tab, .char("4")])
        #expect(box.saved.count == 1)                   // the number is still being typed
        s.handle(.tab)
        #expect(box.saved.last?["cough_weeks"] == .integer(4))
    }
}
