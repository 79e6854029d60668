import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Records a module from a JSON answers document (see `docs/FORMS.md`).
    /// Image fields may give the path of a PNG file instead of an attachment id: the file is
    /// checked first and attached in the same transaction as the encounter.
    /// - Throws: ``ServiceError``: invalid listing every problem (shape, rules, module
    ///   validation, images; nothing saved), forbidden, not found, conflict for a closed case.
    /// - Parameter supersede: why this recording replaces the case's final encounter of the
    ///   module, when it has one (``replacedEncounter(_:module:final:supersede:)``).
    public func record(module id: String, caseID: Int64, json: [String: Any], final: Bool = true, supersede: String? = nil,
                       by session: Session) throws -> RecordOutcome {
        try record(module: id, caseID: caseID, input: .json(json), final: final, supersede: supersede, by: session)
    }

    /// Records a module from typed answers (the terminal forms): the same pipeline as JSON
    /// answers (``ClinicService+Pipeline.swift``).
    ///
    /// - Parameters:
    ///   - final: false saves a draft: only answers given are checked, nothing is derived.
    /// - Throws: ``ServiceError/invalid(_:)`` listing every invalid answer (nothing saved),
    ///   forbidden, not found, or conflict for a closed or certified case.
    public func record(module id: String, caseID: Int64, answers: Answers, final: Bool = true, supersede: String? = nil,
                       by session: Session) throws -> RecordOutcome {
        try record(module: id, caseID: caseID, input: .answers(answers), final: final, supersede: supersede, by: session)
    }

    /// The issues saving `answers` would meet, without saving anything.
    public func preview(module id: String, caseID: Int64, answers: Answers, final: Bool = true, by session: Session) throws -> [ValidationIssue] {
        let prepared = try prepareAnswers(module: id, input: .answers(answers), session: session)
        return try read { db in
            let state = try caseState(db, caseID)
            try requireOpen(state)
            let context = try moduleContext(db, module: id, state: state, session: session)
            return try prepared.ignored + answerIssues(db, prepared, state: state, context: context, final: final, session: session).issues
        }
    }

    /// A new encounter through the pipeline: prepared, checked, then the encounter, its
    /// observations, its attachments and the audit entry in one transaction. A module the
    /// case already holds needs `supersede`; a form split by role is saved awaiting the other
    /// role's fields, and completed by them (``ClinicService+Supersede.swift``).
    public func record(module id: String, caseID: Int64, input: AnswerInput, final: Bool = true, supersede: String? = nil,
                       by session: Session) throws -> RecordOutcome {
        let prepared = try prepareAnswers(module: id, input: input, session: session)
        return try write { db in
            let state = try caseState(db, caseID)
            try requireOpen(state)
            let context = try moduleContext(db, module: id, state: state, session: session)
            var known = state
            var (outcome, encounter) = try recordChecked(db, prepared, state: state, context: context, final: final,
                                                         supersede: supersede, imported: false, session: session)
            known.encounters.removeAll { $0.id == encounter.id }
            known.encounters.append(encounter)
            try refreshStatus(db, caseID, known: known)
            outcome.warnings = try validityWarnings(db, state: known, encounter: encounter)
            return outcome
        }
    }

    /// Steps 2 and 3 for one recording in the caller's transaction, shared by `record` and
    /// `import`: completes an awaiting encounter, or checks the replacement rule and stores a
    /// new encounter (final, or a draft awaiting fields only other roles may answer).
    func recordChecked(_ db: Database, _ prepared: PreparedAnswers, state: CaseState, context: ModuleContext, final: Bool,
                       supersede: String?, imported: Bool, registerForm: Bool = true, session: Session) throws -> (RecordOutcome, EncounterRecord) {
        if final, let (draft, stored) = try awaitingEncounter(db, state, prepared.module, context: context, session: session) {
            return try complete(db, draft, stored: stored, prepared, state: state, supersede: supersede, session: session)
        }
        let waiting = final ? awaitingFields(prepared.module, prepared.answers, context: context, roles: session.roles) : []
        // Invalid answers are reported first (exit 6, every field), then the case's state.
        var checked = try checkAnswers(db, prepared, state: state, context: context, final: final, session: session)
        let replaced = try replacedEncounter(state, module: prepared.module.manifest.id, final: final, supersede: supersede)
        guard waiting.isEmpty else {
            // Nothing is derived from half a form: it waits, as a draft, for the other role.
            checked.derivation = Derivation()
            var (outcome, encounter) = try storeEncounter(db, checked, prepared: prepared, state: state, final: false, imported: imported,
                                                          registerForm: registerForm, session: session)
            outcome.awaiting = waiting.map(\.name)
            outcome.awaitingRoles = Array(Set(waiting.flatMap { ($0.roles ?? []).map(\.rawValue) })).sorted()
            return (outcome, encounter)
        }
        var (outcome, encounter) = try storeEncounter(db, checked, prepared: prepared, state: state, final: final, imported: imported,
                                                      registerForm: registerForm,
                                                      supersedes: replaced.map { ($0.id ?? 0, supersede ?? "") }, session: session)
        outcome.supersedes = replaced?.id
        return (outcome, encounter)
    }

    /// Step 3 of the pipeline for a new encounter: the form version, the encounter with its
    /// observations, its attachments tied to it, and the audit entry, in the caller's transaction.
    func storeEncounter(_ db: Database, _ checked: CheckedAnswers, prepared: PreparedAnswers, state: CaseState, final: Bool,
                        imported: Bool, registerForm: Bool = true, supersedes: (id: Int64, reason: String)? = nil,
                        session: Session) throws -> (RecordOutcome, EncounterRecord) {
        let module = prepared.module, manifest = module.manifest
        let caseID = state.record.id ?? 0
        if registerForm {
            _ = try FormVersionStore.register(db, form: module.form, moduleVersion: manifest.version.description, at: clock.now)
        }
        var encounter = try EncounterRecord(caseId: caseID, moduleId: manifest.id, moduleVersion: manifest.version.description,
                                            formVersion: module.form.version, formHash: module.form.hash,
                                            status: final ? .final : .draft, recordedBy: session.username,
                                            recordedAt: timestamp, derivation: checked.derivation)
        let encounterID = try EncounterStore.insert(db, &encounter, answers: checked.answers)
        try linkImageAnswers(db, checked.imageIDs, to: encounterID)
        // Confidential modules' result codes stay out of the audit log.
        try audit(db, session, "create", "encounter", encounterID,
                  json: AuditDetailJSON.encounterCreated(caseID: caseID, module: manifest.id, status: final ? "final" : "draft",
                                                        resultCodes: codesArePublic(module: manifest.id) ? checked.derivation.resultCodes : nil,
                                                        imported: imported, supersedes: supersedes))
        // What the recorder may see of it (no trace of results they may not read).
        let seen = try visibleDerivation(db, encounter, checked.derivation, session.roles)
        var outcome = RecordOutcome(encounterID: encounterID, caseID: caseID, module: manifest.id, status: final ? "final" : "draft",
                                    resultCodes: seen.resultCodes,
                                    derived: seen.values,
                                    pending: checked.derivation.pending, confidential: manifest.confidential)
        outcome.ignored = prepared.ignored
        outcome.hidden = !mayRead(module: manifest.id, session.roles)
        return (outcome, encounter)
    }
}
