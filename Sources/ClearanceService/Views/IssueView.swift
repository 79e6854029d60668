import ClearanceCore

/// One validation issue as JSON output shows it: `{"field": "systolic", "message": "..."}`.
public struct IssueView: Encodable, Sendable, Hashable {
    /// The field path (`specimens[2].smear`), or the input it is about (`case`, a file).
    public var field: String
    public var message: String

    public init(_ issue: ValidationIssue) { field = issue.path.description; message = issue.message }
}
