import ClearanceService

/// A refusal as `--json` writes it to standard error: the error kind (`invalid`, `forbidden`...),
/// the message, and the issues by field when there are any.
struct ErrorView: JSONView {
    var error: String
    var message: String
    var issues: [IssueView]?
}
