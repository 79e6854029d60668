import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// Printing: JSON for scripts, aligned text for people, errors to standard error.
enum Output {
    /// Prints a view as JSON through the one output configuration (``JSONOutput``: pretty,
    /// sorted keys, store timestamps).
    static func json<T: Encodable>(_ value: T) {
        let data = (try? JSONOutput.data(value)) ?? Data("null".utf8)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Prints rows as aligned columns under a header (column widths count characters).
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for r in all { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        for (n, r) in all.enumerated() {
            let line = r.enumerated().map { i, c in i == r.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
            print(line)
            if n == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }

    /// Writes a line to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Runs a command body, turning service errors into a message (or JSON error object) and
/// the documented exit status. Nothing else reaches the user as a stack trace.
func guarded(json: Bool, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ServiceError {
        report(json ? e.description : e.message(in: CLIText.language), kind: e.kindName, issues: e.issues, json: json)
        throw ExitCode(e.exitCode)
    } catch let e as FormLoadError {
        report(e.description, kind: "configuration", issues: [], json: json)
        throw ExitStatus.brokenConfiguration.exitCode
    } catch let e as AnswerDecodingError {
        report("\(e.issues.count) answer\(e.issues.count == 1 ? "" : "s") do not fit the form; nothing was saved:\n"
               + e.issues.map { "  \($0.path): \($0.message)" }.joined(separator: "\n"), kind: "invalid", issues: e.issues, json: json)
        throw ExitStatus.invalidInput.exitCode
    } catch let e as ModulePackError {
        report(e.description, kind: "invalid", issues: [], json: json)
        throw ExitStatus.invalidInput.exitCode
    } catch let e as ExitCode {
        throw e
    } catch let e as CleanExit {
        throw e
    } catch {
        report(CLIText.t("error.unexpected", ["error": "\(error)"]), kind: "error", issues: [], json: json)
        throw ExitStatus.error.exitCode
    }
}

private func report(_ message: String, kind: String, issues: [ValidationIssue], json: Bool) {
    if json {
        let view = ErrorView(error: kind, message: message, issues: issues.isEmpty ? nil : issues.map(IssueView.init))
        let data = (try? JSONOutput.data(view)) ?? Data()
        FileHandle.standardError.write(data + Data("\n".utf8))
    } else {
        let prefix = CLIText.t("error.prefix")
        Output.error(message.hasPrefix(prefix) ? message : prefix + message)
    }
}
