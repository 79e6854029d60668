import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// Answers as a front end hands them to the recording pipeline.
public enum AnswerInput: @unchecked Sendable {
    /// Typed answers (the full-screen form and the line prompts). Image fields hold attachment ids.
    case answers(Answers)
    /// A JSON object of field names to values (`record --answers`, an import line, a
    /// correction). Image fields may hold the path of a PNG file. (A JSON object from
    /// `JSONSerialization` is never mutated, hence the unchecked `Sendable`.)
    case json([String: Any])
}

/// Answers prepared for a write, before its transaction: decoded, image files read, answers to
/// fields the user may not see dropped, and every problem found so far.
struct PreparedAnswers {
    var module: any ScreeningModule
    /// The decoded answers (placeholders for image files, restricted answers dropped).
    var answers: Answers
    /// Shape and file problems, found before the transaction.
    var issues: [ValidationIssue]
    /// Top-level names whose values did not decode: rule issues on them are not repeated.
    var undecoded: Set<String>
    /// Answers to fields restricted to other roles: dropped, never stored, reported back.
    var ignored: [ValidationIssue]
    var images: ImageAnswerFiles
}

/// What the checks inside the transaction produced for answers that passed them.
struct CheckedAnswers {
    /// The answers to store: normalised, image ids real.
    var answers: Answers
    var derivation: Derivation
    /// Attachments to tie to the encounter.
    var imageIDs: [Int64]
}

/// The recording pipeline: the one path every write of answers takes (`record` with JSON,
/// the full-screen form and the line prompts, `import`, `encounter correct`, and drafts).
///
/// 1. ``prepareAnswers(module:input:submitted:session:)``, before the transaction: the privilege
///    to record the module, the answers decoded with every shape problem, PNG files read and
///    checked, answers to fields the user's roles may not see dropped (``FormSpec/restrictedAnswers(in:for:)``).
/// 2. ``checkAnswers(_:_:state:context:final:submitted:session:)``, inside it: the case open to
///    changes (``requireOpen(_:)``, one rule and one message), the form's rules and the module's
///    `validate` (``ScreeningModule/check(_:submitted:context:final:visible:)``), image answers
///    (exists, this case's person, a kind the module takes): every issue in one list, then the
///    files stored and the results derived.
/// 3. The caller stores the encounter (new or corrected) and its audit entry in the same transaction.
extension ClinicService {
    /// Step 1 of the pipeline, outside the transaction.
    ///
    /// - Parameters:
    ///   - submitted: the top-level names the user gave (a correction's changes); restricted
    ///     answers are looked for among these only. Nil: all of them.
    /// - Throws: ``ServiceError`` not found (module), forbidden (may not record it, or image
    ///   files without ``Privilege/attachImages``). Invalid answers are returned as issues.
    ///   - recorded: the module as it was when the encounter being corrected was recorded (its
    ///     own form version, ``recordedModule(_:)``); nil: the installed module.
    func prepareAnswers(module id: String, input: AnswerInput, submitted: Set<String>? = nil, recorded: (any ScreeningModule)? = nil,
                        session: Session) throws -> PreparedAnswers {
        let module = try recorded ?? host.module(id)
        try session.requireRecord(module.manifest)
        var prepared = PreparedAnswers(module: module, answers: Answers(), issues: [], undecoded: [], ignored: [], images: .none)
        switch input {
        case .answers(let answers):
            prepared.answers = answers
        case .json(let given):
            let (json, images, fileIssues) = try imageFiles(in: given, module: module, session: session)
            prepared.images = images
            prepared.issues = fileIssues
            prepared.undecoded = Set(fileIssues.compactMap { $0.path.components.first?.name })
            do { prepared.answers = try module.form.decodeAnswers(json) } catch let e as AnswerDecodingError {
                // Every problem at once: the shape errors now, the rules broken by the rest later.
                prepared.issues += e.issues
                prepared.undecoded.formUnion(e.issues.compactMap { $0.path.components.first?.name })
                let bad = prepared.undecoded
                prepared.answers = (try? module.form.decodeAnswers(json.filter { !bad.contains($0.key) })) ?? Answers()
            }
        }
        // Answers to fields restricted to other roles (HIV status for a clerk) are not accepted:
        // dropped, never stored, and reported back as ignored.
        for r in module.form.restrictedAnswers(in: prepared.answers, for: session.roles)
        where submitted.map({ $0.contains(r.path.components.first?.name ?? "") }) ?? true {
            prepared.answers.setValue(nil, at: r.path)
            prepared.ignored.append(restrictedIssue(r, session: session))
        }
        return prepared
    }

    /// The issue reporting an answer to a field restricted to other roles.
    func restrictedIssue(_ r: RestrictedAnswer, session: Session) -> ValidationIssue {
        ValidationIssue(path: r.path, message: "\(session.username) (\(session.roleList)) may not answer this field; it is restricted to \(r.allowedRoles.map(\.rawValue).sorted().joined(separator: ", "))")
    }

    /// Step 2 of the pipeline, inside the write transaction: every check, then image files
    /// stored and results derived. Nothing is written when any check fails.
    ///
    /// - Parameters:
    ///   - final: false for a draft: only answers given are checked, nothing is derived.
    ///   - submitted: the part of the answers the user gave (a correction); nil: all.
    /// - Throws: ``ServiceError`` conflict for a case closed to changes, invalid listing every issue.
    func checkAnswers(_ db: Database, _ prepared: PreparedAnswers, state: CaseState, context: ModuleContext, final: Bool,
                      submitted: Answers? = nil, session: Session) throws -> CheckedAnswers {
        try requireOpen(state)
        let (normalized, issues) = try answerIssues(db, prepared, state: state, context: context, final: final,
                                                    submitted: submitted, session: session)
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        let (stored, imageIDs) = try storeImageAnswers(db, normalized, files: prepared.images, state: state, session: session)
        let derivation = final ? prepared.module.derive(stored, context: context) : Derivation()
        return CheckedAnswers(answers: stored, derivation: derivation, imageIDs: imageIDs)
    }

    /// Every issue of prepared answers, in one list: shape and file problems, the form's rules
    /// and the module's validation (on fields the user may see), and image answers; with the
    /// normalised answers they were found in.
    func answerIssues(_ db: Database, _ prepared: PreparedAnswers, state: CaseState, context: ModuleContext, final: Bool,
                      submitted: Answers? = nil, session: Session) throws -> (answers: Answers, issues: [ValidationIssue]) {
        let checked = ruleCheck(prepared, context: context, final: final, submitted: submitted, session: session)
        var issues = prepared.issues
        for issue in checked.issues where !prepared.undecoded.contains(issue.path.components.first?.name ?? "")
            && !issues.contains(where: { $0.path == issue.path }) {
            issues.append(issue)
        }
        for issue in try imageIssues(db, checked.answers, files: prepared.images, module: prepared.module, state: state, session: session)
        where !issues.contains(where: { $0.path == issue.path }) {
            issues.append(issue)
        }
        return (checked.answers, prepared.issues.isEmpty ? issues : issues.sorted { $0.path < $1.path })
    }

    /// The form's rules and the module's validation, through the core's one recording rule.
    private func ruleCheck(_ prepared: PreparedAnswers, context: ModuleContext, final: Bool, submitted: Answers?,
                           session: Session) -> FormCheck {
        let form = prepared.module.form, roles = session.roles
        return prepared.module.check(prepared.answers, submitted: submitted, context: context, final: final,
                                     visible: { form.isVisible($0, to: roles) })
    }

    /// The one rule for a case's state: a closed or certified case takes no more answers,
    /// corrections or attachments, and says so with one message.
    /// - Throws: ``ServiceError`` conflict.
    func requireOpen(_ state: CaseState) throws {
        guard state.record.status.acceptsRecordings else { throw Self.caseStateRefusal(state.record.id ?? 0, state.record.status) }
    }

    /// The message for a case closed to changes (``requireOpen(_:)``; import lines too):
    /// the one wording of ``caseStateRefusal(_:_:)``.
    static func closedCaseMessage(_ caseID: Int64, _ status: CaseStatus) -> String {
        caseStateRefusal(caseID, status).description
    }
}
