import ClearanceCore
import Foundation

/// A medical officer's recorded fitness decision.
public struct DecisionView: Sendable, Hashable {
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

    public var json: [String: Any] {
        ["id": id, "case": caseID, "proposed": proposed.rawValue, "decision": decision.rawValue, "differs": differs,
         "conditions": conditions ?? NSNull(), "reason": reason ?? NSNull(), "decided_by": decidedBy, "decided_at": decidedAt]
    }

    public var text: String {
        var lines = ["Case \(caseID): \(decision.label) (decision \(id) by \(decidedBy) at \(decidedAt.prefix(16)))",
                     "  proposed: \(proposed.label)\(differs ? " - the decision differs from the proposal" : "")"]
        if let conditions { lines.append("  conditions: \(conditions)") }
        if let reason { lines.append("  reason: \(reason)") }
        return lines.joined(separator: "\n")
    }
}
