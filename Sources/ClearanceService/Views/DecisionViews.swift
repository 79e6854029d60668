import ClearanceCore
import Foundation

/// A medical officer's recorded fitness decision.
public struct DecisionView: Sendable, Hashable, JSONView {
    public var id: Int64
    public var caseID: Int64
    /// What the rule pack proposed when the officer decided.
    public var proposed: FitnessDecision
    public var decision: FitnessDecision
    /// Whether the decision differs from the proposal.
    public var differs: Bool
    public var conditions: String?
    public var reason: String?
    public var decidedBy: String
    public var decidedAt: String
    /// Whether the case changed since the decision (a recording, correction or attachment, or
    /// a decision older than evidence binding); nil when not worked out for this view.
    public var stale: Bool? = nil
    /// What changed (`encounter 12 (tb) corrected after the decision`), when stale.
    public var staleBecause: String? = nil
    /// Whether the outcome, the proposal and the conditions are withheld from the reader
    /// because the case holds something they may not read: shown as `DECIDED` only.
    public var withheld: Bool = false
    /// Whether a recorded reason is withheld from the reader (it is the medical officer's).
    public var reasonWithheld: Bool = false

    /// What a withheld decision reads as, in place of FIT, UNFIT...
    public static let decidedLabel = "DECIDED"
    /// What a withheld reason reads as.
    public static let withheldReason = "the reason is for the medical officer"

    /// The decision as the reader may see it: its code (`UNFIT`), or `DECIDED` when withheld.
    public var shownDecision: String { withheld ? Self.decidedLabel : decision.rawValue }
    /// The proposal as the reader may see it: its code, or `DECIDED` when withheld.
    public var shownProposed: String { withheld ? Self.decidedLabel : proposed.rawValue }
    /// The conditions as the reader may see them: nil when withheld.
    public var shownConditions: String? { withheld ? nil : conditions }
    /// The reason as the reader may see it: the withheld sentence in its place when withheld.
    public var shownReason: String? { reasonWithheld ? Self.withheldReason : reason }
    /// Whether the decision differs from the proposal, nil when withheld.
    public var shownDiffers: Bool? { withheld ? nil : differs }

    enum CodingKeys: String, CodingKey {
        case id, caseID = "case", proposed, decision, differs, conditions, reason, decidedBy = "decided_by", decidedAt = "decided_at"
        case stale, staleBecause = "stale_because"
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(caseID, forKey: .caseID)
        try c.encode(shownProposed, forKey: .proposed); try c.encode(shownDecision, forKey: .decision)
        try c.encode(shownDiffers, forKey: .differs); try c.encode(shownConditions, forKey: .conditions)
        try c.encode(shownReason, forKey: .reason)
        try c.encode(decidedBy, forKey: .decidedBy); try c.encode(decidedAt, forKey: .decidedAt)
        if let stale { try c.encode(stale, forKey: .stale); try c.encode(staleBecause, forKey: .staleBecause) }
    }

    public var text: String {
        if withheld {
            var lines = ["Case \(caseID): decided (decision \(id) by \(decidedBy) at \(decidedAt.prefix(16))); \(Self.withheldReason)"]
            if stale == true, let staleBecause {
                lines.append("  STALE: \(staleBecause); the medical officer re-decides")
            }
            return lines.joined(separator: "\n")
        }
        var lines = ["Case \(caseID): \(decision.label) (decision \(id) by \(decidedBy) at \(decidedAt.prefix(16)))",
                     "  proposed: \(proposed.label)\(differs ? " - the decision differs from the proposal" : "")"]
        if let conditions { lines.append("  conditions: \(conditions)") }
        if reasonWithheld { lines.append("  reason: \(Self.withheldReason)") } else if let reason { lines.append("  reason: \(reason)") }
        if stale == true, let staleBecause {
            lines.append("  STALE: \(staleBecause); re-decide with `clearance case decide \(caseID) --decision ...`")
        }
        return lines.joined(separator: "\n")
    }
}
