import ClearanceCore
import ClearanceForms

/// A message of the host's catalogues (``HostText``, `Forms/messages/<language>.yaml`): its key,
/// its arguments, and notes added after it (``ServiceError/adding(_:)``, kept in English).
struct CataloguedText: Sendable {
    var key: String
    var arguments: [String: String]
    var notes: [String] = []
}

extension ServiceError {
    /// An error whose message is the catalogue's `key` (`error.*`): English in ``description``,
    /// the user's language in ``message(in:)``.
    ///
    /// ```swift
    /// throw ServiceError.catalogued(ServiceError.notFound, "error.no_case", ["id": "7"])
    /// ```
    public static func catalogued(_ kind: (String) -> ServiceError, _ key: String, _ arguments: [String: String] = [:]) -> ServiceError {
        var error = kind(HostText.text(key, "en", arguments))
        error.catalogued = CataloguedText(key: key, arguments: arguments)
        return error
    }

    /// One invalid field whose message is the catalogue's `key`.
    public static func invalid(field: String, key: String, _ arguments: [String: String] = [:]) -> ServiceError {
        var error = ServiceError.invalid(field: field, HostText.text(key, "en", arguments))
        error.catalogued = CataloguedText(key: key, arguments: arguments)
        return error
    }

    /// The message in `language` (`en`, `fr`, `es`): a catalogued message in that language (its
    /// notes in English), the validation summary in it with each issue as the pipeline worded
    /// it (in the session's language), any other message as written (English).
    public func message(in language: String) -> String {
        if case .invalid(let issues) = kind {
            let head = HostText.text(issues.count == 1 ? "error.invalid_answer" : "error.invalid_answers", language,
                                     ["count": "\(issues.count)"])
            let messages = issues.count == 1 && language != "en" ? catalogued.map { [HostText.text($0.key, language, $0.arguments)] } : nil
            return head + "\n" + zip(issues, messages ?? issues.map(\.message)).map { "  \($0.path): \($1)" }.joined(separator: "\n")
        }
        guard let catalogued, language != "en" else { return description }
        return ([HostText.text(catalogued.key, language, catalogued.arguments)] + catalogued.notes).joined(separator: " ")
    }
}
