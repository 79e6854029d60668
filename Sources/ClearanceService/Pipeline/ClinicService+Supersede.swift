import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// Recording a module that a case already holds, and a form answered in two parts by two roles.
///
/// - **Never a silent replace.** A final encounter of a module the case already has a final
///   encounter of is refused (conflict, exit 7) unless the recorder says why it replaces it
///   (`record MODULE --case ID --supersede --reason R`, `"supersede": "R"` on an import line).
///   The old encounter stays, with its answers, in the case's history (`case show` lists it,
///   no longer current); the new one's audit entry names it and the reason
///   (`"supersedes": 12, "reason": "..."`). A draft never replaces anything.
/// - **One encounter, two recorders.** When a form's required fields are split by role
///   (`roles:` and `awaited: true` on the X-ray reading fields: radiologists and medical officers), a recorder who
///   may not answer them (the radiographer) saves the rest: the encounter is kept as a draft
///   *awaiting* those fields, and nothing is derived from it (the proposal stays PENDING, never
///   FIT by omission). The next recorder who may answer them (the radiologist) records the
///   module on the case as usual, giving only their own fields: the pipeline completes that
///   same encounter (the stored answers stand, the new ones are added under the new
///   recorder's name, every check runs on the whole), makes it final and audits it as
///   `complete`. Giving again a stored answer with another value is refused: correct it with
///   `encounter correct`.
extension ClinicService {
    /// The id of the case's current final encounter of `module`, which a new final recording
    /// would replace (and so needs a reason), or nil. For front ends that ask the reason first.
    /// - Throws: ``ServiceError``: forbidden (may not view cases), not found.
    public func finalEncounter(caseID: Int64, module: String, by session: Session) throws -> Int64? {
        try session.require(.findPersons)
        return try read { db in try caseState(db, caseID).latestFinal[module]?.id }
    }

    /// The final encounter of `module` that a new final recording would replace, checked
    /// against the recorder's `supersede` reason.
    /// - Returns: the encounter replaced (nil: nothing to replace, or a draft).
    /// - Throws: ``ServiceError/conflict(_:)`` when there is one and no reason was given.
    func replacedEncounter(_ state: CaseState, module: String, final: Bool, supersede: String?) throws -> EncounterRecord? {
        guard final, let current = state.latestFinal[module] else { return nil }
        guard let reason = supersede?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            let caseID = state.record.id ?? 0, id = current.id ?? 0
            throw ServiceError.conflict(
                "case \(caseID) already has \(module) recorded (encounter \(id), final, by \(current.recordedBy) at \(current.recordedAt.prefix(16))); "
                + "to replace it, record again with --supersede --reason R (the old encounter is kept in the history), "
                + "or correct it with `clearance encounter correct \(id) --set FIELD=VALUE --reason R`")
        }
        return current
    }

    /// Required `awaited` fields of `form` that `answers` leave unanswered although relevant,
    /// and that a user holding `roles` may not answer (`roles:` of other roles): what another
    /// recorder still has to give before the encounter can be final. Top-level fields, in form order.
    func awaitingFields(_ module: any ScreeningModule, _ answers: Answers, context: ModuleContext, roles: Set<Role>) -> [Field] {
        let form = module.form
        guard form.fields.contains(where: \.awaited) else { return [] }
        let all = FormEvaluator(form: form, context: context).evaluation(of: answers, roles: nil)
        return form.fields.filter { f in
            let path = FieldPath(field: f.name)
            return f.awaited && f.isInput && !form.isVisible(path, to: roles) && all.isRequired(path) && all.value(at: path) == nil
        }
    }

    /// The case's latest draft of `module` that awaits fields its recorder could not answer and
    /// `session` may: the encounter a final recording by `session` completes. Nil when none.
    func awaitingEncounter(_ db: Database, _ state: CaseState, _ module: any ScreeningModule, context: ModuleContext,
                           session: Session) throws -> (EncounterRecord, Answers)? {
        guard module.form.fields.contains(where: \.awaited) else { return nil }
        let id = module.manifest.id
        guard let draft = state.encounters.filter({ $0.moduleId == id && $0.status == .draft }).max(by: { ($0.id ?? 0) < ($1.id ?? 0) }),
              draft.formHash == module.form.hash,
              let recorder = try users.fetch(db, username: draft.recordedBy) else { return nil }
        // Only a draft newer than the case's final encounter of the module completes.
        if let final = state.latestFinal[id], (final.id ?? 0) > (draft.id ?? 0) { return nil }
        let stored = try EncounterStore.answers(db, encounterID: draft.id ?? 0)
        let waiting = awaitingFields(module, stored, context: context, roles: recorder.roleSet)
        guard !waiting.isEmpty,
              waiting.allSatisfy({ module.form.isVisible(FieldPath(field: $0.name), to: session.roles) }) else { return nil }
        return (draft, stored)
    }

    /// Completes an awaiting draft with `prepared` (the second recorder's answers): the stored
    /// answers stand, the new ones are added, the whole is checked as a final recording, and
    /// the encounter becomes final, in the caller's transaction.
    /// - Throws: ``ServiceError`` invalid (a stored answer given again with another value, or
    ///   any issue of the whole), conflict (a final encounter exists and no `supersede` reason).
    func complete(_ db: Database, _ draft: EncounterRecord, stored: Answers, _ prepared: PreparedAnswers, state: CaseState,
                  supersede: String?, session: Session) throws -> (RecordOutcome, EncounterRecord) {
        let id = draft.id ?? 0
        let replaced = try replacedEncounter(state, module: draft.moduleId, final: true, supersede: supersede)
        var clashes: [ValidationIssue] = []
        var merged = stored
        for (name, value) in prepared.answers.values {
            if let was = stored[name] {
                if was != value {
                    clashes.append(ValidationIssue(field: name,
                        message: "already recorded in encounter \(id) by \(draft.recordedBy) as \(was.display); leave it out to keep it, or correct it with `clearance encounter correct \(id) --set \(name)=... --reason R`"))
                }
            } else {
                merged[name] = value
            }
        }
        guard clashes.isEmpty else { throw ServiceError.invalid(clashes) }
        var whole = prepared
        whole.answers = merged
        let context = try moduleContext(db, module: draft.moduleId, state: state, excluding: id, session: session)
        let checked = try checkAnswers(db, whole, state: state, context: context, final: true, session: session)
        try linkImageAnswers(db, checked.imageIDs, to: id)
        let edit = try ObservationStore.applyEdit(db, encounterID: id, answers: checked.answers, by: session.username,
                                                  reason: "completed by \(session.username)", at: clock.now)
        var updated = draft
        updated.status = .final
        try updated.setDerivation(checked.derivation)
        try EncounterStore.update(db, updated)
        var detail: [String: Any] = ["case": state.record.id ?? 0, "module": draft.moduleId, "status": "final",
                                     "fields": edit.added.sorted(), "recorded_by": draft.recordedBy]
        if codesArePublic(module: draft.moduleId) { detail["result_codes"] = checked.derivation.resultCodes }
        if let replaced, let reason = supersede { detail["supersedes"] = replaced.id ?? 0; detail["reason"] = reason }
        try audit(db, session, "complete", "encounter", id, detail)
        let seen = try visibleDerivation(db, updated, checked.derivation, session.roles)
        var outcome = RecordOutcome(encounterID: id, caseID: state.record.id ?? 0, module: draft.moduleId, status: "final",
                                    resultCodes: seen.resultCodes, derived: seen.values,
                                    pending: checked.derivation.pending, confidential: prepared.module.manifest.confidential)
        outcome.ignored = prepared.ignored
        outcome.hidden = !mayRead(module: draft.moduleId, session.roles)
        outcome.completes = draft.recordedBy
        outcome.supersedes = replaced?.id
        return (outcome, updated)
    }
}

extension ClinicService {
    /// The stored answers of the encounter of `module` in case `caseID` that another role
    /// started and `session` completes (``awaitingEncounter(_:_:_:context:session:)``), for a
    /// front end to start its form from; nil when there is none.
    ///
    /// ```swift
    /// let start = try service.awaitingAnswers(module: moduleID, caseID: 3, by: radiologist) ?? Answers()
    /// ```
    public func awaitingAnswers(module id: String, caseID: Int64, by session: Session) throws -> Answers? {
        let module = try host.module(id)
        guard module.form.fields.contains(where: \.awaited) else { return nil }
        return try read { db in
            let state = try caseState(db, caseID)
            let context = try moduleContext(db, module: id, state: state, session: session)
            return try awaitingEncounter(db, state, module, context: context, session: session)?.1
        }
    }
}
