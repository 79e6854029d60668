import ClearanceCore
import Foundation

/// A case's page and what can be done from it: record or correct a module, and for a medical
/// officer the review (the proposal and the decision shown), the decision, the certificate
/// (issue, export to a PDF file), and closing the case. Every action goes to the
/// ``ClinicFrontEnd``, whose service decides who may.
extension ScreenApp {
    /// What a case page's menu item does.
    enum CaseAction: Equatable {
        case record(module: String, title: String)
        case correct(module: String, title: String)
        /// The optional screenings not yet recorded, in a menu of their own.
        case others
        case decide, issueCertificate, exportCertificate, close, back
    }

    /// The case page's menu for `user`.
    static func caseActions(_ c: CaseOverview, user: ClinicUser) -> [CaseAction] {
        var actions: [CaseAction] = c.modules.filter { $0.status != "optional" }.map { .record(module: $0.id, title: $0.title) }
        if c.modules.contains(where: { $0.status == "optional" }) { actions.append(.others) }
        actions += c.modules.filter { $0.status == "final" || $0.status == "results pending" }
            .map { .correct(module: $0.id, title: $0.title) }
        if user.roles.contains(.medicalOfficer) {
            actions.append(.decide)
            actions.append(.issueCertificate)
            if c.certified { actions.append(.exportCertificate) }
        }
        if c.status != "closed", c.status != "cancelled" { actions.append(.close) }
        return actions + [.back]
    }

    func label(_ a: CaseAction) -> String {
        switch a {
        case .record(_, let title): t("case.record", ["module": title])
        case .correct(_, let title): t("case.correct", ["module": title])
        case .decide: t("case.decide")
        case .issueCertificate: t("case.issue")
        case .exportCertificate: t("case.export")
        case .close: t("case.close")
        case .others: t("case.others")
        case .back: t("common.back")
        }
    }

    /// The case page: its modules, the proposal, the decision and certificates, then the
    /// actions. False when input ended.
    func casePage(_ user: ClinicUser, caseID: String) -> Bool {
        var selected = 0
        while true {
            let c: CaseOverview
            do { c = try frontEnd.caseSummary(caseID: caseID) } catch { return show(t("common.case"), ["\(error)"], error: true) }
            var header = ["\(c.programme) · \(c.status)"]
            header += c.modules.filter { $0.status != "optional" }
                .map { "\($0.title): \($0.statusText)\($0.resultCodes.isEmpty ? "" : " (" + $0.resultCodes.joined(separator: ", ") + ")")" }
            header += c.notes
            header += c.decision
            let actions = Self.caseActions(c, user: user)
            var page = menu(t("case.title", ["name": c.personName, "id": c.caseID]), actions.map { label($0) }, header: header)
            page.selected = min(selected, actions.count - 1)
            switch run(page) {
            case .endOfInput: return false
            case .cancelled: return true
            case .done(let i):
                selected = i
                let context = ["person": c.personName, "case": c.caseID]
                switch actions[i] {
                case .back: return true
                case .others:
                    let optional = c.modules.filter { $0.status == "optional" }
                    switch run(menu(t("case.others"), optional.map { t("case.record", ["module": $0.title]) } + [t("common.back")])) {
                    case .endOfInput: return false
                    case .done(let j) where j < optional.count:
                        if !recordModule(user, caseID: caseID, module: optional[j].id, context: context) { return false }
                    default: break
                    }
                case .record(let module, _):
                    if !recordModule(user, caseID: caseID, module: module, context: context) { return false }
                case .correct(let module, _):
                    if !correctModule(user, caseID: caseID, module: module) { return false }
                case .decide:
                    if !decide(user, caseID: caseID) { return false }
                case .issueCertificate:
                    if !issueCertificate(user, caseID: caseID) { return false }
                case .exportCertificate:
                    if !exportCertificate(user, caseID: caseID) { return false }
                case .close:
                    if !closeCase(user, caseID: caseID) { return false }
                }
            }
        }
    }

    /// How filling a small form ended.
    enum SmallFormEnd { case done(String), cancelled, endOfInput }

    /// Fills `form` until `submit` accepts its answers (its refusals, or its error, are shown
    /// on the review page and the user goes back to fix them).
    func fillForm(_ form: FormSpec, user: ClinicUser, rules: FormEvaluator? = nil, answers: Answers = Answers(),
                  attachImage: ImageAttacher? = nil,
                  submit: (FormSubmission) throws -> RecordOutcome) -> SmallFormEnd {
        let rules = rules ?? FormEvaluator(form: form, context: ModuleContext(today: today))
        var session = FormSession(form: form, rules: rules, roles: user.roles, today: today, language: language, answers: answers)
        if let attachImage { session.attachImage = attachImage }
        while true {
            var screen = FormScreen(session: session)
            let outcome = runForm(&screen)
            session = screen.session
            switch outcome {
            case .endOfInput: return .endOfInput
            case .cancelled, .done(.discarded): return .cancelled
            case .done(.saved):
                guard let submission = session.submission else { return .cancelled }
                do {
                    switch try submit(submission) {
                    case .saved(let message): return .done(message)
                    case .rejected(let issues): session.showRejection(issues)
                    case .needsSupersede(let message): session.showRejection([ValidationIssue(field: "(save)", message: message)])
                    }
                } catch let r as RejectedAnswers {
                    session.showRejection(r.issues)
                } catch {
                    session.showRejection([ValidationIssue(field: "(save)", message: "\(error)")])
                }
            }
        }
    }

    /// Shows how a small form ended; false when input ended.
    private func finish(_ end: SmallFormEnd, title: String) -> Bool {
        switch end {
        case .endOfInput: return false
        case .cancelled: return true
        case .done(let message): return show(title, [message])
        }
    }

    private func decide(_ user: ClinicUser, caseID: String) -> Bool {
        let end = fillForm(OfficerForms.decision, user: user) { s in
            guard let raw = s.answers["decision"]?.string, let d = FitnessDecision(rawValue: raw) else {
                return .rejected([ValidationIssue(field: "decision", message: t("decision.choose"))])
            }
            return .saved(message: try frontEnd.decide(caseID: caseID, decision: d, conditions: s.answers["conditions"]?.string,
                                                       reason: s.answers["reason"]?.string))
        }
        return finish(end, title: t("decision.title"))
    }

    private func issueCertificate(_ user: ClinicUser, caseID: String) -> Bool {
        var issued: String?
        let end = fillForm(OfficerForms.certificate, user: user) { s in
            let r = try frontEnd.issueCertificate(caseID: caseID, noPhotoReason: s.answers["no_photo_reason"]?.string)
            issued = r.id
            return .saved(message: r.message)
        }
        guard case .done(let message) = end, issued != nil else { return finish(end, title: t("certificate.issued")) }
        return show(t("certificate.issued"), [message, "", t("certificate.export_hint")])
    }

    private func exportCertificate(_ user: ClinicUser, caseID: String) -> Bool {
        let suggested = Answers(["path": .text("certificate-case-\(caseID).pdf")])
        let end = fillForm(OfficerForms.export, user: user, answers: suggested) { s in
            .saved(message: try frontEnd.exportCertificate(caseID: caseID, to: s.answers["path"]?.string ?? ""))
        }
        return finish(end, title: t("certificate.exported"))
    }

    private func closeCase(_ user: ClinicUser, caseID: String) -> Bool {
        let form = OfficerForms.reason(title: LocalizedText(["en": "Close case \(caseID)", "fr": "Clore le dossier \(caseID)", "es": "Cerrar el caso \(caseID)"]))
        let end = fillForm(form, user: user) { s in
            .saved(message: try frontEnd.closeCase(caseID: caseID, reason: s.answers["reason"]?.string ?? ""))
        }
        return finish(end, title: t("case.closed"))
    }

    /// Corrects the current encounter of `module`: its form filled with the saved answers,
    /// then the reason; only the answers changed are sent. False when input ended.
    private func correctModule(_ user: ClinicUser, caseID: String, module: String) -> Bool {
        let current: (form: RecordingForm, answers: Answers)
        do { current = try frontEnd.currentAnswers(caseID: caseID, module: module) } catch {
            return show(t("correct.title"), ["\(error)"], error: true)
        }
        let reasonForm = OfficerForms.reason(title: LocalizedText(["en": "Why the answers change", "fr": "Pourquoi les réponses changent",
                                                                     "es": "Por qué cambian las respuestas"]))
        // What this user sees of the saved answers: a field restricted to other roles is
        // neither shown nor sent back as cleared.
        let original = current.form.form.visibleAnswers(current.answers, to: user.roles)
        let end = fillForm(current.form.form, user: user, rules: current.form.rules, answers: original,
                           attachImage: { [frontEnd] path in try frontEnd.attachImage(path: path) }) { s in
            guard s.answers != original else {
                return .rejected([ValidationIssue(field: "(correction)", message: t("correct.nothing"))])
            }
            var reason: String?
            switch fillForm(reasonForm, user: user, submit: { r in reason = r.answers["reason"]?.string; return .saved(message: "") }) {
            case .done: break
            case .cancelled, .endOfInput:
                return .rejected([ValidationIssue(field: "(correction)", message: t("correct.needs_reason"))])
            }
            return try frontEnd.correct(caseID: caseID, module: module, submission: s, original: original, reason: reason ?? "")
        }
        return finish(end, title: t("correct.title"))
    }
}
