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

    enum CodingKeys: String, CodingKey {
        case id, caseID = "case", proposed, decision, differs, conditions, reason, decidedBy = "decided_by", decidedAt = "decided_at"
        case stale, staleBecause = "stale_because"
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(caseID, forKey: .caseID)
        try c.encode(proposed.rawValue, forKey: .proposed); try c.encode(decision.rawValue, forKey: .decision)
        try c.encode(differs, forKey: .differs); try c.encode(conditions, forKey: .conditions); try c.encode(reason, forKey: .reason)
        try c.encode(decidedBy, forKey: .decidedBy); try c.encode(decidedAt, forKey: .decidedAt)
        if let stale { try c.encode(stale, forKey: .stale); try c.encode(staleBecause, forKey: .staleBecause) }
    }

    public var text: String {
        var lines = ["Case \(caseID): \(decision.label) (decision \(id) by \(decidedBy) at \(decidedAt.prefix(16)))",
                     "  proposed: \(proposed.label)\(differs ? " - the decision differs from the proposal" : "")"]
        if let conditions { lines.append("  conditions: \(conditions)") }
        if let reason { lines.append("  reason: \(reason)") }
        if stale == true, let staleBecause {
            lines.append("  STALE: \(staleBecause); re-decide with `clearance case decide \(caseID) --decision ...`")
        }
        return lines.joined(separator: "\n")
    }
}
