import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// An encounter with its answers, shown with the form it was recorded with. Confidential
    /// answers are returned only to users who may read them, and the read is audited.
    public func encounter(_ id: Int64, includeHistory: Bool = false, by session: Session) throws -> EncounterView {
        try session.require(.findPersons)
        let (view, confidentialRead): (EncounterView, Bool) = try read { db in
            guard let e = try EncounterStore.fetch(db, id: id) else { throw ServiceError.notFound("no encounter \(id)") }
            return try encounterView(db, e, includeHistory: includeHistory, session: session)
        }
        if confidentialRead {
            try write { db in try audit(db, session, "view-confidential", "encounter", id, ["module": view.summary.module]) }
        }
        return view
    }

    /// An encounter as `session` may see it: the one place role visibility is applied to
    /// answers (the module's read roles, then each field's roles), used by ``encounter(_:includeHistory:by:)``
    /// and by the exports. Returns whether confidential answers were read, for the caller to audit.
    func encounterView(_ db: Database, _ e: EncounterRecord, includeHistory: Bool = false, session: Session) throws -> (EncounterView, Bool) {
        let id = e.id ?? 0
        let canRead = mayRead(module: e.moduleId, session.roles)
        let hidden = !canRead
        let form = try recordedForm(db, e)
        var answers: Answers? = nil
        var history: [VoidedAnswerView] = []
        if canRead {
            let all = try EncounterStore.answers(db, encounterID: id)
            // Fields others may read back (HIV status on the TB form: counsellors and medical
            // officers, not the nurse who answered it) are not shown, nor their voided values.
            answers = readableAnswers(all, of: e, recordedWith: form, session.roles)
            if includeHistory {
                for o in try EncounterStore.observations(db, encounterID: id, includeVoided: true) where o.voidedAt != nil {
                    guard let path = FieldPath(o.path), isReadable(path, of: e, recordedWith: form, session.roles) else { continue }
                    history.append(VoidedAnswerView(path: o.path, value: (try? o.observationValue.value(path: o.path).display) ?? "?",
                                                    voidedAt: o.voidedAt ?? "", voidedBy: o.voidedBy ?? "", reason: o.voidReason ?? ""))
                }
            }
        }
        let d = try e.derivation()
        let seen = hidden ? d : try visibleDerivation(db, e, d, session.roles)
        let summary = EncounterSummary(id: id, module: e.moduleId, moduleVersion: e.moduleVersion, formVersion: e.formVersion,
                                       status: e.status.rawValue, recordedBy: e.recordedBy, recordedAt: e.recordedAt,
                                       resultCodes: hidden ? [] : seen.resultCodes, pending: e.pending, hidden: hidden, current: true)
        let v = EncounterView(summary: summary, caseID: e.caseId, formHash: e.formHash, answers: answers,
                              derived: hidden ? [:] : seen.values,
                              history: history, form: form)
        return (v, isConfidential(module: e.moduleId) && canRead)
    }

    /// The module as it was when `e` was recorded: the installed one when its form is the same
    /// version, else the installed module with the stored form of that version
    /// (``ScreeningModule/withForm(_:)``: a declarative module takes that file's rules too).
    /// - Throws: ``ServiceError`` not found (module not installed), conflict (the stored form
    ///   version is missing or no longer loads).
    func recordedModule(_ e: EncounterRecord) throws -> any ScreeningModule {
        let installed = try host.module(e.moduleId)
        guard installed.form.hash != e.formHash else { return installed }
        let stored = try read { db in try FormVersionStore.fetch(db, hash: e.formHash) }
        guard let stored, let file = try? FormLoader.load(yaml: stored.definition, origin: "form \(e.moduleId) v\(e.formVersion) (stored)") else {
            throw ServiceError.conflict("encounter \(e.id ?? 0) was recorded with form version \(e.formVersion) of \(e.moduleId), which is not stored in this database or no longer loads; record a new encounter instead")
        }
        return installed.withForm(file)
    }

    /// The form an encounter was recorded with, from the stored form versions.
    func recordedForm(_ db: Database, _ e: EncounterRecord) throws -> FormSpec? {
        if let m = host.registry.module(e.moduleId), m.form.hash == e.formHash { return m.form }
        guard let stored = try FormVersionStore.fetch(db, hash: e.formHash) else { return nil }
        return try? FormLoader.load(yaml: stored.definition, origin: "form \(e.moduleId) v\(e.formVersion) (stored)").form
    }

    /// Corrects answers through the recording pipeline (``ClinicService+Pipeline.swift``):
    /// changed observations are voided (never overwritten) and the new ones point to them, with
    /// the editor and the reason; the module re-derives its results.
    ///
    /// - Parameter changes: top-level field name to a JSON value, or `nil` to clear the answer.
    ///   An image field takes an attachment id or, as in ``record(module:caseID:json:final:by:)``,
    ///   the path of a PNG file, checked first and attached in the same transaction as the edit.
    ///   Changes to fields restricted to other roles are ignored and reported back.
    /// - Throws: ``ServiceError``: invalid listing every issue, as `record` lists them (nothing
    ///   changed), forbidden, not found, conflict (closed case, or a form no longer installed).
    public func correct(encounterID: Int64, changes given: [String: Any?], reason: String, by session: Session) throws -> RecordOutcome {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServiceError.invalid(field: "reason", "say why the answers change") }
        let (e, stored) = try read { db -> (EncounterRecord, Answers) in
            guard let e = try EncounterStore.fetch(db, id: encounterID) else { throw ServiceError.notFound("no encounter \(encounterID)") }
            return (e, try EncounterStore.answers(db, encounterID: encounterID))
        }
        // Corrected against the form it was recorded with: its own fields and rules.
        let module = try recordedModule(e)
        try session.requireRecord(module.manifest)
        // The changes must name top-level fields of the form; every bad name is listed.
        var problems: [ValidationIssue] = []
        var changes = given
        for key in given.keys.sorted() {
            if key.contains(".") || key.contains("[") {
                problems.append(ValidationIssue(field: key, message: "correct a whole repeat group by giving its top-level field as JSON"))
                changes[key] = nil
            } else if module.form.field(at: FieldPath(field: key)) == nil {
                problems.append(ValidationIssue(field: key, message: "the \(e.moduleId) form has no field '\(key)'"))
                changes[key] = nil
            }
        }
        guard problems.isEmpty else { throw ServiceError.invalid(problems) }
        var json = stored.jsonObject
        for (key, value) in changes { json[key] = value ?? nil }
        let prepared = try prepareAnswers(module: e.moduleId, input: .json(json), submitted: Set(changes.keys), recorded: module, session: session)
        // A restricted change is ignored: the stored answer stays.
        var kept = prepared
        for issue in prepared.ignored { kept.answers.setValue(stored.value(at: issue.path), at: issue.path) }
        let submitted = Answers(kept.answers.values.filter { changes.keys.contains($0.key) && !prepared.ignored.map(\.path.components.first?.name).contains($0.key) })
        return try write { db in
            guard let current = try EncounterStore.fetch(db, id: encounterID), current.formHash == e.formHash else {
                throw ServiceError.conflict("encounter \(encounterID) changed while the correction was prepared; try again")
            }
            let state = try caseState(db, e.caseId)
            let context = try moduleContext(db, module: e.moduleId, state: state, excluding: encounterID, session: session)
            let final = e.status == .final
            let checked = try checkAnswers(db, kept, state: state, context: context, final: final, submitted: submitted, session: session)
            try linkImageAnswers(db, checked.imageIDs, to: encounterID)
            try ObservationStore.applyEdit(db, encounterID: encounterID, answers: checked.answers, by: session.username, reason: why, at: clock.now)
            var updated = current
            try updated.setDerivation(checked.derivation)
            try EncounterStore.update(db, updated)
            var detail: [String: Any] = ["fields": changes.keys.sorted(), "reason": why]
            if codesArePublic(module: e.moduleId) { detail["result_codes"] = checked.derivation.resultCodes }
            try audit(db, session, "edit", "encounter", encounterID, detail)
            try refreshStatus(db, e.caseId)
            // What the recorder may see of it (no trace of results they may not read).
            let seen = try visibleDerivation(db, updated, checked.derivation, session.roles)
            var outcome = RecordOutcome(encounterID: encounterID, caseID: e.caseId, module: e.moduleId, status: e.status.rawValue,
                                        resultCodes: seen.resultCodes,
                                        derived: seen.values,
                                        pending: checked.derivation.pending, confidential: module.manifest.confidential)
            outcome.ignored = prepared.ignored
            outcome.hidden = !mayRead(module: e.moduleId, session.roles)
            return outcome
        }
    }
}
