import ArgumentParser
import ClearanceService
import ClearanceStore
import Foundation

/// `clearance demo`: a ready-to-explore database with staff, persons, cases and screenings.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a demo database: staff accounts (password 'demo'), persons, open cases and a few recorded screenings.",
        discussion: "Users: admin, clerk, nurse, counsellor, radiographer, radiologist, audiometrist, mo (medical officer). Refuses to touch a database that already has data unless --replace.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Delete an existing demo database at the path first (a database not made by `clearance demo` is refused).") var replace = false

    func run() throws {
        try guarded(json: options.json) {
            let path = options.databasePath
            if FileManager.default.fileExists(atPath: path) {
                guard replace else {
                    throw ServiceError.conflict("\(path) already exists; pass --replace to recreate it, or choose another --db path")
                }
                // Only a database `clearance demo` made may be deleted: a clinic's own database,
                // or any other file, is left exactly as it was.
                let isDemo: Bool
                do { isDemo = try ClinicMetadata.isDemoDatabase(at: path) } catch {
                    throw ServiceError.configuration("\(error)")
                }
                guard isDemo else {
                    throw ServiceError.conflict("\(path) is not a demo database (no `purpose = demo` row); --replace deletes only databases "
                        + "made by `clearance demo`. Nothing was changed: choose another --db path for the demo")
                }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let ctx = try CommandContext.open(options, creating: true)
            let report = try DemoData.populate(ctx.service)
            if options.json { Output.json(report.view(database: path)) } else { print(report.text(database: path)) }
        }
    }
}

/// `clearance` with no subcommand: the full-screen recorder on a terminal.
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start",
        abstract: "Open the recorder: full-screen on a terminal, numbered prompts otherwise (--plain).")
    @OptionGroup var options: GlobalOptions
    @Flag(help: "Plain numbered prompts even on a terminal.") var plain = false

    func run() throws {
        try guarded(json: false) {
            let ctx = try CommandContext.open(options)
            try TerminalLauncher(context: ctx, plain: plain).run()
        }
    }
}
