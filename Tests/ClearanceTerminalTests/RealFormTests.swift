import ClearanceCore
import ClearanceForms
import Foundation
import Testing
@testable import ClearanceTerminal

/// The core and line mode against a real form file (`Forms/modules/vision.yaml`) and the
/// real ``FormEvaluator``.
@Suite struct RealFormTests {
    static func vision() throws -> FormSpec {
        let yaml = try #require(embeddedForms["modules/vision.yaml"])
        return try FormLoader.load(yaml: yaml, origin: "Forms/modules/vision.yaml").form
    }

    static func session(_ form: FormSpec, roles: Set<Role> = [.nurse]) -> FormSession {
        FormSession(form: form, rules: FormEvaluator(form: form, context: ModuleContext(today: TestForms.today)),
                    roles: roles, today: TestForms.today)
    }

    func names(_ s: FormSession) -> [String] { s.items.filter { $0.kind == .field }.map(\.path.description) }

    @Test func skipLogicFollowsTheAnswersLive() throws {
        var s = Self.session(try Self.vision())
        #expect(names(s).contains("tested"))
        #expect(!names(s).contains("reason_not_tested"))
        #expect(!names(s).contains("right_acuity"))
        s.handle(.char("n"))
        #expect(names(s).contains("reason_not_tested"))
        #expect(!names(s).contains("right_acuity"))
        s.handle(.char("y"))
        #expect(!names(s).contains("reason_not_tested"))
        #expect(names(s).contains("right_acuity"))
        #expect(!names(s).contains("tested_with_lenses"))
    }

    @Test func evaluatorProblemsShownForwardNeverBlockingBack() throws {
        var s = Self.session(try Self.vision())
        s.handle([.char("y"), .tab, .tab])                // test_date empty, required
        #expect(s.focusName == "test_date")
        #expect(s.shownErrors[FieldPath(field: "test_date")]?.isEmpty == false)
        s.handle([.char("t"), .tab, .char("1"), .tab, .char("n"), .tab])
        #expect(s.focusName == "right_acuity")
        s.handle(ScriptedTerminal.keys("2.5") + [.tab])   // over max 2.0
        #expect(s.focusName == "right_acuity")
        let shown = s.shownErrors[FieldPath(field: "right_acuity")] ?? []
        #expect(!shown.isEmpty)
        #expect(s.render(width: 80, height: 24).plainText.contains("! "))
        s.handle(.backTab)
        #expect(s.focusName == "corrective_lenses")
    }

    @Test func calculatedFieldsShownReadOnlyAndSaved() throws {
        var s = Self.session(try Self.vision())
        s.handle([.char("y"), .tab, .char("t"), .tab, .char("1"), .tab, .char("n"), .tab])
        s.handle(ScriptedTerminal.keys("1.0") + [.tab] + ScriptedTerminal.keys("0.8") + [.tab])
        #expect(s.focusName == "colour_tested")           // better_eye / worse_eye are skipped
        let text = s.render(width: 80, height: 24).plainText
        #expect(text.contains("(calculated)"))
        s.setAnswer(.decimal(0.1), at: FieldPath(field: "better_eye"))   // refused: calculated
        s.handle([.char("n"), .ctrl("r"), .ctrl("s")])
        guard case .saved(let a)? = s.outcome else { Issue.record("not saved: \(s.problems)"); return }
        #expect(a["better_eye"]?.number == 1.0)
        #expect(a["worse_eye"]?.number == 0.8)
        #expect(a["reason_not_tested"] == nil)
    }

    @Test func frenchAt80x24FitsAndTranslates() throws {
        var s = Self.session(try Self.vision())
        s.language = "fr"
        s.handle([.char("o"), .tab, .tab])
        let f = s.render(width: 80, height: 24)
        #expect(f.plainText.contains("Vision testée"))
        #expect(f.plainText.components(separatedBy: "\n").allSatisfy { $0.displayWidth <= 80 })
    }

    @Test func lineModeFillsTheRealForm() throws {
        let form = try Self.vision()
        let out = StringLineOutput()
        // tested yes, today, Snellen, no lenses, 9 (bad) then 0.4 right, 1.0 left, colour no, remarks (required: < 0.5).
        let input = "y\nt\n1\nn\n9\n0.4\n1.0\nn\n\nSquints\nyes\n"
        let runner = LineFormRunner(session: Self.session(form), input: StringLineInput(input), output: out)
        let saved = try runner.run()
        #expect(saved.answers["right_acuity"] == .decimal(0.4))
        #expect(saved.answers["remarks"] == .text("Squints"))
        #expect(saved.answers["worse_eye"]?.number == 0.4)
        #expect(out.text.contains("Right eye * [number, 0-2 decimal acuity]"))
        #expect(out.text.contains("Better eye") || out.text.contains("better_eye") || out.text.contains("(calculated)"))
    }
}
