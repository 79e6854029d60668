import GRDB

/// A row of `decisions`: a medical officer's fitness decision on a case. Append-only; the
/// latest row of a case is the one that counts.
public struct DecisionRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "decisions"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case caseId = "case_id"
        case proposed
        case decision
        case differs
        case conditions
        case reason
        case lastEncounterId = "last_encounter_id"
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
        case evidence
        case evidenceSha256 = "evidence_sha256"
    }

    public var id: Int64?
    public var caseId: Int64
    /// What the rule pack proposed when the officer decided (`FIT`, `FIT-WITH-CONDITIONS`, `UNFIT`, `PENDING`).
    public var proposed: String
    /// The officer's decision.
    public var decision: String
    /// Whether the decision differs from the proposal (a reason is then required).
    public var differs: Bool
    /// Conditions or follow-up (required for `FIT-WITH-CONDITIONS`).
    public var conditions: String?
    /// Why the officer decided so (required when differing).
    public var reason: String?
    /// The highest encounter id of the case when deciding: a later encounter makes the decision stale.
    public var lastEncounterId: Int64?
    public var decidedBy: String
    public var decidedAt: String
    /// JSON of the evidence the decision was made on (`v9-decision-evidence`); nil for
    /// decisions recorded before it, whose evidence is unknown.
    public var evidence: String?
    /// SHA-256 (hex) of ``evidence``.
    public var evidenceSha256: String?

    public init(id: Int64? = nil, caseId: Int64, proposed: String, decision: String, differs: Bool, conditions: String?,
                reason: String?, lastEncounterId: Int64?, decidedBy: String, decidedAt: String,
                evidence: String? = nil, evidenceSha256: String? = nil) {
        self.id = id; self.caseId = caseId; self.proposed = proposed; self.decision = decision; self.differs = differs
        self.conditions = conditions; self.reason = reason; self.lastEncounterId = lastEncounterId
        self.decidedBy = decidedBy; self.decidedAt = decidedAt
        self.evidence = evidence; self.evidenceSha256 = evidenceSha256
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
