import ClearanceCore
import ClearanceForms

/// An error a user meets through any front end. Says what was wrong and what to do.
///
/// Extensible: a public struct wrapping a private enum. ``exitCode`` maps kinds to the CLI's
/// exit status (documented in the README).
public struct ServiceError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case authentication(String)
        case forbidden(String)
        case notFound(String)
        case invalid([ValidationIssue])
        case conflict(String)
        case configuration(String)
        case busy(String)
        case storageFull(String)
        case readOnly(String)
    }
    let kind: Kind
    /// The message's catalogue key and arguments, when it has one: ``message(in:)`` says it in
    /// the user's language (ServiceError+Catalogue.swift).
    var catalogued: CataloguedText?

    /// Wrong user name or password, or no user given.
    public static func authentication(_ message: String) -> ServiceError { .init(kind: .authentication(message)) }
    /// The signed-in user lacks the privilege.
    public static func forbidden(_ message: String) -> ServiceError { .init(kind: .forbidden(message)) }
    /// No such person, case, encounter, module or programme.
    public static func notFound(_ message: String) -> ServiceError { .init(kind: .notFound(message)) }
    /// Answers or input that fail validation: every issue listed.
    public static func invalid(_ issues: [ValidationIssue]) -> ServiceError { .init(kind: .invalid(issues)) }
    /// One invalid input field.
    public static func invalid(field: String, _ message: String) -> ServiceError { .invalid([ValidationIssue(field: field, message: message)]) }
    /// The action conflicts with the record's state (signed certificate, pending results).
    public static func conflict(_ message: String) -> ServiceError { .init(kind: .conflict(message)) }
    /// A broken installation: rule pack, key file, module.
    public static func configuration(_ message: String) -> ServiceError { .init(kind: .configuration(message)) }

    /// Another program kept the database for writing past the busy timeout: nothing of the
    /// change in hand was saved (exit status 10).
    public static func busy(_ message: String) -> ServiceError { .init(kind: .busy(message)) }
    /// The disk is full: the change in hand was rolled back (exit status 11).
    public static func storageFull(_ message: String) -> ServiceError { .init(kind: .storageFull(message)) }
    /// The database is open read-only (file or folder not writable): the command needed to
    /// write, or to audit a confidential read, and did nothing (exit status 12).
    public static func readOnly(_ message: String) -> ServiceError { .init(kind: .readOnly(message)) }

    /// The same error with `note` added to its message (what was saved before it happened).
    public func adding(_ note: String) -> ServiceError {
        var added = addingToKind(note)
        added.catalogued = catalogued.map { CataloguedText(key: $0.key, arguments: $0.arguments, notes: $0.notes + [note]) }
        return added
    }

    private func addingToKind(_ note: String) -> ServiceError {
        switch kind {
        case .authentication(let m): .authentication(m + " " + note)
        case .forbidden(let m): .forbidden(m + " " + note)
        case .notFound(let m): .notFound(m + " " + note)
        case .invalid: self
        case .conflict(let m): .conflict(m + " " + note)
        case .configuration(let m): .configuration(m + " " + note)
        case .busy(let m): .busy(m + " " + note)
        case .storageFull(let m): .storageFull(m + " " + note)
        case .readOnly(let m): .readOnly(m + " " + note)
        }
    }

    /// The validation issues, when the error is a validation failure.
    public var issues: [ValidationIssue] { if case .invalid(let i) = kind { return i }; return [] }

    /// CLI exit status: 3 authentication, 4 forbidden, 5 not found, 6 invalid input, 7 conflict, 8 configuration,
    /// 10 database busy, 11 disk full, 12 database read-only.
    public var exitCode: Int32 {
        switch kind {
        case .authentication: 3
        case .forbidden: 4
        case .notFound: 5
        case .invalid: 6
        case .conflict: 7
        case .configuration: 8
        case .busy: 10
        case .storageFull: 11
        case .readOnly: 12
        }
    }

    /// Short machine name of the kind, used in `--json` error output.
    public var kindName: String {
        switch kind {
        case .authentication: "authentication"
        case .forbidden: "forbidden"
        case .notFound: "not-found"
        case .invalid: "invalid"
        case .conflict: "conflict"
        case .configuration: "configuration"
        case .busy: "busy"
        case .storageFull: "disk-full"
        case .readOnly: "read-only"
        }
    }

    public var description: String {
        switch kind {
        case .authentication(let m), .forbidden(let m), .notFound(let m), .conflict(let m), .configuration(let m),
             .busy(let m), .storageFull(let m), .readOnly(let m): return m
        case .invalid(let issues):
            return HostText.text(issues.count == 1 ? "error.invalid_answer" : "error.invalid_answers", "en", ["count": "\(issues.count)"]) + "\n"
                + issues.map { "  \($0.path): \($0.message)" }.joined(separator: "\n")
        }
    }
}
