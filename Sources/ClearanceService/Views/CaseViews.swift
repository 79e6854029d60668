import ClearanceCore
import Foundation

/// A case (one health assessment episode).
public struct CaseView: Sendable, Hashable {
    public var id: Int64
    public var personID: Int64
    public var programme: String
    public var purpose: String
    public var site: String
    public var status: String
    public var openedAt: String
    public var openedBy: String

    public var json: [String: Any] {
        ["id": id, "person": personID, "programme": programme, "purpose": purpose, "site": site,
         "status": status, "opened_at": openedAt, "opened_by": openedBy]
    }
}

/// One encounter in a case listing. Result codes of a confidential module are hidden from
/// users who may not read it (`hidden` is then true and `resultCodes` empty).
public struct EncounterSummary: Sendable, Hashable {
    public var id: Int64
    public var module: String
    public var moduleVersion: String
    public var formVersion: String
    public var status: String
    public var recordedBy: String
    public var recordedAt: String
    public var resultCodes: [String]
    public var pending: Bool
    public var hidden: Bool
    /// Whether this is the module's latest final encounter in the case (the one that counts).
    public var current: Bool

    public var json: [String: Any] {
        ["id": id, "module": module, "module_version": moduleVersion, "form_version": formVersion, "status": status,
         "recorded_by": recordedBy, "recorded_at": recordedAt, "result_codes": resultCodes, "pending": pending,
         "confidential_hidden": hidden, "current": current]
    }
}

/// Everything a reviewer sees about a case.
public struct CaseSummary {
    public var caseInfo: CaseView
    public var person: PersonView
    public var programmeTitle: String
    public var encounters: [EncounterSummary]
    /// Modules the programme requires for this person.
    public var required: [String]
    /// Required modules with no final encounter yet.
    public var missing: [String]
    /// Recorded modules whose answers no longer satisfy the rules given the rest of the case
    /// (an X-ray suggesting TB after the TB form was saved without sputum).
    public var attention: [ValidationIssue]
    public var proposal: FitnessProposal
    /// The medical officer's recorded decision, if any (JSON object).
    public var decision: [String: Any]?
    /// Extra sections added by other features (certificates).
    public var extra: [String: Any] = [:]

    public var json: [String: Any] {
        var o: [String: Any] = caseInfo.json
        o["person"] = person.json
        o["person_id"] = person.id
        o["programme_title"] = programmeTitle
        o["encounters"] = encounters.map(\.json)
        o["required"] = required
        o["missing"] = missing
        o["attention"] = attention.map { ["field": $0.path.description, "message": $0.message] }
        o["proposed_fitness"] = [
            "decision": proposal.decision.rawValue,
            "reasons": proposal.reasons.map { r -> [String: Any] in
                ["rule": r.rule, "code": r.code ?? NSNull(), "decision": r.decision.rawValue, "message": r.message]
            },
            "conditions": proposal.conditions,
        ] as [String: Any]
        o["decision"] = decision ?? NSNull()
        for (k, v) in extra { o[k] = v }
        return o
    }

    public func text(language: String = "en") -> String {
        var out: [String] = []
        out.append("Case \(caseInfo.id) - \(programmeTitle) (\(caseInfo.programme)) - status \(caseInfo.status)")
        out.append("\(person.shownName), born \(person.dateOfBirth) (age \(person.age)), \(person.sex), \(person.nationality), \(person.documentType) \(person.documentNumber)")
        out.append("")
        if encounters.isEmpty { out.append("No screenings recorded yet.") } else {
            out.append("Screenings:")
            for e in encounters {
                let codes = e.hidden ? "(confidential)" : (e.resultCodes.isEmpty ? "-" : e.resultCodes.joined(separator: " "))
                out.append("  #\(e.id) \(e.module) \(e.status)\(e.current ? "" : " (superseded)") \(e.recordedAt.prefix(16)) by \(e.recordedBy): \(codes)\(e.pending ? " [results pending]" : "")")
            }
        }
        out.append("")
        out.append("Required by programme: \(required.isEmpty ? "-" : required.joined(separator: ", "))")
        out.append("Still missing: \(missing.isEmpty ? "nothing" : missing.joined(separator: ", "))")
        if !attention.isEmpty {
            out.append("Needs attention:")
            for a in attention { out.append("  \(a.path): \(a.message)") }
        }
        out.append("")
        out.append("Proposed fitness: \(proposal.decision.label)")
        for r in proposal.reasons { out.append("  - [\(r.rule)\(r.code.map { " \($0)" } ?? "")] \(r.message)") }
        for c in proposal.conditions { out.append("  condition: \(c)") }
        if let d = decision, let dec = d["decision"] as? String {
            out.append("Decision by \(d["decided_by"] as? String ?? "?"): \(dec.replacingOccurrences(of: "-", with: " "))")
        }
        return out.joined(separator: "\n")
    }
}

/// One line of the worklist.
public struct WorklistItem: Sendable, Hashable {
    public var caseID: Int64
    public var personID: Int64
    public var personName: String
    public var programme: String
    public var status: String
    public var missing: [String]
    public var openedAt: String
    /// The name in Latin letters when it is written in another script (ICAO 9303).
    public var latinName: String? = nil
    public var openedBy: String = ""

    /// The name with its Latin spelling beside it when it has one.
    public var shownName: String { latinName.map { "\(personName) (\($0))" } ?? personName }

    public var json: [String: Any] {
        ["case": caseID, "person": personID, "person_name": personName, "person_name_latin": latinName ?? NSNull(),
         "programme": programme, "status": status, "missing": missing, "opened_at": openedAt, "opened_by": openedBy]
    }
}
