import ArgumentParser
import ClearanceService
import Foundation

/// `clearance demo`: a ready-to-explore database with staff, persons, cases and screenings.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a demo database: staff accounts (password 'demo'), persons, open cases and a few recorded screenings.",
        discussion: "Users: admin, clerk, nurse, counsellor, radiographer, radiologist, audiometrist, mo (medical officer). Refuses to touch a database that already has data unless --replace.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Delete an existing file at the path first.") var replace = false

    func run() throws {
        try guarded(json: options.json) {
            let path = options.databasePath
            if FileManager.default.fileExists(atPath: path) {
                guard replace else {
                    throw ServiceError.conflict("\(path) already exists; pass --replace to recreate it, or choose another --db path")
                }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let ctx = try CommandContext.open(options)
            let report = try DemoData.populate(ctx.service)
            if options.json { Output.json(report.json(database: path)) } else { print(report.text(database: path)) }
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
