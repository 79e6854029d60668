import ClearanceCore
import Foundation
import Testing
@testable import HIVScreening

/// `Forms/hiv.yaml` through the real form engine: it loads, its template is valid and gives
/// HIV-NEG, and changing only the contract fields (`consent`, `a1_result` ...) gives each code.
@Suite struct HIVFormFileTests {
    static let loaded: Result<FormSpec, Error> = Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Forms/hiv.yaml"), encoding: .utf8)
        return try FormLoader.load(yaml: text, origin: "Forms/hiv.yaml").form
    }

    let form: FormSpec
    let module: HIVModule
    let evaluator: FormEvaluator
    let template: Answers

    init() throws {
        form = try Self.loaded.get()
        module = HIVModule(form: form)
        evaluator = FormEvaluator(form: form, context: context())
        // Through JSON, as `clearance modules template` prints it and an import reads it.
        template = try form.decodeAnswers(form.template(context: context()))
    }

    /// Form issues, then the module's own, then the derivation of the stored answers.
    func record(_ answers: Answers) -> (issues: [ValidationIssue], derivation: Derivation) {
        let stored = evaluator.normalized(answers)
        let issues = evaluator.validate(answers) + module.validate(stored, context: context())
        return (issues, module.derive(stored, context: context()))
    }

    func changing(_ changes: [String: Value?]) -> Answers {
        var a = template
        for (k, v) in changes { a[k] = v }
        return a
    }

    @Test func loadsWithTheContractFields() {
        #expect(form.id == "hiv")
        #expect(form.languages == ["en", "fr", "es"])
        let names = [HIVModule.FieldName.consent, HIVModule.FieldName.testDate, HIVModule.FieldName.postTestDone]
            + HIVModule.FieldName.assayPositions.flatMap(HIVModule.FieldName.assayFields)
        for name in names { #expect(form.field(named: name) != nil, "\(name)") }
        let results = form.field(named: "a1_result").map { form.choices(for: $0).map(\.value) }
        #expect(results == ["non-reactive", "reactive", "invalid"])
    }

    @Test func templateIsValidAndNegative() {
        #expect(template["consent"] == .bool(true))
        #expect(template["a1_result"] == .choice("non-reactive"))
        let r = record(template)
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.derivation.resultCodes == ["HIV-NEG"])
    }

    @Test func consentRefusedIsDeclinedAndNoAssayIsKept() {
        let refused = changing(["consent": .bool(false)])
        let r = record(refused)
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.derivation.resultCodes == ["HIV-DECLINED"])
        #expect(evaluator.normalized(refused)["a1_result"] == nil)
        #expect(!evaluator.isRelevant(FieldPath(field: "a1_result"), in: refused))
        // Whatever reaches the module unnormalized is still rejected.
        #expect(module.validate(refused, context: context()).contains { $0.path.description == "a1_result" })
    }

    @Test func consentWithoutAssayIsNotTested() {
        let notTested = changing(["a1_result": nil])
        let r = record(notTested)
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.derivation.resultCodes == ["HIV-NOT-TESTED"])
        #expect(evaluator.isRelevant(FieldPath(field: "not_tested_reason"), in: notTested))
        #expect(!evaluator.isRelevant(FieldPath(field: "not_tested_reason"), in: template))
    }

    @Test func discordantIsInconclusiveRetestIn14Days() {
        let r = record(changing(["a1_result": .choice("reactive"), "a2_result": .choice("non-reactive")]))
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.derivation.resultCodes == ["HIV-INCONCLUSIVE"])
        #expect(r.derivation.values["retest_date"] == .date(testDay.adding(days: 14)))
    }

    @Test func threeReactiveIsPositive() {
        let r = record(changing(["a1_result": .choice("reactive"), "a2_result": .choice("reactive"),
                                 "a3_result": .choice("reactive")]))
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.derivation.resultCodes == ["HIV-POS"])
        #expect(r.derivation.pending == false)
    }

    @Test func reactiveA1AloneNeedsA2() {
        let r = record(changing(["a1_result": .choice("reactive")]))
        #expect(r.issues.map(\.path.description).contains("a2_result"))
    }

    @Test func invalidAssayMustBeRepeated() {
        let missing = record(changing(["a1_result": .choice("invalid")]))
        #expect(missing.issues.map(\.path.description).contains("a1_repeat_result"))
        let repeated = record(changing(["a1_result": .choice("invalid"), "a1_repeat_result": .choice("non-reactive")]))
        #expect(repeated.issues.isEmpty, "\(repeated.issues)")
        #expect(repeated.derivation.resultCodes == ["HIV-NEG"])
    }

    @Test func kitExpiredBeforeTestDateIsInvalid() {
        let expired = changing(["a1_kit_expiry": .date(testDay.adding(days: -1))])
        #expect(evaluator.validate(expired).map(\.path.description) == ["a1_kit_expiry"])
        #expect(evaluator.validate(changing(["a1_kit_expiry": .date(testDay)])).isEmpty)
    }

    @Test func informedConsentNeedsTheRightToDecline() {
        let a = changing(["information_given": .choices(["benefits", "confidentiality"])])
        #expect(evaluator.validate(a).map(\.path.description) == ["information_given"])
    }

    @Test func consentTimeIsHHMM() {
        #expect(evaluator.validate(changing(["consent_time": .text("9h30")])).map(\.path.description) == ["consent_time"])
        #expect(evaluator.validate(changing(["consent_time": .text("23:59")])).isEmpty)
    }
}
