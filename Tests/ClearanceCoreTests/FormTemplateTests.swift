import Foundation
import Testing
@testable import ClearanceCore

@Suite("Template answers")
struct FormTemplateTests {
    @Test func templateOfTheFixtureValidatesAndRoundTripsThroughJSON() throws {
        let form = try Fixtures.load(Fixtures.screening)
        let ctx = ModuleContext(today: Fixtures.today)
        let json = form.template(context: ctx)
        #expect(json["cough"] as? String == "no")
        #expect(json["threshold"] as? Int == -10)
        #expect(json["specimens"] == nil)
        // Serialize as the CLI would and read it back.
        let data = try JSONSerialization.data(withJSONObject: json)
        let answers = try form.decodeAnswers(jsonData: data)
        #expect(FormEvaluator(form: form, context: ctx).validate(answers) == [])
    }

    @Test func examplesAreUsedAndRelevantBranchesFilled() throws {
        let yaml = Fixtures.screening.replacingOccurrences(of: "    label: Cough two weeks or more\n",
                                                           with: "    label: Cough two weeks or more\n    example: yes\n")
        let form = try Fixtures.load(yaml)
        let ctx = ModuleContext(today: Fixtures.today)
        let a = form.templateAnswers(context: ctx)
        #expect(a["cough"] == .bool(true))
        #expect(a["cough_weeks"] == .integer(2))
        #expect(a["specimens"]?.instances.count == 1)
        #expect(a.value(at: FieldPath("specimens[1].smear")!) == .choice("positive"))
        #expect(a.value(at: FieldPath("specimens[1].collected")!) == .date(Fixtures.today))
        #expect(FormEvaluator(form: form, context: ctx).validate(a) == [])
    }

    @Test func constraintsSteerTheChoiceOfValues() throws {
        let form = try Fixtures.load("""
        form: {id: f, version: "1", title: F}
        fields:
          - name: placed
            type: date
            label: Placed
            required: true
          - name: read
            type: date
            label: Read
            required: true
            constraint: "days_between(${placed}, .) >= 2"
            constraint_message: Read 48 to 72 hours after placing
          - {name: mm, type: decimal, label: Induration, min: 0.25, max: 40, step: 0.5, required: true}
        """)
        let ctx = ModuleContext(today: Fixtures.today)
        let ev = FormEvaluator(form: form, context: ctx)
        let a = form.templateAnswers(context: ctx)
        #expect(ev.validate(a) == [])
        #expect(a["mm"] == .decimal(0.25))
    }

    @Test func everyBundledModuleTemplateValidates() throws {
        let ctx = ModuleContext(today: Fixtures.today)
        for (path, text) in bundledDeclarativeFiles() {
            let file = try FormLoader.load(yaml: text, origin: path)
            let ev = FormEvaluator(form: file.form, context: ctx)
            let json = file.form.template(context: ctx)
            let answers = try file.form.decodeAnswers(jsonData: try JSONSerialization.data(withJSONObject: json))
            #expect(ev.validate(answers) == [], "\(path)")
        }
    }
}
