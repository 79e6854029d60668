import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance export ...`: records leaving the clinic in standard forms (FHIR R4, CSV).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records: FHIR R4 Bundles for a health department, CSV for a spreadsheet.",
        discussion: """
        Confidential modules (HIV) are included only for users who may read them, tagged restricted; every exported \
        case is audited. Settings (FHIR code system URLs): --settings FILE or CLEARANCE_EXCHANGE_SETTINGS.
        """,
        subcommands: [FHIR.self, CSV.self])

    struct FHIR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fhir",
            abstract: "Write FHIR R4 Bundles: one case (--case ID) as one Bundle, or every case changed since a date (--since) as NDJSON.",
            discussion: "Example: clearance export fhir --since 2026-11-01 --out november.ndjson (progress on standard error).")
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("case"), help: "The case to export.") var caseID: Int64?
        @Option(help: "Export cases opened or with encounters recorded on or after this date (YYYY-MM-DD), one Bundle a line.") var since: String?
        @Option(help: "Output file (default: standard output).") var out: String?
        @Flag(help: "Replace an existing --out file.") var force = false
        @Option(help: "Exchange settings file (default: CLEARANCE_EXCHANGE_SETTINGS).") var settings: String?

        func validate() throws {
            guard (caseID == nil) != (since == nil) else { throw ValidationError("give either --case ID or --since YYYY-MM-DD") }
            if let since, LocalDate(since) == nil { throw ValidationError("--since '\(since)' is not a date: write YYYY-MM-DD") }
        }

        func run() throws {
            try guarded(json: options.json) {
                let exchange = try ExchangeSettings.load(path: settings ?? ProcessInfo.processInfo.environment["CLEARANCE_EXCHANGE_SETTINGS"])
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                let selection: ExportSelection = caseID.map { .caseID($0) } ?? .since(LocalDate(since ?? "")!)
                let sink = try OutputSink(path: out, force: force)
                let report = try ctx.service.exportFHIR(selection, settings: exchange, by: session, progress: { done, all in
                    if all > 250 { Output.error("exported \(done) of \(all) cases") }
                }) { bundle in try sink.write(bundle + "\n") }
                try sink.close()
                var r = report
                if let out { r.files = [out] }
                // Without --out the Bundles are standard output: the summary then goes to standard error.
                if out == nil {
                    Output.error("exported \(r.cases) case\(r.cases == 1 ? "" : "s") (\(r.encounters) encounters)")
                } else if options.json { Output.json(r) } else {
                    print("Exported \(r.cases) case\(r.cases == 1 ? "" : "s") (\(r.encounters) encounters) to \(out ?? "-")\(r.confidentialModules.isEmpty ? "" : "; includes confidential \(r.confidentialModules.joined(separator: ", ")), tagged restricted").")
                }
            }
        }
    }
}

extension ExportCommand {
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Write one module's encounters as CSV files for a spreadsheet: the module, each repeat group, a codebook.",
            discussion: """
            Example: clearance export csv --module tb --since 2026-11-01 --out tb-november/ writes tb.csv (one row per encounter),             tb-specimens.csv (one row per specimen, PARENT_KEY = the tb.csv KEY) and tb-codebook.csv. UTF-8 with a byte-order             mark, CRLF, RFC 4180 quoting; a text cell starting with = + - @ is prefixed with ' so it never runs as a formula.             Columns restricted to other roles are left out. Existing files are never replaced without --force.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "The module to export (clearance modules list).") var module: String
        @Option(help: "Only encounters recorded on or after this date (YYYY-MM-DD).") var since: String?
        @Option(help: "Folder to write into (created when missing).") var out: String
        @Flag(help: "Replace files that already exist.") var force = false

        func validate() throws {
            if let since, LocalDate(since) == nil { throw ValidationError("--since '\(since)' is not a date: write YYYY-MM-DD") }
        }

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                let dir = URL(fileURLWithPath: out)
                let export = try ctx.service.exportCSV(module: module, since: since.flatMap(LocalDate.init), by: session, progress: { done, all in
                    if all > 1000 { Output.error("read \(done) of \(all) encounters") }
                })
                // Every file checked before any is written: never over anything but a regular file, only with --force.
                for (name, _) in export.files { try ReportFile.checkWritable(dir.appendingPathComponent(name).path, force: force) }
                do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                    throw ServiceError.configuration("cannot create folder \(out): \(error.localizedDescription)")
                }
                var written: [String] = []
                for (name, table) in export.files {
                    let path = dir.appendingPathComponent(name).path
                    try ReportFile.write(Data(table.rendered().utf8), to: path)
                    written.append(path)
                }
                if options.json {
                    Output.json(CSVExportFilesView(files: written, encounters: export.encounters, withheldColumns: export.withheldColumns))
                } else {
                    print("Exported \(export.encounters) \(module) encounter\(export.encounters == 1 ? "" : "s") to \(out): \(export.files.map(\.name).joined(separator: ", ")).")
                    if !export.withheldColumns.isEmpty { print("Left out (restricted to other roles): \(export.withheldColumns.joined(separator: ", "))") }
                }
            }
        }
    }
}

/// Where an export writes: a file (never replaced without `--force`, created only once the
/// export has something to write, so a refused export leaves nothing behind) or standard output.
final class OutputSink {
    private let path: String?
    private var handle: FileHandle?
    private var buffer = ""

    init(path: String?, force: Bool) throws {
        self.path = path
        // One rule for every file a report or export writes (``ReportFile``).
        if let path { try ReportFile.checkWritable(path, force: force) }
        if path == nil { handle = .standardOutput }
    }

    func write(_ text: String) throws {
        buffer += text
        if buffer.utf8.count > 1 << 20 { try flush() }
    }

    func flush() throws {
        if handle == nil, let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw ServiceError.configuration("cannot write \(path): check the folder exists and is writable")
            }
            handle = h
        }
        try handle?.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    /// Writes what is left (creating an empty file for an export of nothing) and closes the file.
    func close() throws {
        try flush()
        if path != nil { try handle?.close() }
    }
}
