import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `clearance import MODULE FILE.jsonl`: many encounters through the one save path.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import encounters of one module from JSON Lines: one {\"id\": KEY, \"case\": ID, \"answers\": {...}} per line.",
        discussion: """
        Every line goes through the same checks as `record`. Invalid lines are reported with their line number and every issue; the others are saved. \
        A line already imported (the same `id`, or the same text when it has none) is skipped and counted, never saved twice: \
        an import that was stopped is continued by running it again. Lines end in LF or CRLF; the file is UTF-8. \
        Exit status 6 when any line was refused.
        """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Module id.") var module: String
    @Argument(help: "JSON Lines file, or - for standard input.") var file: String
    @Option(help: "Encounters per transaction.") var batch: Int = 500

    func run() throws {
        var refused = 0
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            let session = try ctx.signIn()
            _ = try ctx.service.host.module(module)
            let progress = isatty(2) == 1 && !options.json
            let report = try ctx.service.importFile(module: module, path: file, batchSize: batch, by: session) { so in
                if progress { Output.error("saved so far: \(so.saved.count) imported, \(so.skipped.count) skipped, \(so.refused.count) refused") }
            }
            refused = report.refused.count
            if options.json {
                Output.json(ImportSummary(report))
            } else {
                print(ImportSummary.text(report, module: module))
                for r in report.refused {
                    for i in r.issues { Output.error("\(file):\(r.line ?? 0): \(i.path): \(i.message)") }
                }
                for r in report.ignored {
                    for i in r.issues { Output.error("\(file):\(r.line ?? 0): ignored \(i.path): \(i.message) (not stored)") }
                }
            }
        }
        if refused > 0 { throw ExitCode(6) }
    }
}

/// `import --json` output: what was saved, skipped and refused, by line.
struct ImportSummary: Encodable {
    struct Line: Encodable {
        var line: Int
        var issues: [IssueView]
    }
    struct Skipped: Encodable {
        var line: Int
        var encounter: Int64
    }
    /// Encounters saved by this run (`saved` kept for scripts written before `imported`).
    var saved: Int
    var imported: Int
    var encounters: [Int64]
    var importedLines: [Int]
    var skipped: [Skipped]
    var refused: [Line]
    var ignored: [Line]

    enum CodingKeys: String, CodingKey {
        case saved, imported, encounters, importedLines = "imported_lines", skipped, refused, ignored
    }

    init(_ report: ImportReport) {
        saved = report.saved.count
        imported = report.saved.count
        encounters = report.saved
        importedLines = report.savedLines.compactMap { $0 }
        skipped = report.skipped.map { .init(line: $0.line ?? 0, encounter: $0.encounterID) }
        refused = report.refused.map { .init(line: $0.line ?? 0, issues: $0.issues.map(IssueView.init)) }
        ignored = report.ignored.map { .init(line: $0.line ?? 0, issues: $0.issues.map(IssueView.init)) }
    }

    /// The plain summary: counts, then the lines of each kind as ranges.
    static func text(_ report: ImportReport, module: String) -> String {
        let n = report.saved.count
        var out = "Imported \(n) \(module) encounter\(n == 1 ? "" : "s"); skipped \(report.skipped.count) already imported; refused \(report.refused.count)."
        let kinds: [(String, [Int])] = [("imported", report.savedLines.compactMap { $0 }),
                                        ("skipped", report.skipped.compactMap(\.line)),
                                        ("refused", report.refused.compactMap(\.line))]
        for (name, lines) in kinds where !lines.isEmpty {
            out += "\n  \(name): \(lines.count == 1 ? "line" : "lines") \(ImportReport.ranges(lines))"
        }
        return out
    }
}
