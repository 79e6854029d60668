import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Records a module from a JSON answers document (see `docs/FORMS.md`).
    /// Image fields may give the path of a PNG file instead of an attachment id: the file is
    /// checked first and attached in the same transaction as the encounter.
    /// - Throws: ``AnswerDecodingError`` for values of the wrong shape, ``ServiceError`` otherwise.
    public func record(module id: String, caseID: Int64, json given: [String: Any], final: Bool = true, by session: Session) throws -> RecordOutcome {
        let module = try host.module(id)
        // Image files named in the answers: read and checked here, stored with the encounter
        // below (see ClinicService+AttachmentFields.swift).
        let (json, images) = try imageFiles(in: given, form: module.form, module: id, session: session)
        let answers: Answers
        do { answers = try module.form.decodeAnswers(json) } catch let e as AnswerDecodingError {
            // List every problem at once: the shape errors, and the rules broken by the rest.
            let bad = Set(e.issues.compactMap { $0.path.components.first?.name })
            let rest = (try? module.form.decodeAnswers(json.filter { !bad.contains($0.key) })) ?? Answers()
            var issues = e.issues
            if let more = try? preview(module: id, caseID: caseID, answers: rest, final: final, by: session) {
                issues += more.filter { issue in !issues.contains { $0.path == issue.path } && !bad.contains(issue.path.components.first?.name ?? "") }
            }
            throw ServiceError.invalid(issues.sorted { $0.path < $1.path })
        }
        return try record(module: id, caseID: caseID, answers: answers, final: final, images: images, by: session)
    }

    /// The issues saving `answers` would meet, without saving anything.
    public func preview(module id: String, caseID: Int64, answers: Answers, final: Bool = true, by session: Session) throws -> [ValidationIssue] {
        let module = try host.module(id)
        let restricted = restrictedAnswers(answers, form: module.form, session: session)
        return try read { db in
            let state = try caseState(db, caseID)
            let context = try moduleContext(db, module: id, state: state)
            return restricted + check(module: module, answers: answers, context: context, final: final, session: session).1
        }
    }

    /// The one save path: privilege check, form rules, module validation, derivation, then the
    /// encounter, its observations and the audit entry in one transaction.
    ///
    /// - Parameters:
    ///   - final: false saves a draft: only answers given are checked, nothing is derived.
    /// - Throws: ``ServiceError/invalid(_:)`` listing every invalid answer (nothing saved),
    ///   forbidden, not found, or conflict for a closed or certified case.
    public func record(module id: String, caseID: Int64, answers: Answers, final: Bool = true, by session: Session) throws -> RecordOutcome {
        try record(module: id, caseID: caseID, answers: answers, final: final, images: .none, by: session)
    }

    /// The save path, with the image files named in JSON answers (placeholders in `answers`).
    func record(module id: String, caseID: Int64, answers given: Answers, final: Bool, images: ImageAnswerFiles, by session: Session) throws -> RecordOutcome {
        let module = try host.module(id)
        let manifest = module.manifest
        try session.requireRecord(manifest)
        // Answers to fields restricted to other roles (HIV status for a clerk) are not accepted:
        // they are dropped, never stored, and reported back as ignored.
        let (answers, restricted) = droppingRestricted(given, form: module.form, session: session)

        return try write { db in
            let state = try caseState(db, caseID)
            guard state.record.status.acceptsRecordings else { throw Self.caseStateRefusal(caseID, state.record.status) }
            let context = try moduleContext(db, module: id, state: state)
            let (checked, issues) = check(module: module, answers: answers, context: context, final: final, session: session)
            guard issues.isEmpty else { throw ServiceError.invalid(issues) }
            // Image answers: files are stored and attachment ids checked here, then tied to the
            // new encounter (ClinicService+AttachmentFields.swift).
            let (normalized, imageIDs) = try storeImageAnswers(db, checked, files: images, state: state, session: session)
            let derivation = final ? module.derive(normalized, context: context) : Derivation()

            _ = try FormVersionStore.register(db, form: module.form, moduleVersion: manifest.version.description, at: clock.now)
            var encounter = try EncounterRecord(caseId: caseID, moduleId: id, moduleVersion: manifest.version.description,
                                                formVersion: module.form.version, formHash: module.form.hash,
                                                status: final ? .final : .draft, recordedBy: session.username,
                                                recordedAt: timestamp, derivation: derivation)
            let encounterID = try EncounterStore.insert(db, &encounter, answers: normalized)
            try linkImageAnswers(db, imageIDs, to: encounterID)
            // Confidential modules' result codes stay out of the audit log.
            try audit(db, session, "create", "encounter", encounterID,
                      json: AuditDetailJSON.encounterCreated(caseID: caseID, module: id, status: final ? "final" : "draft",
                                                            resultCodes: manifest.confidential ? nil : derivation.resultCodes, imported: false))
            var known = state
            known.encounters.append(encounter)
            try refreshStatus(db, caseID, known: known)
            var outcome = RecordOutcome(encounterID: encounterID, caseID: caseID, module: id, status: final ? "final" : "draft",
                                        resultCodes: derivation.resultCodes, derived: derivation.values, pending: derivation.pending,
                                        confidential: manifest.confidential)
            outcome.ignored = restricted
            outcome.warnings = try validityWarnings(db, state: known, encounter: encounter)
            return outcome
        }
    }

    /// Runs the form's rules and (for final answers) the module's own validation.
    /// Returns the normalised answers (calculations done, non-relevant answers dropped) and
    /// every issue. Issues on fields the user may not see are left out: the user cannot act on them.
    func check(module: any ScreeningModule, answers: Answers, context: ModuleContext, final: Bool, session: Session)
        -> (Answers, [ValidationIssue]) {
        let evaluator = FormEvaluator(form: module.form, context: context)
        let normalized = evaluator.normalized(answers)
        var issues = evaluator.validate(normalized: normalized).filter { visible($0.path, form: module.form, session: session) }
        if !final {
            issues = issues.filter { normalized.value(at: $0.path) != nil }
        } else if issues.isEmpty {
            issues = module.validate(normalized, context: context)
        }
        return (normalized, issues)
    }

    /// The answers without those to fields restricted to other roles, and what was dropped.
    func droppingRestricted(_ given: Answers, form: FormSpec, session: Session) -> (Answers, [ValidationIssue]) {
        let restricted = restrictedAnswers(given, form: form, session: session)
        var answers = given
        for issue in restricted { answers.setValue(nil, at: issue.path) }
        return (answers, restricted)
    }

    /// Answers to fields whose `roles` exclude the user (each never stored).
    func restrictedAnswers(_ answers: Answers, form: FormSpec, session: Session) -> [ValidationIssue] {
        guard form.hasRestrictedFields else { return [] }
        return answers.flattened().compactMap { path, _ in
            guard !visible(path, form: form, session: session) else { return nil }
            let roles = restrictingRoles(path, form: form) ?? []
            return ValidationIssue(path: path, message: "\(session.username) (\(session.roleList)) may not answer this field; it is restricted to \(roles.map(\.rawValue).sorted().joined(separator: ", "))")
        }
    }

    /// Whether every field along `path` is open to the user.
    func visible(_ path: FieldPath, form: FormSpec, session: Session) -> Bool {
        guard let roles = restrictingRoles(path, form: form) else { return true }
        return session.hasAny(roles)
    }

    private func restrictingRoles(_ path: FieldPath, form: FormSpec) -> Set<Role>? {
        var prefix: [FieldPath.Component] = []
        for c in path.components {
            prefix.append(FieldPath.Component(name: c.name))
            if let f = form.field(at: FieldPath(prefix)), let roles = f.roles { return roles }
        }
        return nil
    }
}
