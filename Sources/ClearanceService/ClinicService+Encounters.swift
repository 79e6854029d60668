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
            let manifest = host.registry.module(e.moduleId)?.manifest
            let canRead = manifest?.canRead(session.roles) ?? true
            let hidden = (manifest?.confidential ?? false) && !canRead
            let form = try recordedForm(db, e)
            var answers: Answers? = nil
            var history: [[String: Any]] = []
            if canRead {
                let all = try EncounterStore.answers(db, encounterID: id)
                // Fields restricted to other roles (HIV status on the TB form) are not shown.
                if let form {
                    answers = Answers(all.values.filter { visible(FieldPath(field: $0.key), form: form, session: session) })
                } else {
                    answers = all
                }
                if includeHistory {
                    for o in try EncounterStore.observations(db, encounterID: id, includeVoided: true) where o.voidedAt != nil {
                        history.append(["path": o.path, "value": (try? o.observationValue.value(path: o.path).display) ?? "?", "voided_at": o.voidedAt ?? "",
                                        "voided_by": o.voidedBy ?? "", "reason": o.voidReason ?? ""])
                    }
                }
            }
            let d = try e.derivation()
            let summary = EncounterSummary(id: id, module: e.moduleId, moduleVersion: e.moduleVersion, formVersion: e.formVersion,
                                           status: e.status.rawValue, recordedBy: e.recordedBy, recordedAt: e.recordedAt,
                                           resultCodes: hidden ? [] : d.resultCodes, pending: e.pending, hidden: hidden, current: true)
            let v = EncounterView(summary: summary, caseID: e.caseId, formHash: e.formHash, answers: answers,
                                  derived: hidden ? [:] : d.values, history: history, form: form)
            return (v, (manifest?.confidential ?? false) && canRead)
        }
        if confidentialRead {
            try write { db in try audit(db, session, "view-confidential", "encounter", id, ["module": view.summary.module]) }
        }
        return view
    }

    /// The form an encounter was recorded with, from the stored form versions.
    func recordedForm(_ db: Database, _ e: EncounterRecord) throws -> FormSpec? {
        if let m = host.registry.module(e.moduleId), m.form.hash == e.formHash { return m.form }
        guard let stored = try FormVersionStore.fetch(db, hash: e.formHash) else { return nil }
        return try? FormLoader.load(yaml: stored.definition, origin: "form \(e.moduleId) v\(e.formVersion) (stored)").form
    }

    /// Corrects answers: changed observations are voided (never overwritten) and the new ones
    /// point to them, with the editor and the reason; the module re-derives its results.
    ///
    /// - Parameter changes: field path to a JSON value, or `nil` to clear the answer. An image
    ///   field takes an attachment id or, as in ``record(module:caseID:json:final:by:)``, the
    ///   path of a PNG file, checked first and attached in the same transaction as the edit.
    public func correct(encounterID: Int64, changes: [String: Any?], reason: String, by session: Session) throws -> RecordOutcome {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw ServiceError.invalid(field: "reason", "say why the answers change") }
        // Image files named in the changes are read and checked before the transaction.
        var changes = changes
        var images = ImageAnswerFiles.none
        if let moduleID = try read({ db in try EncounterStore.fetch(db, id: encounterID)?.moduleId }),
           let form = host.registry.module(moduleID)?.form {
            let given = changes.compactMapValues { $0 }
            let (replaced, files) = try imageFiles(in: given, form: form, module: moduleID, session: session)
            for (key, value) in replaced { changes[key] = .some(value) }
            images = files
        }
        return try write { db in
            guard let e = try EncounterStore.fetch(db, id: encounterID) else { throw ServiceError.notFound("no encounter \(encounterID)") }
            let module = try host.module(e.moduleId)
            guard module.manifest.canRecord(session.roles) else {
                throw ServiceError.forbidden("\(session.username) (\(session.roleList)) may not edit \(e.moduleId) encounters")
            }
            guard module.form.hash == e.formHash else {
                throw ServiceError.conflict("encounter \(encounterID) was recorded with form version \(e.formVersion), which is no longer the installed form; record a new encounter instead")
            }
            let state = try caseState(db, e.caseId)
            guard state.record.status.acceptsRecordings else { throw Self.caseStateRefusal(e.caseId, state.record.status) }
            var json = try EncounterStore.answers(db, encounterID: encounterID).jsonObject
            for (key, value) in changes {
                guard FieldPath(key).flatMap({ module.form.field(at: $0) }) != nil else {
                    throw ServiceError.invalid(field: key, "the \(e.moduleId) form has no field '\(key)'")
                }
                guard !key.contains(".") else { throw ServiceError.invalid(field: key, "correct a whole repeat group by giving its top-level field as JSON") }
                json[key] = value ?? nil
            }
            let answers = try module.form.decodeAnswers(json)
            let restricted = restrictedAnswers(Answers(answers.values.filter { changes.keys.contains($0.key) }), form: module.form, session: session)
            guard restricted.isEmpty else { throw ServiceError.invalid(restricted) }
            let context = try moduleContext(db, module: e.moduleId, state: state, excluding: encounterID)
            let final = e.status == .final
            let (normalized, issues) = check(module: module, answers: answers, context: context, final: final, session: session)
            guard issues.isEmpty else { throw ServiceError.invalid(issues) }
            // New image files are stored here and tied to this encounter; ids are checked.
            let (stored, imageIDs) = try storeImageAnswers(db, normalized, files: images, state: state, session: session)
            try linkImageAnswers(db, imageIDs, to: encounterID)
            try ObservationStore.applyEdit(db, encounterID: encounterID, answers: stored, by: session.username, reason: why, at: clock.now)
            let derivation = final ? module.derive(stored, context: context) : Derivation()
            var updated = e
            try updated.setDerivation(derivation)
            try updated.update(db)
            var detail: [String: Any] = ["fields": changes.keys.sorted(), "reason": why]
            if !module.manifest.confidential { detail["result_codes"] = derivation.resultCodes }
            try audit(db, session, "edit", "encounter", encounterID, detail)
            try refreshStatus(db, e.caseId)
            return RecordOutcome(encounterID: encounterID, caseID: e.caseId, module: e.moduleId, status: e.status.rawValue,
                                 resultCodes: derivation.resultCodes, derived: derivation.values, pending: derivation.pending,
                                 confidential: module.manifest.confidential)
        }
    }
}
