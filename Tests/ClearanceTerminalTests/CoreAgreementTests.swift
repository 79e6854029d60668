import ClearanceBuiltins
import ClearanceCore
import Testing
@testable import ClearanceTerminal

/// The terminal shows what the core says, for every form shipped and a form built to mix skip
/// logic, calculations, requirements and role restrictions: for many answer sets and roles,
/// the full-screen session's shown fields, required marks, problems, calculated values and
/// saved answers, choices offered and rows allowed, and the line prompts' questions and
/// messages, equal what ``FormEvaluator``'s per-question API and ``FormSpec/isVisible(_:to:)``
/// give, in English and in French (the rules' messages in the user's language). Any twin of the
/// rules in the terminal that drifts from the core fails here.
@Suite struct CoreAgreementTests {
    /// Nested role restrictions (a nurse sees the samples but not their result; a clerk sees
    /// neither), skip logic reading a restricted field, a required-when, a step, a constraint and
    /// calculations at the top level and inside a repeat.
    static let mixedYAML = """
    form:
      id: agree
      version: "1"
      title: Agreement
    choices:
      result:
        - {value: pos, label: Positive}
        - {value: neg, label: Negative}
    fields:
      - name: tested
        type: yes_no
        label: Tested
        required: true
      - name: reason
        type: text
        label: Reason not tested
        relevant: "${tested} = 'no'"
        required: true
      - name: left
        type: integer
        label: Left
        relevant: "${tested} = 'yes'"
        required: true
        min: 0
        max: 100
        step: 5
      - name: right
        type: integer
        label: Right
        relevant: "${tested} = 'yes'"
        required: "${left} > 50"
        min: 0
        max: 100
        step: 5
      - name: worse
        type: integer
        label: Worse side
        calculate: "max(${left}, ${right})"
      - name: samples
        type: repeat
        label: Samples
        relevant: "${tested} = 'yes'"
        roles: [nurse, medical-officer]
        min_count: 1
        max_count: 3
        fields:
          - name: taken
            type: date
            label: Taken on
            required: true
            constraint: ". <= today()"
            constraint_message: The date cannot be in the future
          - name: result
            type: select_one
            choices: result
            label: Result
            roles: [medical-officer]
          - name: followup
            type: yes_no
            label: Follow-up needed
            relevant: "${result} = 'pos'"
            required: true
          - name: days
            type: integer
            label: Days since taken
            calculate: "days_between(${taken}, today())"
      - name: hiv
        type: yes_no
        label: HIV known
        roles: [counsellor]
    """

    /// A choice filter, row bounds worked out from an answer, a row constraint reading the
    /// previous row, and messages of the form in English and French.
    static let filteredYAML = """
    form:
      id: filtered
      version: "1"
      title: {en: Filtered, fr: Filtré}
      languages: [en, fr]
    choices:
      vaccine:
        - {value: bcg, label: {en: BCG, fr: BCG}, live: yes}
        - {value: dtp, label: {en: DTP, fr: DTC}, live: no}
        - {value: mmr, label: {en: MMR, fr: ROR}, live: yes}
    fields:
      - name: pregnant
        type: yes_no
        label: {en: Pregnant, fr: Enceinte}
        required: true
        required_message: {en: Say whether she is pregnant, fr: Dites si elle est enceinte}
      - name: vaccine
        type: select_one
        choices: vaccine
        label: {en: Vaccine, fr: Vaccin}
        choice_filter: "not(${pregnant} and choice('live'))"
        required: true
      - {name: doses_due, type: integer, label: {en: Doses due, fr: Doses dues}, min: 0, max: 3}
      - name: doses
        type: repeat
        label: {en: Doses, fr: Doses}
        min_count: "${doses_due}"
        max_count: "coalesce(${doses_due}, 3)"
        fields:
          - name: given_on
            type: date
            label: {en: Given on, fr: Administrée le}
            required: true
            constraint: "not(answered(prev(${given_on}))) or . - prev(${given_on}) >= 7"
            constraint_message: {en: At least 7 days after the previous dose, fr: Au moins 7 jours après la dose précédente}
    """

    static let languages = ["en", "fr"]

    static let roleSets: [Set<Role>] = [[.nurse], [.clerk], [.medicalOfficer], [.counsellor, .radiologist]]

    /// The role sets worth trying on `form`: all of them when some field is restricted.
    static func roles(for form: FormSpec) -> [Set<Role>] { form.hasRestrictedFields ? roleSets : [[.nurse]] }

    static func forms() throws -> [FormSpec] {
        let mixed = try FormLoader.load(yaml: mixedYAML, origin: "agree.yaml").form
        let filtered = try FormLoader.load(yaml: filteredYAML, origin: "filtered.yaml").form
        return [mixed, filtered, TestForms.tb, try RealFormTests.vision()] + Builtins.modules().map(\.form)
    }

    static func evaluator(_ form: FormSpec, language: String = "en") -> FormEvaluator {
        FormEvaluator(form: form, context: ModuleContext(today: TestForms.today), language: language)
    }

    // MARK: - The core's answers, asked one question at a time

    /// The fields (and repeat groups) the core puts to a user with `roles`, in form order.
    static func coreShown(_ ev: FormEvaluator, _ a: Answers, roles: Set<Role>) -> [FieldPath] {
        var out: [FieldPath] = []
        func walk(_ level: [Field], _ prefix: FieldPath) {
            for f in level {
                let path = prefix.appending(f.name)
                guard ev.form.isVisible(path, to: roles), ev.isRelevant(path, in: a) else { continue }
                out.append(path)
                for i in (a.value(at: path)?.instances ?? []).indices where f.type == .repeatGroup {
                    walk(f.fields, prefix.appending(f.name, index: i + 1))
                }
            }
        }
        walk(ev.form.fields, FieldPath([]))
        return out
    }

    /// Answers as a user gives them: no values for calculated fields.
    static func withoutCalculated(_ a: Answers, level: [Field]) -> Answers {
        var out = Answers()
        for (name, v) in a.values {
            guard let f = level.first(where: { $0.name == name }) else { out[name] = v; continue }
            if f.calculate != nil { continue }
            if case .group(let inst) = v { out[name] = .group(inst.map { withoutCalculated($0, level: f.fields) }) } else { out[name] = v }
        }
        return out
    }

    /// Empty answers, the form's template, and the template with top-level answers removed or
    /// changed (a yes/no flipped, a number out of bounds, a future date, another choice, one
    /// more repeat entry): required, bounds, constraint and skip-logic changes. Every input
    /// field of a small form, about `most` spread over a large one (the per-question calls
    /// the expectations are worked out with cost O(fields²) a set).
    static func answerSets(_ ev: FormEvaluator, most: Int = 12) -> [Answers] {
        let form = ev.form
        let template = withoutCalculated(form.templateAnswers(context: ev.context), level: form.fields)
        var sets = [Answers(), template]
        let inputs = form.fields.filter(\.isInput)
        let stride = max(1, (inputs.count + most - 1) / most)
        for (i, f) in inputs.enumerated() where i % stride == 0 {
            var removed = template
            if removed[f.name] != nil { removed[f.name] = nil; sets.append(removed) }
            var changed = template
            switch f.type {
            case .yesNo: changed[f.name] = .bool(template[f.name] != .bool(true))
            case .integer: changed[f.name] = .integer(Int(f.max ?? 1000) + 1)
            case .decimal: changed[f.name] = .decimal((f.max ?? 1000) + 0.05)
            case .date: changed[f.name] = .date(ev.context.today.adding(days: 30))
            case .text: changed[f.name] = .text("x")
            case .singleChoice: changed[f.name] = form.choices(for: f).last.map { .choice($0.value) }
            case .multipleChoice: changed[f.name] = .choices(form.choices(for: f).map(\.value))
            case .repeatGroup: changed[f.name] = .group((template[f.name]?.instances ?? []) + [Answers()])
            case .note, .image: continue
            }
            if changed != template { sets.append(changed) }
        }
        return sets
    }

    // MARK: - Full screen

    @Test func fullScreenShowsRequiresComputesAndReportsWhatTheCoreSays() throws {
        var compared = 0, offered = 0
        for form in try Self.forms() {
          for language in Self.languages {
            // The session is given the English evaluator and the user's language: its
            // messages must be the core's in that language.
            let ev = Self.evaluator(form, language: language)
            for answers in Self.answerSets(ev) {
                for roles in Self.roles(for: form) {
                    let a = form.visibleAnswers(answers, to: roles)
                    var s = FormSession(form: form, rules: Self.evaluator(form), roles: roles, today: TestForms.today,
                                        language: language, answers: answers)
                    let place = "\(form.id) in \(language) for \(roles.map(\.rawValue).sorted()) with \(answers.names)"
                    #expect(s.answers == a, "\(place): the session keeps answers hidden from the user")

                    let shown = Self.coreShown(ev, a, roles: roles)
                    let items = s.items.filter { $0.kind == .field || $0.kind == .groupHeader }
                    #expect(items.map(\.path) == shown, "\(place): shown fields differ")

                    let expectedProblems = ev.validate(a).filter { form.isVisible($0.path, to: roles) }
                    #expect(s.problems == expectedProblems, "\(place): problems differ")

                    let rows = Array(s.reviewRows.dropLast().suffix(items.count))
                    for (item, row) in zip(items, rows) {
                        guard let f = item.field else { continue }
                        #expect(row.required == ev.isRequired(item.path, in: a), "\(place): required of \(item.path)")
                        let issues = f.isInput ? ev.issues(for: item.path, in: a).map(\.message) : []
                        #expect(row.problems == issues, "\(place): problems of \(item.path)")
                        if f.calculate != nil {
                            let computed = ev.normalized(a).value(at: item.path)
                            #expect(row.answer == s.displayText(computed, for: f), "\(place): value of \(item.path)")
                        }
                        if f.type == .singleChoice || f.type == .multipleChoice {
                            let core = ev.choices(for: item.path, in: a).map(\.value)
                            #expect(s.offeredChoices(at: item.path).map(\.value) == core, "\(place): choices of \(item.path)")
                            if core.count < form.choices(for: f).count { offered += 1 }
                        }
                        if f.type == .repeatGroup {
                            let rows = a.value(at: item.path)?.instances.count ?? 0
                            let canAdd = rows < (ev.instanceBounds(item.path, in: a).max ?? Int.max)
                            #expect(s.items.contains { $0.kind == .addInstance && $0.path == item.path } == canAdd,
                                    "\(place): adding a row to \(item.path)")
                        }
                        compared += 1
                    }

                    if expectedProblems.isEmpty {
                        s.handle([.ctrl("r"), .ctrl("s")])
                        #expect(s.outcome == .saved(ev.normalized(a)), "\(place): saved answers differ")
                    }
                }
            }
          }
        }
        #expect(compared > 2000)
        #expect(offered > 0)       // some answer sets filter choices out
    }

    /// A nurse sees the samples but not their result, so nothing that depends on the result;
    /// a medical officer sees both; a clerk neither; refused answers stay out.
    @Test func nestedRestrictionsFollowTheCoreRule() throws {
        let form = try FormLoader.load(yaml: Self.mixedYAML, origin: "agree.yaml").form
        let ev = Self.evaluator(form)
        let given = Answers(["tested": .bool(true), "left": .integer(60), "right": .integer(40), "hiv": .bool(false),
                             "samples": .group([Answers(["taken": .date(TestForms.today), "result": .choice("pos")])])])
        func fields(_ s: FormSession) -> [String] { s.items.filter { $0.kind == .field }.map(\.path.description) }

        var nurse = FormSession(form: form, rules: ev, roles: [.nurse], today: TestForms.today, answers: given)
        #expect(fields(nurse) == ["tested", "left", "right", "worse", "samples[1].taken", "samples[1].days"])
        #expect(nurse.answers["samples"] == .group([Answers(["taken": .date(TestForms.today)])]))
        nurse.setAnswer(.choice("neg"), at: FieldPath("samples[1].result")!)
        #expect(nurse.answers.value(at: FieldPath("samples[1].result")!) == nil)

        let mo = FormSession(form: form, rules: ev, roles: [.medicalOfficer], today: TestForms.today, answers: given)
        #expect(fields(mo) == ["tested", "left", "right", "worse", "samples[1].taken", "samples[1].result",
                               "samples[1].followup", "samples[1].days"])
        #expect(mo.problems.map(\.path.description) == ["samples[1].followup"])

        let clerk = FormSession(form: form, rules: ev, roles: [.clerk], today: TestForms.today, answers: given)
        #expect(fields(clerk) == ["tested", "left", "right", "worse"])
        #expect(clerk.problems.isEmpty)           // the samples are not the clerk's to answer
        #expect(form.restriction(of: FieldPath("samples[1].result")!, for: [.nurse]) == [.medicalOfficer])
        #expect(form.restriction(of: FieldPath("samples[1].result")!, for: [.clerk]) == [.nurse, .medicalOfficer])
    }

    /// Ctrl-L switches the language of the labels and of the problems already shown; a
    /// pregnant woman is not offered live vaccines, by number or in the picker.
    @Test func switchingLanguageRedoesTheMessagesAndFiltersApply() throws {
        let form = try FormLoader.load(yaml: Self.filteredYAML, origin: "filtered.yaml").form
        var s = FormSession(form: form, rules: Self.evaluator(form), roles: [.nurse], today: TestForms.today)
        s.handle(.tab)                                        // past "pregnant", unanswered
        #expect(s.shownErrors[FieldPath(field: "pregnant")] == ["Say whether she is pregnant"])
        s.handle(.ctrl("l"))
        #expect(s.language == "fr")
        #expect(s.shownErrors[FieldPath(field: "pregnant")] == ["Dites si elle est enceinte"])
        #expect(s.render(width: 80, height: 24).plainText.contains("Dites si elle est enceinte"))

        s.setAnswer(.bool(true), at: FieldPath(field: "pregnant"))
        let vaccine = FieldPath(field: "vaccine")
        #expect(s.offeredChoices(at: vaccine).map(\.value) == ["dtp"])
        #expect(Self.evaluator(form, language: "fr").choices(for: vaccine, in: s.answers).map(\.value) == ["dtp"])
        s.setAnswer(.choice("mmr"), at: vaccine)              // set directly, as a draft might hold it
        #expect(s.evaluation.issues(for: vaccine).map(\.message) == Self.evaluator(form, language: "fr").issues(for: vaccine, in: s.answers).map(\.message))
        #expect(!s.evaluation.issues(for: vaccine).isEmpty)
    }

    // MARK: - Line prompts

    /// The prompt the line runner writes for a field: `3/17 Label` with the repeat entry before it.
    static func prompt(_ path: FieldPath, _ f: Field, number: Int, of total: Int, language: String) -> String {
        let prefix = path.components.dropLast().map { c in c.index.map { "\(c.name) \($0) · " } ?? "" }.joined()
        return "\(number)/\(total) \(prefix)\(f.label.text(language))"
    }

    @Test func linePromptsAskWhatTheCoreShowsAndSayWhatItSays() throws {
        var runs = 0
        for form in try Self.forms() {
          for language in Self.languages {
            let ev = Self.evaluator(form, language: language)
            for answers in Self.answerSets(ev) {
                for roles in Self.roles(for: form).prefix(3) {
                    let a = form.visibleAnswers(answers, to: roles)
                    let session = FormSession(form: form, rules: Self.evaluator(form), roles: roles, today: TestForms.today,
                                              language: language, answers: answers)
                    let place = "\(form.id) in \(language) for \(roles.map(\.rawValue).sorted()) with \(answers.names)"
                    let asked = Self.coreShown(ev, a, roles: roles).compactMap { p -> (FieldPath, Field)? in
                        guard let f = form.field(at: p), f.isInput, f.type != .repeatGroup else { return nil }
                        return (p, f)
                    }
                    let stuck = asked.firstIndex { !ev.issues(for: $0.0, in: a).isEmpty }
                    // Enter keeps every answer as it is (and is asked again at a field with a
                    // problem); then, when nothing stops it, "yes" saves at the review.
                    let input = String(repeating: "\n", count: session.items.filter(\.isFocusable).count + 2)
                        + (stuck == nil ? "yes\n" : "")
                    let out = StringLineOutput()
                    let result = Result { try LineFormRunner(session: session, input: StringLineInput(input), output: out).run() }
                    if let stuck {
                        // Asked again at the first field with a problem, with the core's messages.
                        let (path, f) = asked[stuck]
                        guard case .failure(let e) = result, let err = e as? LineFormError else {
                            Issue.record("\(place): saved past \(path), which has problems"); continue
                        }
                        #expect(err.field == path.description, "\(place): stopped at \(err.field ?? "?")")
                        #expect(out.text.contains(Self.prompt(path, f, number: stuck + 1, of: asked.count, language: language)), "\(place): prompt of \(path)")
                        for m in ev.issues(for: path, in: a).map(\.message) {
                            #expect(out.text.contains("  ! \(m)\n"), "\(place): message '\(m)' of \(path)")
                        }
                    } else if ev.validate(a).filter({ form.isVisible($0.path, to: roles) }).isEmpty {
                        #expect((try? result.get())?.answers == ev.normalized(a), "\(place): saved answers differ")
                        for (k, (path, f)) in asked.enumerated() {
                            #expect(out.text.contains(Self.prompt(path, f, number: k + 1, of: asked.count, language: language)), "\(place): prompt of \(path)")
                        }
                        for p in Self.coreShown(ev, a, roles: roles) {
                            guard let f = form.field(at: p), f.calculate != nil else { continue }
                            let computed = session.displayText(ev.normalized(a).value(at: p), for: f)
                            #expect(out.text.contains("  \(f.label.text(language)) = \(computed) (calculated)"), "\(place): value of \(p)")
                        }
                    }
                    runs += 1
                }
            }
          }
        }
        #expect(runs > 200)
    }
}
