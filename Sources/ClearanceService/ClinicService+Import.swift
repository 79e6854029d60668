import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// One encounter of a bulk import.
public struct ImportItem: Sendable {
    public var caseID: Int64
    public var answers: Answers
    public init(caseID: Int64, answers: Answers) { self.caseID = caseID; self.answers = answers }
}

/// What a bulk import did.
public struct ImportReport: Sendable {
    public var saved: [Int64]
    /// Items refused, by their position in the input (0-based), with every issue.
    public var refused: [(index: Int, issues: [ValidationIssue])]

    public var json: [String: Any] {
        ["saved": saved.count, "encounters": saved,
         "refused": refused.map { ["index": $0.index, "issues": $0.issues.map { ["field": $0.path.description, "message": $0.message] }] as [String: Any] }]
    }
}

extension ClinicService {
    /// Records many encounters of one module through the same checks as ``record(module:caseID:answers:final:by:)``,
    /// committing `batchSize` encounters per transaction. Each encounter gets its observations and
    /// its audit entry in the same transaction as itself. An invalid item is refused with its
    /// issues and the rest are saved; a crash loses at most the batch being written.
    public func importEncounters(module id: String, items: [ImportItem], batchSize: Int = 500, by session: Session) throws -> ImportReport {
        let module = try host.module(id)
        let manifest = module.manifest
        try session.requireRecord(manifest)
        var report = ImportReport(saved: [], refused: [])
        var start = 0
        while start < items.count {
            let end = min(start + max(1, batchSize), items.count)
            try write { db in
                _ = try FormVersionStore.register(db, form: module.form, moduleVersion: manifest.version.description, at: clock.now)
                // Every case of the batch, with its person and encounters, in three queries.
                var states = try caseStates(db, Set(items[start..<end].map(\.caseID)))
                var contexts: [Int64: ModuleContext] = [:]
                var touched: Set<Int64> = []
                for index in start..<end {
                    var item = items[index]
                    // As in `record`: answers to fields restricted to other roles are dropped, never stored.
                    item.answers = droppingRestricted(item.answers, form: module.form, session: session).0
                    guard let state = states[item.caseID] else {
                        report.refused.append((index, [ValidationIssue(field: "case", message: Self.noSuchCase(item.caseID).description)])); continue
                    }
                    if !state.record.status.acceptsRecordings {
                        report.refused.append((index, [ValidationIssue(field: "case", message: Self.caseStateRefusal(item.caseID, state.record.status).description)])); continue
                    }
                    let context = try contexts[item.caseID] ?? moduleContext(db, module: id, state: state)
                    contexts[item.caseID] = context
                    let (normalized, issues) = check(module: module, answers: item.answers, context: context, final: true, session: session)
                    if !issues.isEmpty { report.refused.append((index, issues)); continue }
                    let derivation = module.derive(normalized, context: context)
                    var encounter = try EncounterRecord(caseId: item.caseID, moduleId: id, moduleVersion: manifest.version.description,
                                                        formVersion: module.form.version, formHash: module.form.hash, status: .final,
                                                        recordedBy: session.username, recordedAt: timestamp, derivation: derivation)
                    let encounterID = try EncounterStore.insert(db, &encounter, answers: normalized)
                    states[item.caseID]?.encounters.append(encounter)
                    // Confidential modules' result codes stay out of the audit log.
                    try audit(db, session, "create", "encounter", encounterID,
                              json: AuditDetailJSON.encounterCreated(caseID: item.caseID, module: id, status: "final",
                                                                    resultCodes: manifest.confidential ? nil : derivation.resultCodes, imported: true))
                    report.saved.append(encounterID)
                    touched.insert(item.caseID)
                }
                for c in touched { try refreshStatus(db, c, known: states[c]) }
            }
            start = end
        }
        return report
    }
}
