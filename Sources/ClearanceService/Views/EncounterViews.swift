import ClearanceCore
import Foundation

/// What a save returns: the encounter and what the module derived.
public struct RecordOutcome: Sendable, JSONView {
    public var encounterID: Int64
    public var caseID: Int64
    public var module: String
    public var status: String
    public var resultCodes: [String]
    public var derived: [String: Value]
    public var pending: Bool
    /// The module is confidential: the output is marked so a script knows not to log it.
    public var confidential: Bool
    /// The recorder may not read the confidential module's results: no result codes and no
    /// derived values in any view of this outcome.
    public var hidden: Bool = false
    /// Answers given to fields restricted to other roles: dropped, never stored.
    public var ignored: [ValidationIssue] = []
    /// Saved, but worth saying now: an X-ray too old for the programme's validity window.
    public var warnings: [String] = []
    /// Saved as a draft awaiting these fields, which only other roles may answer (the X-ray
    /// reading, for a radiographer), with the roles that may.
    public var awaiting: [String] = []
    public var awaitingRoles: [String] = []
    /// This recording completed the awaiting encounter that this user started.
    public var completes: String? = nil
    /// The final encounter this one replaces (`--supersede --reason R`).
    public var supersedes: Int64? = nil

    enum CodingKeys: String, CodingKey {
        case encounter, `case`, module, status, resultCodes = "result_codes", derived, pending, confidential, ignored, warnings
        case awaiting, awaitingRoles = "awaiting_roles", completes, supersedes
    }

    /// An outcome goes to the user who recorded it; a confidential one is marked `confidential`
    /// so a script knows not to log it, and a ``hidden`` one shows no result codes or derived values.
    public func encode(to encoder: Encoder) throws { try encode(to: encoder, withEncounter: true) }

    /// The outcome's keys, without `encounter` for a save that did not happen (a dry run).
    public func encode(to encoder: Encoder, withEncounter: Bool) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if withEncounter { try c.encode(encounterID, forKey: .encounter) }
        try c.encode(caseID, forKey: .case)
        try c.encode(module, forKey: .module); try c.encode(status, forKey: .status)
        try c.encode(hidden ? [] : resultCodes, forKey: .resultCodes)
        try c.encode(hidden ? [:] : derived.anyJSON, forKey: .derived)
        try c.encode(pending, forKey: .pending)
        if confidential { try c.encode(true, forKey: .confidential) }
        if !ignored.isEmpty { try c.encode(ignored.map(IssueView.init), forKey: .ignored) }
        if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
        if !awaiting.isEmpty { try c.encode(awaiting, forKey: .awaiting); try c.encode(awaitingRoles, forKey: .awaitingRoles) }
        try c.encodeIfPresent(completes, forKey: .completes)
        try c.encodeIfPresent(supersedes, forKey: .supersedes)
    }

    public var text: String {
        var s = "Saved encounter \(encounterID) (\(module), \(status)) for case \(caseID)."
        if let supersedes { s += "\nIt replaces encounter \(supersedes), kept in the case's history." }
        if let completes { s += "\nCompleted the encounter \(completes) started." }
        if !awaiting.isEmpty {
            s += "\nAwaiting \(awaiting.joined(separator: ", ")) (for \(awaitingRoles.joined(separator: ", "))): no result until then."
            s += "\nThey complete it with `clearance record \(module) --case \(caseID)`, giving only those fields."
        }
        for i in ignored { s += "\nIgnored \(i.path): \(i.message) (not stored)" }
        for w in warnings { s += "\nWarning: \(w)" }
        if hidden { return s + "\nResult: confidential" }
        if !resultCodes.isEmpty { s += "\nResult: \(resultCodes.joined(separator: " "))" }
        if pending { s += "\nResults pending: no fitness decision until they are in." }
        for k in derived.keys.sorted() { s += "\n  \(k): \(derived[k]!.display)" }
        return s
    }
}

/// An encounter with its answers, shown with the form version it was recorded with.
public struct EncounterView: JSONView {
    public var summary: EncounterSummary
    public var caseID: Int64
    public var formHash: String
    /// Nil when the user may not read the module's answers.
    public var answers: Answers?
    public var derived: [String: Value]
    /// Voided answers with who voided them and why (with --history).
    public var history: [VoidedAnswerView]
    /// The form the encounter was recorded with (labels for display).
    public var form: FormSpec?

    enum CodingKeys: String, CodingKey { case `case`, formHash = "form_hash", answers, derived, history }

    /// The summary's keys, then the case, the form hash, the answers (null when the user may
    /// not read them) and the derived values (null when the outcome is hidden).
    public func encode(to encoder: Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caseID, forKey: .case)
        try c.encode(formHash, forKey: .formHash)
        try c.encode(summary.hidden ? nil : answers.map { AnyJSON($0.jsonObject) }, forKey: .answers)
        try c.encode(summary.hidden ? nil : derived.anyJSON, forKey: .derived)
        if !history.isEmpty && !summary.hidden { try c.encode(history, forKey: .history) }
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
            out.append("  voided \(h.path) = \(h.value) by \(h.voidedBy): \(h.reason)")
        }
        return out.joined(separator: "\n")
    }
}

/// A voided answer in an encounter's history: the value as shown, who voided it, when and why.
public struct VoidedAnswerView: Sendable, Hashable, JSONView {
    public var path: String
    /// The value as displayed (`?` when it no longer decodes).
    public var value: String
    public var voidedAt: String
    public var voidedBy: String
    public var reason: String

    enum CodingKeys: String, CodingKey { case path, value, voidedAt = "voided_at", voidedBy = "voided_by", reason }
}

/// Result of `audit verify`.
public struct AuditReport: Sendable, JSONView {
    public var intact: Bool
    public var entries: Int
    /// The entry of the first finding (where the chain breaks, or the entry that last wrote the
    /// first row that differs).
    public var brokenRow: Int64?
    /// The first finding's sentence.
    public var reason: String?
    /// Clinical rows compared with their entries.
    public var rows: Int = 0
    /// The anchored entry checked, when an anchor was given.
    public var anchoredEntry: Int64?
    /// Everything found: chain first, then rows by kind and id.
    public var findings: [AuditFindingView] = []

    enum CodingKeys: String, CodingKey { case intact, entries, brokenRow = "broken_row", reason, rows, anchoredEntry = "anchored_entry", findings }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(intact, forKey: .intact); try c.encode(entries, forKey: .entries)
        try c.encode(brokenRow, forKey: .brokenRow); try c.encode(reason, forKey: .reason)
        try c.encode(rows, forKey: .rows); try c.encode(anchoredEntry, forKey: .anchoredEntry)
        try c.encode(findings, forKey: .findings)
    }
    public var text: String {
        let anchored = anchoredEntry.map { ", anchor at entry \($0) holds" } ?? ""
        if intact { return "audit log intact: \(entries) entries, chain verified\(anchored); \(rows) rows match their entries" }
        return (["audit log BROKEN: \(findings.count) finding\(findings.count == 1 ? "" : "s")"] + findings.map { "  \($0.message)" })
            .joined(separator: "\n")
    }
}

/// One problem `audit verify` found.
public struct AuditFindingView: Sendable, JSONView {
    /// `differs`, `no-entry`, `row-gone`, `owner-gone` or `chain`.
    public var problem: String
    /// The row's kind (`person`, `encounter`, `user`, ...), nil for the chain.
    public var entity: String?
    public var entityID: String?
    /// The entry that last wrote the row, or where the chain breaks.
    public var entry: Int64?
    public var message: String

    enum CodingKeys: String, CodingKey { case problem, entity, entityID = "entity_id", entry, message }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(problem, forKey: .problem); try c.encode(entity, forKey: .entity); try c.encode(entityID, forKey: .entityID)
        try c.encode(entry, forKey: .entry); try c.encode(message, forKey: .message)
    }
}

/// One audit entry as shown.
public struct AuditEntryView: Sendable, JSONView {
    public var id: Int64
    public var at: String
    public var username: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var detail: String

    enum CodingKeys: String, CodingKey { case id, at, username = "user", action, entity, entityID = "entity_id", detail }
}
