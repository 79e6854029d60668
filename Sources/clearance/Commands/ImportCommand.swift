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
            let m = try ctx.service.host.module(module)
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : (FileManager.default.contents(atPath: file) ?? Data())
            guard file == "-" || FileManager.default.fileExists(atPath: file) else { throw ServiceError.notFound("cannot read \(file)") }
            var items: [ImportItem] = []
            var lineOf: [Int] = []
            var bad: [(Int, String)] = []
            for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                      let caseID = (obj["case"] as? NSNumber)?.int64Value, let answers = obj["answers"] as? [String: Any] else {
                    bad.append((n + 1, "not an object {\"case\": ID, \"answers\": {...}}")); continue
                }
                do {
                    items.append(ImportItem(caseID: caseID, answers: try m.form.decodeAnswers(answers)))
                    lineOf.append(n + 1)
                } catch let e as AnswerDecodingError {
                    bad.append((n + 1, e.issues.map { "\($0.path): \($0.message)" }.joined(separator: "; ")))
                }
            }
            let report = try ctx.service.importEncounters(module: module, items: items, batchSize: batch, by: session)
            for r in report.refused { bad.append((lineOf[r.index], r.issues.map { "\($0.path): \($0.message)" }.joined(separator: "; "))) }
            bad.sort { $0.0 < $1.0 }
            refused = bad.count
            if options.json {
                Output.json(["saved": report.saved.count, "refused": bad.map { ["line": $0.0, "problem": $0.1] }])
            } else {
                print("Imported \(report.saved.count) \(module) encounter\(report.saved.count == 1 ? "" : "s"); refused \(bad.count).")
                for (line, problem) in bad { Output.error("\(file):\(line): \(problem)") }
            }
        }
        if refused > 0 { throw ExitCode(6) }
    }
}
