import ClearanceCore
import Foundation
import Testing
@testable import ClearanceTerminal

@Suite struct LineFormRunnerTests {
    func run(_ input: String, store: InMemoryDraftStore = InMemoryDraftStore()) -> (Result<FormSubmission, Error>, String) {
        var session = TestForms.session()
        session.onCommit = { a in try? store.save(Draft(id: "d", form: TestForms.tb, savedAt: Date(timeIntervalSince1970: 0), answers: a)) }
        let out = StringLineOutput()
        let runner = LineFormRunner(session: session, input: StringLineInput(input), output: out)
        return (Result { try runner.run() }, out.text)
    }

    @Test func validRunAsksNumberedPromptsAndSaves() throws {
        // cough yes, 3 weeks, IGRA 2, X-ray today, no specimen, then save.
        let (result, out) = run("y\n3\n2\nt\nn\nyes\n")
        let saved = try result.get()
        #expect(saved.answers == Answers(["cough": .bool(true), "cough_weeks": .integer(3), "igra": .choice("negative"),
                                          "xray_date": .date(TestForms.today)]))
        #expect(out.contains("1/3 Cough for 2 weeks or more? * [yes/no]"))
        #expect(out.contains("2/4 Weeks of cough * [whole number, 0-52 weeks]"))
        #expect(out.contains("    2) Negative"))
        #expect(out.contains("Review:"))
        #expect(!out.contains("HIV"))                  // a nurse is never asked the counsellor's field
    }

    @Test func invalidInputIsAskedAgainWithTheReason() throws {
        let (result, out) = run("maybe\nn\n?\nabc\n1\n\nn\nyes\n")
        let saved = try result.get()
        #expect(out.contains("! answer y (yes) or n (no)"))
        #expect(out.contains("no help for this field"))
        #expect(out.contains("! type the number of one choice, 1 to 3"))
        #expect(saved.answers["igra"] == .choice("positive"))
        #expect(saved.answers["cough"] == .bool(false))
        #expect(!out.contains("Weeks of cough"))       // skipped: not relevant
    }

    @Test func constraintFailureIsReaskedAndBackGoesBack() throws {
        let (result, out) = run("y\n99\n<\nn\n\n\nn\nyes\n")
        let saved = try result.get()
        #expect(out.contains("! 99 is above the maximum 52 weeks; enter 52 or less"))
        #expect(saved.answers["cough"] == .bool(false))
        #expect(saved.answers["cough_weeks"] == nil)
    }

    @Test func endOfInputAbortsAndKeepsOnlyTheDraft() {
        let store = InMemoryDraftStore()
        let (result, _) = run("y\n4\n", store: store)
        guard case .failure(let e) = result, let err = e as? LineFormError else {
            Issue.record("expected an end-of-input error, got \(result)"); return
        }
        #expect(err.isEndOfInput)
        #expect(err.field == "igra")
        #expect("\(err)".contains("not saved"))
        let draft = try? store.load(id: "d")
        #expect(draft?.answers == Answers(["cough": .bool(true), "cough_weeks": .integer(4)]))
    }

    @Test func reviewNumberJumpsBackToAnAnswer() throws {
        // Review lists cough as 1; change it to no, which drops cough_weeks, then save.
        let (result, out) = run("y\n5\n\n\nn\n1\nn\nyes\n")
        let saved = try result.get()
        #expect(out.contains("  1. Cough for 2 weeks or more? *: yes"))
        #expect(saved.answers == Answers(["cough": .bool(false)]))
    }
}
