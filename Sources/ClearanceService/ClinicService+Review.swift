import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Everything about a case: each module's results, what the programme still needs, what
    /// needs attention, and the proposed fitness with its reasons.
    ///
    /// Results of confidential modules (HIV) are shown only to users who may read them, and
    /// each such view is audited; others see that the module is done, and the proposal without
    /// the confidential code.
    public func caseSummary(_ caseID: Int64, by session: Session) throws -> CaseSummary {
        try session.require(.findPersons)
        var sawConfidential = false
        let summary: CaseSummary = try read { db in
            let state = try caseState(db, caseID)
            let latest = state.latestFinal
            var encounters: [EncounterSummary] = []
            var hiddenModules: Set<String> = []
            for e in state.encounters {
                let hidden = !mayRead(module: e.moduleId, session.roles)
                if hidden { hiddenModules.insert(e.moduleId) } else if isConfidential(module: e.moduleId) { sawConfidential = true }
                let d = try? e.derivation()
                encounters.append(EncounterSummary(id: e.id ?? 0, module: e.moduleId, moduleVersion: e.moduleVersion,
                                                   formVersion: e.formVersion, status: e.status.rawValue, recordedBy: e.recordedBy,
                                                   recordedAt: e.recordedAt, resultCodes: hidden || d == nil ? [] : try visibleCodes(db, e, session.roles, known: state),
                                                   pending: e.pending, hidden: hidden, current: latest[e.moduleId]?.id == e.id))
            }
            let (required, missing) = requirements(state)
            var attention: [ValidationIssue] = []
            for (m, e) in latest.sorted(by: { $0.key < $1.key }) where !hiddenModules.contains(m) {
                guard let module = host.registry.module(m), e.formHash == module.form.hash else { continue }
                let context = try moduleContext(db, module: m, state: state, excluding: e.id, session: session)
                let answers = try EncounterStore.answers(db, encounterID: e.id ?? 0)
                // The recording rule on the stored answers (none of them newly submitted).
                let roles = session.roles
                let issues = module.check(answers, submitted: Answers(), context: context, final: true,
                                          visible: { module.form.isVisible($0, to: roles) }).issues
                attention += issues.map { ValidationIssue(path: FieldPath([.init(name: m)] + $0.path.components), message: $0.message) }
            }
            var proposal = proposal(state)
            if !attention.isEmpty {
                // Recorded answers no longer satisfy the rules given the rest of the case: not decidable yet.
                for a in attention {
                    proposal.reasons.append(.init(rule: "needs-attention", code: a.path.components.first?.name, decision: .pending,
                                                  message: "\(a.path): \(a.message)"))
                }
                if proposal.decision.severity < FitnessDecision.pending.severity { proposal.decision = .pending; proposal.conditions = [] }
            }
            proposal = try visibleProposal(db, proposal, state, session.roles)
            let pv = view(state.person)
            return CaseSummary(caseInfo: view(state.record), person: pv, programmeTitle: state.pack?.title.en ?? state.record.programme,
                               encounters: encounters, required: required, missing: missing, attention: attention,
                               proposal: proposal, decision: try visibleLatestDecision(db, state, session.roles))
        }
        if sawConfidential {
            try write { db in try audit(db, session, "view-confidential", "case", caseID, ["what": "confidential result codes in case summary"]) }
        }
        return summary
    }

    /// Open cases (open, results pending, ready for review), oldest first, with what each still
    /// needs: ``caseList(_:by:)`` without filters.
    public func worklist(limit: Int = 100, by session: Session) throws -> [WorklistItem] {
        try caseList(CaseListQuery(limit: limit), by: session)
    }

    /// The medical officer's latest decision on a case, when recorded, with `stale` and
    /// `stale_because`, as `roles` may see it (``visibleDecision(_:_:_:_:)``).
    func visibleLatestDecision(_ db: Database, _ state: CaseState, _ roles: Set<Role>) throws -> DecisionView? {
        try DecisionStore.latest(db, caseID: state.record.id ?? 0).map { try visibleDecision(db, currentView(db, state, $0), state, roles) }
    }
}
