import ClearanceStore

/// One change of a case's status (`case show --json` `status_changes`): the action, from and to,
/// why, what it did to the certificate (null when nothing), who and when.
public struct CaseStatusChangeView: JSONView, Sendable {
    public var change: CaseStatusChange
    public init(_ change: CaseStatusChange) { self.change = change }

    enum CodingKeys: String, CodingKey { case action, from, to, reason, certificate, by, at }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(change.action, forKey: .action); try c.encode(change.from.rawValue, forKey: .from)
        try c.encode(change.to.rawValue, forKey: .to); try c.encode(change.reason, forKey: .reason)
        try c.encode(change.certificateAction, forKey: .certificate)
        try c.encode(change.changedBy, forKey: .by); try c.encode(change.changedAt, forKey: .at)
    }
}

/// One correction of a person's record (`person history --json`): the field, old and new values
/// (null when empty), why, who and when.
public struct PersonChangeView: JSONView, Sendable {
    public var change: PersonChange
    public init(_ change: PersonChange) { self.change = change }

    enum CodingKeys: String, CodingKey { case field, old, new, reason, changedBy = "changed_by", changedAt = "changed_at" }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(change.field, forKey: .field); try c.encode(change.oldValue, forKey: .old); try c.encode(change.newValue, forKey: .new)
        try c.encode(change.reason, forKey: .reason); try c.encode(change.changedBy, forKey: .changedBy)
        try c.encode(change.changedAt, forKey: .changedAt)
    }
}

/// A merge of two person records (`person merge --json`): the one kept, the one dropped, the
/// cases moved and why.
public struct PersonMergeView: JSONView, Sendable {
    public var merge: PersonMerge
    public init(_ merge: PersonMerge) { self.merge = merge }

    enum CodingKeys: String, CodingKey { case kept, dropped, movedCases = "moved_cases", reason }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(merge.keptID, forKey: .kept); try c.encode(merge.droppedID, forKey: .dropped)
        try c.encode(merge.movedCases, forKey: .movedCases); try c.encode(merge.reason, forKey: .reason)
    }
}
