import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Records a medical officer's fitness decision on a case.
    ///
    /// The rule pack proposes; the officer decides. The proposal at the time is stored with the
    /// decision, with the evidence it was made on (``DecisionEvidence``: a later recording,
    /// correction or attachment makes the decision stale), and a decision that differs from
    /// the proposal needs a reason. Decisions are appended,
    /// never changed: the latest one counts.
    ///
    /// ```swift
    /// let d = try service.decide(caseID: 7, decision: .fitWithConditions,
    ///                            conditions: "Review at destination within 30 days", reason: nil, by: mo)
    /// ```
    /// - Parameters:
    ///   - caseID: The case.
    ///   - decision: FIT, FIT-WITH-CONDITIONS, UNFIT or PENDING.
    ///   - conditions: Conditions or follow-up; required for FIT-WITH-CONDITIONS, refused for FIT.
    ///   - reason: Why; required when the decision differs from the proposal.
    ///   - session: A medical officer.
    /// - Returns: The recorded decision.
    /// - Throws: ``ServiceError``: forbidden (not a medical officer), not found, invalid
    ///   (missing conditions or reason), conflict (required modules missing or results pending:
    ///   only PENDING may be recorded then).
    public func decide(caseID: Int64, decision: FitnessDecision, conditions: String? = nil, reason: String? = nil,
                       by session: Session) throws -> DecisionView {
        try session.require(.decideFitness)
        let conditions = Self.cleaned(conditions), reason = Self.cleaned(reason)
        return try write { db in
            let state = try caseState(db, caseID)
            guard !state.record.status.hasEnded else { throw Self.caseStateRefusal(caseID, state.record.status) }
            let proposal = proposal(state)
            if decision != .pending {
                let missing = requirements(state).missing
                let pending = state.latestFinal.filter { $0.value.pending }.keys.sorted()
                var blockers: [String] = []
                if !missing.isEmpty { blockers.append("required modules not recorded: \(missing.joined(separator: ", "))") }
                if !pending.isEmpty { blockers.append("results pending: \(pending.joined(separator: ", "))") }
                guard blockers.isEmpty else {
                    throw ServiceError.conflict("case \(caseID) cannot be decided \(decision.label) yet (\(blockers.joined(separator: "; "))); record them first, or decide PENDING")
                }
            }
            var issues: [ValidationIssue] = []
            switch decision {
            case .fitWithConditions where conditions == nil:
                let hint = proposal.conditions.isEmpty ? "" : " (the rule pack suggests: \(proposal.conditions.joined(separator: "; ")))"
                issues.append(ValidationIssue(field: "conditions", message: "FIT-WITH-CONDITIONS needs the conditions to print: pass --conditions TEXT\(hint)"))
            case .fit where conditions != nil:
                issues.append(ValidationIssue(field: "conditions", message: "a FIT decision takes no conditions; decide FIT-WITH-CONDITIONS instead"))
            default: break
            }
            if let conditions, let problem = CertificateConditions.problem(conditions) {
                issues.append(ValidationIssue(field: "conditions", message: problem))
            }
            let differs = decision != proposal.decision
            if differs && reason == nil {
                issues.append(ValidationIssue(field: "reason", message: "the rule pack proposes \(proposal.decision.label); a different decision needs a reason: pass --reason TEXT"))
            }
            guard issues.isEmpty else { throw ServiceError.invalid(issues) }
            let lastEncounter = state.latestFinal.values.compactMap(\.id).max()
            let evidence = try decisionEvidence(db, state, proposal: proposal)
            var record = DecisionRecord(caseId: caseID, proposed: proposal.decision.rawValue, decision: decision.rawValue,
                                        differs: differs, conditions: conditions, reason: reason, lastEncounterId: lastEncounter,
                                        decidedBy: session.username, decidedAt: timestamp,
                                        evidence: evidence.text, evidenceSha256: evidence.sha256)
            let id = try DecisionStore.insert(db, &record)
            try audit(db, session, "decide", "case", caseID,
                      ["decision_id": id, "decision": decision.rawValue, "proposed": proposal.decision.rawValue, "differs": differs,
                       "evidence_sha256": evidence.sha256], wrote: [AuditSubject(.decision, id)])
            var v = view(record)
            v.stale = false
            return v
        }
    }

    /// The latest decision on a case, or nil when none is recorded; ``DecisionView/stale`` says
    /// whether the case changed since (``decisionStaleness(_:_:_:)``).
    public func latestDecision(caseID: Int64, by session: Session) throws -> DecisionView? {
        try session.require(.findPersons)
        return try read { db in
            let state = try caseState(db, caseID)
            return try DecisionStore.latest(db, caseID: caseID).map { try visibleDecision(db, currentView(db, state, $0), state, session.roles) }
        }
    }

    // MARK: - Helpers

    func view(_ r: DecisionRecord) -> DecisionView {
        DecisionView(id: r.id ?? 0, caseID: r.caseId, proposed: FitnessDecision(rawValue: r.proposed) ?? .pending,
                     decision: FitnessDecision(rawValue: r.decision) ?? .pending, differs: r.differs,
                     conditions: r.conditions, reason: r.reason, decidedBy: r.decidedBy, decidedAt: r.decidedAt)
    }

    /// Trimmed text, nil when empty.
    static func cleaned(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    /// Why `text` cannot be printed on a certificate (result codes, HIV mentions, control
    /// characters, length: ``CertificateConditions/problem(_:)``), or nil.
    static func certificateTextProblem(_ text: String) -> String? {
        CertificateConditions.problem(text)
    }
}
