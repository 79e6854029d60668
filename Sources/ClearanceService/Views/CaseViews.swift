import ClearanceCore
import Foundation

/// A case (one health assessment episode).
public struct CaseView: Sendable, Hashable, JSONView {
    public var id: Int64
    public var personID: Int64
    public var programme: String
    public var purpose: String
    public var site: String
    public var status: String
    public var openedAt: String
    public var openedBy: String

    enum CodingKeys: String, CodingKey {
        case id, personID = "person", programme, purpose, site, status, openedAt = "opened_at", openedBy = "opened_by"
    }
}

/// One encounter in a case listing. Result codes of a confidential module are hidden from
/// users who may not read it (`hidden` is then true and `resultCodes` empty).
public struct EncounterSummary: Sendable, Hashable, JSONView {
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

    public init(id: Int64, module: String, moduleVersion: String, formVersion: String, status: String, recordedBy: String,
                recordedAt: String, resultCodes: [String], pending: Bool, hidden: Bool, current: Bool) {
        self.id = id; self.module = module; self.moduleVersion = moduleVersion; self.formVersion = formVersion
        self.status = status; self.recordedBy = recordedBy; self.recordedAt = recordedAt; self.resultCodes = resultCodes
        self.pending = pending; self.hidden = hidden; self.current = current
    }

    enum CodingKeys: String, CodingKey {
        case id, module, moduleVersion = "module_version", formVersion = "form_version", status, recordedBy = "recorded_by"
        case recordedAt = "recorded_at", resultCodes = "result_codes", pending, hidden = "confidential_hidden", current
    }

    /// A hidden outcome shows no result codes, whatever ``resultCodes`` holds.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(module, forKey: .module)
        try c.encode(moduleVersion, forKey: .moduleVersion); try c.encode(formVersion, forKey: .formVersion)
        try c.encode(status, forKey: .status); try c.encode(recordedBy, forKey: .recordedBy); try c.encode(recordedAt, forKey: .recordedAt)
        try c.encode(hidden ? [] : resultCodes, forKey: .resultCodes)
        try c.encode(pending, forKey: .pending); try c.encode(hidden, forKey: .hidden); try c.encode(current, forKey: .current)
    }
}

/// Everything a reviewer sees about a case.
public struct CaseSummary: JSONView {
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
    /// The medical officer's recorded decision as the reader may see it (``DecisionView/withheld``), if any.
    public var decision: DecisionView?
    /// The case's certificates, newest first, when the caller added them (`case review`).
    public var certificates: [CertificateView]? = nil
    /// Validity warnings, when the caller added them (`case review`).
    public var warnings: [String]? = nil

    /// The proposal as JSON: the decision, its reasons and conditions.
    struct ProposalView: Encodable {
        struct Reason: Encodable { var rule: String; var code: String?; var decision: String; var message: String }
        var decision: String
        var reasons: [Reason]
        var conditions: [String]
    }

    struct ExtraKey: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// The case's keys, with the person, encounters (hidden ones without result codes), what
    /// is required and missing, the proposal and the decision, and the certificates and warnings when added.
    public func encode(to encoder: Encoder) throws {
        try caseInfo.encode(to: encoder)
        var c = encoder.container(keyedBy: ExtraKey.self)
        func key(_ s: String) -> ExtraKey { ExtraKey(stringValue: s) }
        try c.encode(person, forKey: key("person"))
        try c.encode(person.id, forKey: key("person_id"))
        try c.encode(programmeTitle, forKey: key("programme_title"))
        try c.encode(encounters, forKey: key("encounters"))
        try c.encode(required, forKey: key("required"))
        try c.encode(missing, forKey: key("missing"))
        try c.encode(attention.map(IssueView.init), forKey: key("attention"))
        try c.encode(ProposalView(decision: proposal.decision.rawValue,
                                  reasons: proposal.reasons.map { .init(rule: $0.rule, code: $0.code, decision: $0.decision.rawValue, message: $0.message) },
                                  conditions: proposal.conditions), forKey: key("proposed_fitness"))
        try c.encode(decision, forKey: key("decision"))
        try c.encodeIfPresent(certificates, forKey: key("certificates"))
        try c.encodeIfPresent(warnings, forKey: key("warnings"))
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
        if let d = decision {
            out.append("Decision by \(d.decidedBy): \(d.shownDecision.replacingOccurrences(of: "-", with: " "))")
            if d.stale == true {
                out.append("  STALE: \(d.staleBecause ?? "the case changed after the decision"); re-decide with `clearance case decide \(caseInfo.id) --decision ...`")
            }
        }
        return out.joined(separator: "\n")
    }
}

/// One line of the worklist.
public struct WorklistItem: Sendable, Hashable, JSONView {
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

    enum CodingKeys: String, CodingKey {
        case caseID = "case", personID = "person", personName = "person_name", programme, status, missing, openedAt = "opened_at"
        case latinName = "person_name_latin", openedBy = "opened_by"
    }
}
