/// Answers to and from plain JSON, driven by the form's field types.
///
/// CONTRACT STUB: the signatures are fixed; the forms work fills in the bodies.
extension FormSpec {
    /// Reads a JSON answers document (`{"cough_2w": "no", "induration_mm": 12, ...}`).
    /// yes/no accepts `"yes"`/`"no"` and `true`/`false`; dates are `"YYYY-MM-DD"`;
    /// select_multiple is an array of choice values; a repeat group an array of objects.
    /// - Throws: ``AnswerDecodingError`` listing every field whose value has the wrong shape,
    ///   or that the form does not have.
    public func decodeAnswers(_ json: [String: Any]) throws -> Answers {
        throw AnswerDecodingError(issues: [ValidationIssue(field: "(form)", message: "answer decoding not implemented")])
    }

    /// A complete, valid answers document: every field that is required when all relevant
    /// fields are answered is filled with a plausible value. The documented starting point
    /// for scripted imports (`clearance modules template MODULE`).
    public func template() -> [String: Any] { [:] }
}

/// Answers that do not fit the form, with every offending field named.
public struct AnswerDecodingError: Error, Sendable, CustomStringConvertible {
    public var issues: [ValidationIssue]
    public init(issues: [ValidationIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
