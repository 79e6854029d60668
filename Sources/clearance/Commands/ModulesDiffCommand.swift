import ArgumentParser
import ClearanceCore
import Foundation

/// `clearance modules diff OLD NEW`: whether NEW may replace OLD without harming stored data.
struct ModulesDiff: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff",
        abstract: "Compare two versions of a form file: every difference that matters, and whether NEW may replace OLD.",
        discussion: """
        Breaking: a published field changes type, the form changes without a new form.version, a choice stored answers use is
        removed (--used). Without --used a removed choice is a warning: the host checks stored answers when it loads the form.
        Exit 0 compatible, 5 a file is missing, 6 a file does not load or NEW is incompatible.
        """)
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The published version.") var old: String
    @Argument(help: "The version that would replace it.") var new: String
    @Option(name: .long, help: "Choices stored answers use, as FIELD=VALUE (repeatable; FIELD without row numbers, as doses.site).")
    var used: [String] = []

    func run() throws {
        var files: [FormFile] = []
        for path in [old, new] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                Output.error("error: no such file: \(path)"); throw ExitCode(5)
            }
            do { files.append(try FormLoader.load(yaml: text, origin: path)) } catch let e as FormLoadError {
                for p in e.problems { Output.error(p.description) }
                Output.error("error: \(path) does not load; fix it first (clearance modules lint \(path))")
                throw ExitCode(6)
            }
        }
        var usedChoices: [String: Set<String>]?
        for u in used {
            let parts = u.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                Output.error("error: --used '\(u)': write FIELD=VALUE, as in --used result=invalid"); throw ExitCode(2)
            }
            usedChoices = usedChoices ?? [:]
            usedChoices![parts[0], default: []].insert(parts[1])
        }
        let report = FormCompatibility(old: files[0].form, new: files[1].form, usedChoices: usedChoices,
                                       oldModule: files[0].module, newModule: files[1].module)
        let verdict = report.verdict(old: old, new: new)
        if options.json {
            Output.json(FormDiffView(compatible: report.isCompatible, identical: report.isIdentical, verdict: verdict,
                                     old: .init(file: old, version: report.old.version, hash: report.old.hash),
                                     new: .init(file: new, version: report.new.version, hash: report.new.hash),
                                     changes: report.changes.map { .init(severity: $0.severity.description, field: $0.field, message: $0.message,
                                                                          file: $0.file, line: $0.line) }))
        } else {
            for c in report.changes { print(c.description) }
            print(verdict)
        }
        if !report.isCompatible { throw ExitCode(6) }
    }
}
