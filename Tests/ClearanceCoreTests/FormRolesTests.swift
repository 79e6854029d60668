import Testing
import ClearanceCore

/// The role-visibility rule (``FormSpec/restriction(of:for:)``) and ``FormEvaluation``.
@Suite("Form roles and evaluations")
struct FormRolesTests {
    static let yaml = """
    form:
      id: roles
      version: "1"
      title: Roles
    fields:
      - name: cough
        type: yes_no
        label: Cough
        required: true
      - name: hiv_known
        type: yes_no
        label: HIV known
        required: true
        roles: [counsellor, medical-officer]
      - name: samples
        type: repeat
        label: Samples
        roles: [nurse, medical-officer]
        min_count: 1
        fields:
          - name: taken
            type: date
            label: Taken
            required: true
          - name: result
            type: text
            label: Result
            required: true
            roles: [medical-officer]
          - name: note
            type: text
            label: Note
            relevant: "${result} = 'pos'"
      - name: weeks
        type: integer
        label: Weeks
        relevant: "${cough} = 'yes'"
        required: true
        max: 52
      - name: twice
        type: integer
        calculate: "${weeks} * 2"
    """

    let form: FormSpec
    let ev: FormEvaluator
    init() throws {
        form = try Fixtures.load(Self.yaml)
        ev = Fixtures.evaluator(form)
    }

    let given = Answers(["cough": .bool(true), "weeks": .integer(60), "hiv_known": .bool(false),
                         "samples": .group([Answers(["taken": .date(Fixtures.today), "result": .text("pos"), "note": .text("n")])]),
                         "stray": .text("x")])

    @Test func everyFieldAlongThePathMustBeOpen() {
        let result = FieldPath("samples[1].result")!
        #expect(form.isVisible(result, to: [.medicalOfficer]))
        #expect(form.restriction(of: result, for: [.nurse]) == [.medicalOfficer])          // the inner field
        #expect(form.restriction(of: result, for: [.clerk]) == [.nurse, .medicalOfficer])  // the group, outermost
        #expect(form.isVisible(FieldPath("samples[1].taken")!, to: [.nurse]))
        #expect(!form.isVisible(FieldPath("samples")!, to: [.counsellor]))
        #expect(form.isVisible(FieldPath("stray")!, to: [.clerk]))                        // unknown: validation's business
        #expect(form.isVisible(FieldPath("cough")!, to: []))
        #expect(!form.isVisible(FieldPath("hiv_known")!, to: []))
    }

    @Test func visibleAnswersDropHiddenAnswersAtEveryDepth() {
        let nurse = form.visibleAnswers(given, to: [.nurse])
        #expect(nurse.names == ["cough", "samples", "stray", "weeks"])
        #expect(nurse["samples"] == .group([Answers(["taken": .date(Fixtures.today), "note": .text("n")])]))
        #expect(form.visibleAnswers(given, to: [.medicalOfficer]) == given)
        #expect(form.visibleAnswers(given, to: [.clerk]).names == ["cough", "stray", "weeks"])
    }

    @Test func restrictedAnswersNameThePathAndTheAllowedRoles() {
        let nurse = form.restrictedAnswers(in: given, for: [.nurse])
        #expect(nurse == [RestrictedAnswer(path: FieldPath(field: "hiv_known"), allowedRoles: [.counsellor, .medicalOfficer]),
                          RestrictedAnswer(path: FieldPath("samples[1].result")!, allowedRoles: [.medicalOfficer])])
        #expect(form.restrictedAnswers(in: given, for: [.clerk]).map(\.path.description)
                == ["hiv_known", "samples[1].note", "samples[1].result", "samples[1].taken"])
        #expect(form.restrictedAnswers(in: given, for: [.medicalOfficer]).isEmpty)
    }

    @Test func anEvaluationAnswersAsThePerQuestionMethodsDo() {
        let e = ev.evaluation(of: given)
        #expect(e.normalized == ev.normalized(given))
        #expect(e.value(at: FieldPath(field: "twice")) == .integer(120))
        for path in given.flattened().map(\.0) + ["cough", "weeks", "twice", "samples", "hiv_known"].map({ FieldPath(field: $0) }) {
            #expect(e.isRelevant(path) == ev.isRelevant(path, in: given), "\(path)")
            #expect(e.isRequired(path) == ev.isRequired(path, in: given), "\(path)")
            #expect(e.issues(for: path) == ev.issues(for: path, in: given), "\(path)")
        }
        #expect(e.issues == ev.validate(normalized: ev.normalized(given)))
        #expect(e.issues.map(\.path.description) == ["weeks"])
    }

    @Test func anEvaluationForRolesLeavesOutWhatTheUserMayNotSee() {
        let missing = Answers(["cough": .bool(false), "samples": .group([Answers()])])
        let nurse = ev.evaluation(of: missing, roles: [.nurse])
        #expect(nurse.issues.map(\.path.description) == ["samples[1].taken"])
        #expect(!nurse.isShown(FieldPath("samples[1].result")!))
        #expect(!nurse.isRequired(FieldPath(field: "hiv_known")))
        #expect(nurse.issues(for: FieldPath("samples[1].result")!).isEmpty)
        #expect(ev.evaluation(of: missing).issues.map(\.path.description) == ["hiv_known", "samples[1].taken", "samples[1].result"])
        let mo = ev.evaluation(of: missing, roles: [.medicalOfficer])
        #expect(mo.issues.map(\.path.description) == ["hiv_known", "samples[1].taken", "samples[1].result"])
        #expect(mo.isShown(FieldPath("samples[1].result")!))
        #expect(!mo.isShown(FieldPath(field: "weeks")))           // visible, not relevant
    }
}
