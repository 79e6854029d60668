import ClearanceCore
import Foundation

/// What a save returns: the encounter and what the module derived.
public struct RecordOutcome: Sendable {
    public var encounterID: Int64
    public var caseID: Int64
    public var module: String
    public var status: String
    public var resultCodes: [String]
    public var derived: [String: Value]
    public var pending: Bool
    /// Hidden from the JSON/text when the module is confidential (the recorder may read it, but
    /// the output may be logged: codes only, no derived details).
    public var confidential: Bool
    /// Answers given to fields restricted to other roles: dropped, never stored.
    public var ignored: [ValidationIssue] = []
    /// Saved, but worth saying now: an X-ray too old for the programme's validity window.
    public var warnings: [String] = []

    public var json: [String: Any] {
        var o: [String: Any] = ["encounter": encounterID, "case": caseID, "module": module, "status": status, "result_codes": resultCodes,
                                "derived": derived.mapValues { $0.jsonObject }, "pending": pending]
        if !ignored.isEmpty { o["ignored"] = ignored.map { ["field": $0.path.description, "message": $0.message] } }
        if !warnings.isEmpty { o["warnings"] = warnings }
        return o
    }

    public var text: String {
        var s = "Saved encounter \(encounterID) (\(module), \(status)) for case \(caseID)."
        for i in ignored { s += "\nIgnored \(i.path): \(i.message) (not stored)" }
        for w in warnings { s += "\nWarning: \(w)" }
        if !resultCodes.isEmpty { s += "\nResult: \(resultCodes.joined(separator: " "))" }
        if pending { s += "\nResults pending: no fitness decision until they are in." }
        for k in derived.keys.sorted() { s += "\n  \(k): \(derived[k]!.display)" }
        return s
    }
}

/// An encounter with its answers, shown with the form version it was recorded with.
public struct EncounterView {
    public var summary: EncounterSummary
    public var caseID: Int64
    public var formHash: String
    /// Nil when the user may not read the module's answers.
    public var answers: Answers?
    public var derived: [String: Value]
    /// Voided answers with who voided them and why (with --history).
    public var history: [[String: Any]]
    /// The form the encounter was recorded with (labels for display).
    public var form: FormSpec?

    public var json: [String: Any] {
        var o = summary.json
        o["case"] = caseID
        o["form_hash"] = formHash
        o["answers"] = answers.map { $0.jsonObject } ?? NSNull()
        o["derived"] = summary.hidden ? NSNull() : derived.mapValues { $0.jsonObject } as Any
        if !history.isEmpty { o["history"] = history }
        return o
    }

    public func text(language: String = "en") -> String {
        var out = ["Encounter \(summary.id): \(summary.module) \(summary.moduleVersion), form \(summary.formVersion) (\(formHash.prefix(12))), \(summary.status)",
                   "Case \(caseID), recorded \(summary.recordedAt) by \(summary.recordedBy)"]
        if summary.hidden {
            out.append("Answers and results are confidential: only counsellors and medical officers may read them.")
            return out.joined(separator: "\n")
        }
        out.append("Result: \(summary.resultCodes.isEmpty ? "-" : summary.resultCodes.joined(separator: " "))\(summary.pending ? " (pending)" : "")")
        if let answers {
            out.append("Answers:")
            let rows = form.map { answers.flattened(inOrderOf: $0) } ?? answers.flattened()
            // As wide as the longest path: a name is never cut.
            let width = rows.map(\.0.description.count).max() ?? 0
            for (path, value) in rows {
                let label = form?.field(at: path)?.label.text(language) ?? path.description
                out.append("  \(path.description.padding(toLength: width, withPad: " ", startingAt: 0)) \(value.display)    (\(label))")
            }
        }
        if !derived.isEmpty {
            out.append("Derived:")
            let width = derived.keys.map(\.count).max() ?? 0
            for k in derived.keys.sorted() { out.append("  \(k.padding(toLength: width, withPad: " ", startingAt: 0)) \(derived[k]!.display)") }
        }
        for h in history {
            out.append("  voided \(h["path"] ?? "?") = \(h["value"] ?? "?") by \(h["voided_by"] ?? "?"): \(h["reason"] ?? "")")
        }
        return out.joined(separator: "\n")
    }
}

/// Result of `audit verify`.
public struct AuditReport: Sendable {
    public var intact: Bool
    public var entries: Int
    /// The first row found altered, missing or out of order.
    public var brokenRow: Int64?
    public var reason: String?

    public var json: [String: Any] {
        ["intact": intact, "entries": entries, "broken_row": brokenRow.map { $0 as Any } ?? NSNull(), "reason": reason ?? NSNull()]
    }
    public var text: String {
        intact ? "audit log intact: \(entries) entries, chain verified"
               : "audit log BROKEN at row \(brokenRow.map(String.init) ?? "?"): \(reason ?? "unknown")"
    }
}

/// One audit entry as shown.
public struct AuditEntryView: Sendable {
    public var id: Int64
    public var at: String
    public var username: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var detail: String

    public var json: [String: Any] {
        ["id": id, "at": at, "user": username, "action": action, "entity": entity, "entity_id": entityID, "detail": detail]
    }
}
