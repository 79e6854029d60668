import ClearanceCore
import ClearanceService
import ClearanceTerminal
import Foundation

/// The medical officer's part of the recorder over ``ClinicService``: the same service calls
/// as `case decide`, `certificate issue`, `certificate export`, `case close` and
/// `encounter correct`, so the same privileges and checks apply.
extension ServiceFrontEnd {
    /// The decision and certificates of a case as lines for its page.
    static func decisionLines(_ decision: DecisionView?, certificates: [CertificateView], language: String) -> [String] {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { HostText.text(key, language, arguments) }
        var lines: [String] = []
        if let d = decision {
            let label = d.withheld ? DecisionView.decidedLabel : d.decision.label
            lines.append(t("case.decision", ["decision": label, "user": d.decidedBy, "at": String(d.decidedAt.prefix(16))]))
            if let c = d.shownConditions { lines.append("  " + t("case.conditions", ["text": c])) }
            if let r = d.shownReason { lines.append("  " + t("case.reason", ["text": r])) }
            if d.stale == true { lines.append("  " + t("case.stale", ["why": d.staleBecause ?? "?"])) }
        } else {
            lines.append(t("case.no_decision"))
        }
        for c in certificates {
            lines.append(t("case.certificate", ["id": c.id, "outcome": c.outcome, "from": c.issueDate, "to": c.expiryDate, "status": c.status]))
        }
        return lines
    }

    /// Runs a service call, its refusal of answers (issues by field) as ``RejectedAnswers``.
    func rejecting<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ServiceError where !e.issues.isEmpty { throw RejectedAnswers(e.issues) }
    }

    func decide(caseID: String, decision: FitnessDecision, conditions: String?, reason: String?) throws -> String {
        try rejecting { try service.decide(caseID: try ServiceFrontEnd.number(caseID, "case"), decision: decision, conditions: conditions,
                           reason: reason, by: requireSession()).text }
    }

    func issueCertificate(caseID: String, noPhotoReason: String?) throws -> (id: String, message: String) {
        let cert = try rejecting {
            try service.issueCertificate(caseID: try ServiceFrontEnd.number(caseID, "case"), keyDirectory: keyDirectory,
                                         noPhotoReason: noPhotoReason, language: language, by: requireSession())
        }
        return (cert.id, cert.text)
    }

    func exportCertificate(caseID: String, to path: String) throws -> String {
        let session = try requireSession()
        let id = try ServiceFrontEnd.number(caseID, "case")
        guard let current = try service.certificates(caseID: id, by: session).last(where: { $0.status == "current" }) else {
            throw ServiceError.conflict("case \(caseID) has no current certificate; issue one first")
        }
        let (cert, pdf) = try service.exportCertificate(current.id, by: session)
        let url = URL(fileURLWithPath: path)
        try ReportFile.checkWritable(path, force: false)
        do { try pdf.write(to: url) } catch {
            throw TerminalError(message: "\(path): cannot be written (\(error.localizedDescription)); choose a writable folder")
        }
        return "Wrote certificate \(cert.id) (\(cert.status)) to \(path), \(pdf.count) bytes."
    }

    func closeCase(caseID: String, reason: String) throws -> String {
        let c = try rejecting { try service.closeCase(try ServiceFrontEnd.number(caseID, "case"), reason: reason, by: requireSession()) }
        return "Case \(c.id) is \(c.status)."
    }

    /// The case's current (final) encounter of `module`.
    func currentEncounter(caseID: Int64, module: String) throws -> Int64 {
        let s = try service.caseSummary(caseID, by: requireSession())
        guard let e = s.encounters.last(where: { $0.module == module && $0.current }) else {
            throw ServiceError.notFound("case \(caseID) has no saved \(module) encounter to correct; record it instead")
        }
        return e.id
    }

    func currentAnswers(caseID: String, module: String) throws -> (form: RecordingForm, answers: Answers) {
        let id = try ServiceFrontEnd.number(caseID, "case")
        let view = try service.encounter(try currentEncounter(caseID: id, module: module), by: requireSession())
        let rf = try recordingForm(caseID: caseID, module: module)
        let form = view.form ?? rf.form
        return (RecordingForm(form: form, rules: FormEvaluator(form: form, context: rf.rules.context)), view.answers ?? Answers())
    }

    func correct(caseID: String, module: String, submission: FormSubmission, original: Answers, reason: String) throws -> ClearanceTerminal.RecordOutcome {
        let id = try ServiceFrontEnd.number(caseID, "case")
        // The answers the user changed (calculated fields are the module's to work out again).
        let form = try service.host.module(module).form
        var changes: [String: Any?] = [:]
        for name in Set(submission.answers.names + original.names) where submission.answers[name] != original[name] {
            if form.field(at: FieldPath(field: name))?.calculate != nil { continue }
            changes[name] = .some(submission.answers[name]?.jsonObject)
        }
        guard !changes.isEmpty else { throw TerminalError(message: "nothing changed; change an answer, or Esc to leave the form") }
        do {
            let outcome = try service.correct(encounterID: try currentEncounter(caseID: id, module: module), changes: changes,
                                              reason: reason, by: requireSession())
            return .saved(message: outcome.text)
        } catch let e as ServiceError where !e.issues.isEmpty {
            return .rejected(e.issues)
        }
    }
}
