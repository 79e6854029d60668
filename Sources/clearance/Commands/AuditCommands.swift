import ArgumentParser
import ClearanceService
import Foundation

/// `clearance audit ...`: the hash-chained audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Verify and read the audit log.",
                                                    subcommands: [Verify.self, Log.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the audit chain: exit 0 when intact, 1 naming the first altered row.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            var intact = true
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let result = try ctx.service.verifyAudit()
                intact = result.intact
                if options.json { Output.json(result.json) } else { print(result.text) }
            }
            if !intact { throw ExitCode(1) }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show recent audit entries (administrators and medical officers).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Most entries to show.") var limit: Int = 50
        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let entries = try ctx.service.auditLog(limit: limit, by: try ctx.signIn())
                if options.json { Output.json(entries.map(\.json)) } else {
                    Output.table(["ID", "AT", "USER", "ACTION", "ENTITY"], entries.map { [String($0.id), $0.at, $0.username, $0.action, "\($0.entity) \($0.entityID)"] })
                }
            }
        }
    }
}
