import ArgumentParser
import ClearanceService
import Foundation

/// The CLI's exit statuses: the one table the README and `clearance --help` print.
///
/// Service errors carry their status (``ServiceError/exitCode``); usage errors found by the
/// argument parser (a missing `--case`, an unknown option) exit ``usage`` rather than the
/// parser's own 64.
enum ExitStatus: Int32, CaseIterable {
    case ok = 0
    case error = 1
    case usage = 2
    case signInFailed = 3
    case notAllowed = 4
    case notFound = 5
    case invalidInput = 6
    case conflict = 7
    case brokenConfiguration = 8
    case formNotSaved = 9
    case databaseBusy = 10
    case diskFull = 11
    case readOnly = 12

    /// What the status means, as the help text and README word it.
    var meaning: String {
        switch self {
        case .ok: "ok"
        case .error: "error"
        case .usage: "usage"
        case .signInFailed: "sign-in failed"
        case .notAllowed: "not allowed"
        case .notFound: "not found"
        case .invalidInput: "invalid input (nothing saved)"
        case .conflict: "conflict with the record's state"
        case .brokenConfiguration: "broken configuration"
        case .formNotSaved: "form not saved (input ended or discarded; the draft is kept)"
        case .databaseBusy: "database busy (another program held it; the change in hand was not saved)"
        case .diskFull: "disk full (the change in hand was rolled back)"
        case .readOnly: "database read-only (reads work; nothing was saved)"
        }
    }

    /// `0 ok, 1 error, 2 usage, ...` for help texts.
    static var summary: String { allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: ", ") }

    /// The argument parser's status when `throw ExitCode(status)` ends a command.
    var exitCode: ExitCode { ExitCode(rawValue) }
}

extension Clearance {
    /// Runs the command line like `ParsableCommand.main()`, except that a usage error exits
    /// ``ExitStatus/usage`` (2) as documented, not the argument parser's 64.
    ///
    /// Every file the binary creates (database, WAL, SHM, exported PDFs and images, keys) is
    /// private to its owner: mode 0600, folders 0700.
    static func main() {
        umask(0o077)
        CLIText.language = CLIText.language(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let text = fullMessage(for: error)
            if !text.isEmpty { FileHandle.standardError.write(Data((text + "\n").utf8)) }
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}
