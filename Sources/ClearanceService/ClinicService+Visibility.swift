import ClearanceCore
import Foundation
import ClearanceStore
import GRDB

/// The one owner of "who may read what a module recorded". A role that may not read a module
/// sees nothing derived from it: answers, result codes, derived values, or the rule names,
/// codes, reasons and conditions of a proposal those codes produced; only that something
/// exists and that "the reason is for the medical officer".
extension ClinicService {
    /// What a role that may not read a module sees in place of a reason derived from it.
    static let withheldReason = "the reason is for the medical officer"
    /// What stands for a result code derived from something the reader may not read.
    static let withheldCode = "withheld (for the medical officer)"

    /// Whether `roles` may read what module `moduleID` recorded.
    ///
    /// A module with read roles is read by those roles only; a confidential module without
    /// read roles by medical officers and counsellors. A module that is not installed fails
    /// closed: its confidentiality cannot be known, so only the medical officer reads it.
    func mayRead(module moduleID: String, _ roles: Set<Role>) -> Bool {
        guard let manifest = host.registry.module(moduleID)?.manifest else { return roles.contains(.medicalOfficer) }
        if manifest.readRoles == nil && manifest.confidential {
            return !roles.isDisjoint(with: [.medicalOfficer, .counsellor])
        }
        return manifest.canRead(roles)
    }

    /// Whether reads of a module are confidential (audited); an unknown module counts as one.
    func isConfidential(module moduleID: String) -> Bool {
        host.registry.module(moduleID)?.manifest.confidential ?? true
    }

    /// Whether result codes of a module may be written where any signed-in user reads them
    /// (audit details): only for modules everyone may read.
    func codesArePublic(module moduleID: String) -> Bool {
        guard let manifest = host.registry.module(moduleID)?.manifest else { return false }
        return !manifest.confidential && manifest.readRoles == nil
    }

    /// Modules of a case that `roles` may not read (installed or not).
    func unreadableModules(_ state: CaseState, _ roles: Set<Role>) -> Set<String> {
        Set(state.encounters.map(\.moduleId).filter { !mayRead(module: $0, roles) })
    }

    /// The proposal as `roles` may see it: each reason triggered by a code of a module they may
    /// not read (recorded in the case, or declared by the module) keeps only its decision; its
    /// rule name, code and message are replaced by one reason reading ``withheldReason``, the
    /// conditions such a rule adds are withheld too, and a proposed decision only a withheld
    /// reason reaches (UNFIT when HIV is the only result) reads PENDING.
    ///
    /// A code of a module they may read that was derived from something they may not read
    /// (see ``visibleDerivation(_:_:_:_:known:)``) is withheld the same way.
    func visibleProposal(_ db: Database, _ proposal: FitnessProposal, _ state: CaseState, _ roles: Set<Role>) throws -> FitnessProposal {
        let hidden = unreadableModules(state, roles)
        var hiddenCodes = Set(state.encounters.filter { hidden.contains($0.moduleId) }
            .flatMap { (try? $0.derivation().resultCodes) ?? [] })
        for e in state.latestFinal.values where !hidden.contains(e.moduleId) {
            let stored = (try? e.derivation().resultCodes) ?? []
            let seen = Set(try visibleCodes(db, e, roles, known: state))
            hiddenCodes.formUnion(stored.filter { !seen.contains($0) })
        }
        guard !hidden.isEmpty || !hiddenCodes.isEmpty else { return proposal }
        for m in hidden { hiddenCodes.formUnion(host.registry.module(m)?.manifest.resultCodes.map(\.code) ?? []) }
        var out = proposal
        var withheldConditions: Set<String> = []
        out.reasons = proposal.reasons.map { r in
            let fromHidden = (r.code.map { hiddenCodes.contains($0) || hidden.contains($0) } ?? false)
                || (r.code.map { c in hidden.contains { c.hasPrefix($0.uppercased() + "-") } } ?? false)
            guard fromHidden else { return r }
            if let c = state.pack?.outcomes.first(where: { $0.name == r.rule })?.conditions { withheldConditions.insert(c) }
            return .init(rule: "withheld", code: nil, decision: r.decision, message: Self.withheldReason)
        }
        // The proposed decision itself would tell when only a withheld reason reaches it (UNFIT
        // in a case where HIV is the only result): the reader sees it pending the medical officer.
        let withheld = out.reasons.filter { $0.rule == "withheld" }
        let visibleTop = out.reasons.filter { $0.rule != "withheld" }.map(\.decision.severity).max() ?? 0
        if withheld.contains(where: { $0.decision.severity > visibleTop }) || !withheldConditions.isEmpty {
            out.decision = .pending
            out.conditions = []
        }
        // Withheld reasons say only that there is one, never which decision it proposes.
        out.reasons = out.reasons.filter { $0.rule != "withheld" }
        if !withheld.isEmpty {
            out.reasons.append(.init(rule: "withheld", code: nil, decision: .pending, message: Self.withheldReason))
        }
        return out
    }

    /// What encounter `e` derived, as `roles` may see it. The encounter is derived again
    /// without what they may not read (the results of such modules in the case, the answers
    /// of fields restricted to other roles); a derived value that then differs
    /// (`sputum_required: yes` made so by `HIV-POS`, no symptom) reads "required by the medical
    /// officer" (or "set by the medical officer"). Result codes are
    /// kept as derived (not yet withheld: `TB-B1-PULM` may follow from HIV). When the
    /// encounter cannot be derived again (its form is no longer installed) and something is
    /// unreadable, every value and code is withheld.
    /// - Parameter known: the encounter's case, when the caller has it loaded.
    func visibleDerivation(_ db: Database, _ e: EncounterRecord, _ d: Derivation, _ roles: Set<Role>,
                           known: CaseState? = nil) throws -> Derivation {
        let state = try known ?? caseState(db, e.caseId)
        let hidden = unreadableModules(state, roles).subtracting([e.moduleId])
        let module = host.registry.module(e.moduleId)
        var restricted = false
        if let m = module, m.form.hasRestrictedFields {
            restricted = m.form.hasUnreadableAnswers(try EncounterStore.answers(db, encounterID: e.id ?? 0), by: roles)
        }
        guard !hidden.isEmpty || restricted else { return d }
        let withheld: (Value) -> Value = { v in
            v == .bool(true) || v == .choice("yes") ? .text("required by the medical officer") : .text("set by the medical officer")
        }
        guard let module, module.form.hash == e.formHash else {
            return Derivation(resultCodes: d.resultCodes.map { _ in Self.withheldCode }, values: d.values.mapValues(withheld), pending: d.pending)
        }
        var without = state
        without.encounters = state.encounters.filter { !hidden.contains($0.moduleId) }
        let context = try moduleContext(db, module: e.moduleId, state: without, excluding: e.id)
        let answers = module.form.readableAnswers(try EncounterStore.answers(db, encounterID: e.id ?? 0), by: roles)
        let seen = module.derive(answers, context: context)
        var out = d
        for (k, v) in d.values where seen.values[k] != v { out.values[k] = withheld(v) }
        // A code that the encounter would not have without what the reader may not read
        // (TB-B1-PULM, TB-PENDING made so by HIV with no symptom) reads as one withheld code.
        let unseen = d.resultCodes.filter { !seen.resultCodes.contains($0) }
        if !unseen.isEmpty {
            out.resultCodes = d.resultCodes.filter { seen.resultCodes.contains($0) } + [Self.withheldCode]
        }
        return out
    }

    /// The answers of encounter `e` that `roles` may read back: the fields' read roles of the
    /// form it was recorded with and of the installed form alike (a field made readable by
    /// fewer roles in a later version is read by those fewer in the old encounters too).
    func readableAnswers(_ answers: Answers, of e: EncounterRecord, recordedWith form: FormSpec?, _ roles: Set<Role>) -> Answers {
        var out = form?.readableAnswers(answers, by: roles) ?? answers
        if let installed = host.registry.module(e.moduleId)?.form, installed.hash != form?.hash {
            out = installed.readableAnswers(out, by: roles)
        }
        return out
    }

    /// Whether `roles` may read back the stored answer at `path` of encounter `e` (see
    /// ``readableAnswers(_:of:recordedWith:_:)``).
    func isReadable(_ path: FieldPath, of e: EncounterRecord, recordedWith form: FormSpec?, _ roles: Set<Role>) -> Bool {
        (form?.isReadable(path, by: roles) ?? true)
            && (host.registry.module(e.moduleId)?.form.isReadable(path, by: roles) ?? true)
    }

    /// Whether the case holds anything `roles` may not read: an encounter of a module they may
    /// not read, or a stored answer to a field whose read roles exclude them. Depends only on
    /// what was recorded, never on the values (HIV status is always answered), so it tells nothing.
    func caseHasUnreadable(_ db: Database, _ state: CaseState, _ roles: Set<Role>) throws -> Bool {
        if !unreadableModules(state, roles).isEmpty { return true }
        for e in state.encounters {
            guard let form = try recordedForm(db, e) ?? host.registry.module(e.moduleId)?.form else { return true }
            let installed = host.registry.module(e.moduleId)?.form
            guard form.hasRestrictedFields || installed?.hasRestrictedFields == true else { continue }
            let answers = try EncounterStore.answers(db, encounterID: e.id ?? 0)
            if answers.flattened().contains(where: { !isReadable($0.0, of: e, recordedWith: form, roles) }) { return true }
        }
        return false
    }

    /// A recorded decision as `roles` may see it. Its free-text reason is the medical
    /// officer's (and counsellor's) only: it may name anything. When the case holds something
    /// the reader may not read (``caseHasUnreadable(_:_:_:)``), the outcome, the proposal it
    /// was made on and its conditions could carry it too: the reader sees only that the case is
    /// decided (`DECIDED`, "the reason is for the medical officer"), and whether it is stale.
    func visibleDecision(_ db: Database, _ v: DecisionView, _ state: CaseState, _ roles: Set<Role>) throws -> DecisionView {
        guard !roles.contains(.medicalOfficer) else { return v }
        var out = v
        if roles.isDisjoint(with: [.counsellor]) { out.reason = nil; out.reasonWithheld = v.reason != nil }
        if try caseHasUnreadable(db, state, roles) {
            out.withheld = true
            out.conditions = nil
            out.reason = nil
            out.reasonWithheld = true
        }
        return out
    }

    /// Result codes of encounter `e` as `roles` may see them (see ``visibleDerivation(_:_:_:_:)``).
    func visibleCodes(_ db: Database, _ e: EncounterRecord, _ roles: Set<Role>, known: CaseState? = nil) throws -> [String] {
        guard let d = try? e.derivation() else { return [] }
        return try visibleDerivation(db, e, d, roles, known: known).resultCodes
    }
}
