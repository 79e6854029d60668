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
}

/// Whether an encounter is still being filled in or is final.
public enum EncounterStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case draft, final
}
