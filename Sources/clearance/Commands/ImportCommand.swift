import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance import MODULE FILE.jsonl`: many encounters through the one save path.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import encounters of one module from JSON Lines: one {\"case\": ID, \"answers\": {...}} per line.",
        discussion: "Every line goes through the same checks as `record`. Invalid lines are reported with their line number and every issue; the others are saved. Exit status 6 when any line was refused.")

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
            guard file == "-" || FileManager.default.fileExists(atPath: file) else { throw ServiceError.notFound("cannot read \(file)") }
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : (FileManager.default.contents(atPath: file) ?? Data())
            var items: [ImportItem] = []
            var bad: [ImportReport.Refusal] = []
            for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                      let caseID = (obj["case"] as? NSNumber)?.int64Value, let answers = obj["answers"] as? [String: Any] else {
                    bad.append(.init(index: -1, line: n + 1, issues: [ValidationIssue(field: "(line)", message: "not an object {\"case\": ID, \"answers\": {...}}")]))
                    continue
                }
                // Decoded, checked and stored by the service's recording pipeline, as `record` does.
                items.append(ImportItem(caseID: caseID, json: answers, line: n + 1, supersede: obj["supersede"] as? String))
            }
            let report = try ctx.service.importEncounters(module: module, items: items, batchSize: batch, by: session)
            bad += report.refused
            bad.sort { ($0.line ?? 0) < ($1.line ?? 0) }
            refused = bad.count
            if options.json {
                Output.encoded(ImportSummary(saved: report.saved.count, encounters: report.saved,
                                             refused: bad.map { .init(line: $0.line ?? 0, issues: $0.issues.map(IssueView.init)) },
                                             ignored: report.ignored.map { .init(line: $0.line ?? 0, issues: $0.issues.map(IssueView.init)) }))
            } else {
                print("Imported \(report.saved.count) \(module) encounter\(report.saved.count == 1 ? "" : "s"); refused \(bad.count).")
                for r in bad {
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

/// `import --json` output: what was saved, and every refused or trimmed line with its issues.
struct ImportSummary: Encodable {
    struct Line: Encodable {
        var line: Int
        var issues: [IssueView]
    }
    var saved: Int
    var encounters: [Int64]
    var refused: [Line]
    var ignored: [Line]
}
