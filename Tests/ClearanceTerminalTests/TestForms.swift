import ClearanceCore
@testable import ClearanceTerminal

/// Small rules for driving the core before/independently of the real evaluator:
/// `cough_weeks` is asked only when `cough` is yes, must be 0-52; required fields listed.
struct TestRules: FormRules {
    let form: FormSpec
    var required: Set<String> = ["cough", "cough_weeks"]

    func isRelevant(_ path: FieldPath, in answers: Answers) -> Bool {
        if path.leaf == "cough_weeks" { return answers["cough"] == .bool(true) }
        return true
    }
    func isRequired(_ path: FieldPath, in answers: Answers) -> Bool { required.contains(path.leaf) }
    func issues(for path: FieldPath, in answers: Answers) -> [ValidationIssue] {
        guard isRelevant(path, in: answers) else { return [] }
        let v = answers.leafValue(at: path)
        if v == nil, isRequired(path, in: answers) { return [ValidationIssue(path: path, message: "required: answer it")] }
        if path.leaf == "cough_weeks", let n = v?.integer, !(0...52).contains(n) {
            return [ValidationIssue(path: path, message: "must be 0 to 52 weeks")]
        }
        return []
    }
    func validate(_ answers: Answers) -> [ValidationIssue] {
        form.fields.filter(\.isInput).flatMap { issues(for: FieldPath(field: $0.name), in: answers) }
    }
    func normalized(_ answers: Answers) -> Answers {
        var a = answers
        if !isRelevant(FieldPath(field: "cough_weeks"), in: a) { a["cough_weeks"] = nil }
        return a
    }
}

enum TestForms {
    static let today = LocalDate(year: 2026, month: 3, day: 9)!

    static let tb = FormSpec(
        id: "tbmini", version: "1",
        title: LocalizedText(["en": "TB mini", "fr": "TB mini", "es": "TB mini"]),
        languages: ["en", "fr", "es"],
        fields: [
            Field(name: "cough", type: .yesNo,
                  label: LocalizedText(["en": "Cough for 2 weeks or more?", "fr": "Toux depuis 2 semaines ou plus ?", "es": "¿Tos durante 2 semanas o más?"]),
                  hint: "Ask the person; do not assume no", required: .always),
            Field(name: "cough_weeks", type: .integer, label: "Weeks of cough", required: .always, unit: "weeks", min: 0, max: 52),
            Field(name: "igra", type: .singleChoice, label: "IGRA result", choiceList: "igra"),
            Field(name: "hiv_known", type: .yesNo, label: "Known HIV positive?", roles: [.counsellor, .medicalOfficer]),
            Field(name: "info", type: .note, label: "Collect sputum if any symptom"),
            Field(name: "xray_date", type: .date, label: "X-ray date"),
            Field(name: "specimens", type: .repeatGroup, label: "Sputum specimens",
                  fields: [Field(name: "smear", type: .singleChoice, label: "Smear", choiceList: "smear")], maxCount: 3),
        ],
        choiceLists: [
            "igra": [Choice(value: "positive", label: "Positive"), Choice(value: "negative", label: "Negative"),
                     Choice(value: "indeterminate", label: LocalizedText(["en": "Indeterminate", "fr": "Indéterminé"]))],
            "smear": [Choice(value: "pos", label: "Positive"), Choice(value: "neg", label: "Negative")],
        ])

    static func session(roles: Set<Role> = [.nurse], answers: Answers = Answers()) -> FormSession {
        FormSession(form: tb, rules: TestRules(form: tb), roles: roles, today: today, answers: answers)
    }
}

extension FormSession {
    var focusName: String? { focus?.path.description }
}
