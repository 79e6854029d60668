import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// One case as an export sees it: only what the signed-in user may read, redacted by the
/// service's own role-checked reads (``ClinicService/encounterView(_:_:includeHistory:session:)``).
public struct ExportedCase: Sendable {
    public var caseInfo: CaseView
    public var person: PersonView
    /// Encounters of modules the user may read; a confidential module's encounters are left
    /// out entirely (not even "done") for other users.
    public var encounters: [ExportedEncounter]
    /// The medical officer's decision (without the free-text reason), else nil.
    public var decision: DecisionView?
    /// The rule pack's proposal when no decision is recorded.
    public var proposed: FitnessDecision
    /// Confidential modules whose answers the export includes (audited).
    public var confidentialModules: [String] { Array(Set(encounters.filter(\.confidential).map(\.module))).sorted() }
}

/// One encounter in an export.
public struct ExportedEncounter: Sendable {
    public var id: Int64
    public var module: String
    public var title: String
    public var status: String
    public var recordedBy: String
    public var recordedAt: String
    public var formVersion: String
    public var resultCodes: [String]
    public var pending: Bool
    public var confidential: Bool
    /// The answers the user may read (nil when the module's answers are not theirs to read).
    public var answers: Answers?
    public var form: FormSpec?
    public var attachments: [AttachmentInfo]
}

extension ClinicService {
    /// The case as `session` may read it, in the caller's read transaction.
    func exportedCase(_ db: Database, _ caseID: Int64, session: Session) throws -> ExportedCase {
        let state = try caseState(db, caseID)
        var encounters: [ExportedEncounter] = []
        for e in state.encounters {
            // Unknown modules fail closed: their confidentiality cannot be known. A code derived
            // from what the reader may not read is left out (``visibleDerivation(_:_:_:_:known:)``).
            guard let manifest = host.registry.module(e.moduleId)?.manifest else { continue }
            let (view, _) = try encounterView(db, e, session: session)
            if view.summary.hidden { continue }
            let attachments = view.answers == nil ? [] : try AttachmentStore.infos(db, encounterID: e.id ?? 0)
            encounters.append(ExportedEncounter(id: e.id ?? 0, module: e.moduleId, title: manifest.title.en, status: e.status.rawValue,
                                                recordedBy: e.recordedBy, recordedAt: e.recordedAt, formVersion: e.formVersion,
                                                resultCodes: view.summary.resultCodes.filter { $0 != Self.withheldCode }, pending: e.pending, confidential: manifest.confidential,
                                                answers: view.answers, form: view.form, attachments: attachments))
        }
        var decision = try DecisionStore.latest(db, caseID: caseID).map { try visibleDecision(db, view($0), state, session.roles) }
        decision?.reason = nil   // free text may mention a confidential result: never exported
        decision?.reasonWithheld = false
        return ExportedCase(caseInfo: view(state.record), person: view(state.person), encounters: encounters,
                            decision: decision, proposed: try visibleProposal(db, proposal(state), state, session.roles).decision)
    }

    /// Appends one `export` audit entry per exported case, naming the format and the
    /// confidential modules included, in one transaction.
    func auditExport(_ cases: [ExportedCase], format: String, session: Session) throws {
        guard !cases.isEmpty else { return }
        try write { db in
            for c in cases {
                var detail: [String: Any] = ["format": format, "encounters": c.encounters.count]
                let confidential = c.confidentialModules
                if !confidential.isEmpty { detail["confidential"] = confidential }
                try audit(db, session, "export", "case", c.caseInfo.id, detail)
            }
        }
    }
}
