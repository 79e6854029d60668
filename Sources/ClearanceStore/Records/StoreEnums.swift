import GRDB

/// A person's recorded sex: `F`, `M` or `X`.
public enum Sex: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case female = "F", male = "M", unspecified = "X"
}

/// The travel document a person is identified by.
public enum DocumentType: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case passport
    case refugeeTravelDocument = "refugee-travel-document"
    case nationalID = "national-id"
}

/// Where a case (one health-assessment episode) stands.
public enum CaseStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case open
    case resultsPending = "results-pending"
    case readyForReview = "ready-for-review"
    case certified
    case closed
    /// Opened in error or withdrawn (`case cancel`); like `closed`, it takes no more recordings.
    case cancelled

    /// Closed or cancelled: the case's work has ended (until `case reopen`).
    public var hasEnded: Bool { self == .closed || self == .cancelled }

    /// Whether screenings may still be recorded, corrected or attached: not once the case is
    /// certified (re-open the question in a new case), closed or cancelled.
    public var acceptsRecordings: Bool { !hasEnded && self != .certified }
}

/// Whether an encounter is still being filled in or is final.
public enum EncounterStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case draft, final
}
