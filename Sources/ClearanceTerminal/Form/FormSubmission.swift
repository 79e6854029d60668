import ClearanceCore

/// What a filled form hands to the save path: the normalized answers and the image files
/// behind the `.image` answers (by field path), for the integrator to store with them.
public struct FormSubmission: Hashable, Sendable {
    public var answers: Answers
    public var imageFiles: [FieldPath: String]
    /// Why this recording replaces the case's final encounter of the module, when it has one.
    public var supersede: String?
    public init(answers: Answers, imageFiles: [FieldPath: String] = [:], supersede: String? = nil) {
        self.answers = answers; self.imageFiles = imageFiles; self.supersede = supersede
    }
}

extension FormSession {
    /// The submission, when the session ended with a save.
    public var submission: FormSubmission? {
        guard case .saved(let a)? = outcome else { return nil }
        let files = imageFiles.filter { a.value(at: $0.key) != nil }
        return FormSubmission(answers: a, imageFiles: files)
    }
}
