import ArgumentParser
import ClearanceService
import Foundation

/// `clearance init`: creates the database and its first administrator.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database and its first administrator.",
        discussion: "The administrator's password comes from CLEARANCE_PASSWORD or a prompt. Running it again on an existing database changes nothing.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Administrator user name.") var admin: String = "admin"
    @Option(help: "Administrator's display name.") var name: String = "Administrator"

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options, creating: true)
            let created: Bool
            if try ctx.service.userCount() == 0 {
                let env = ProcessInfo.processInfo.environment
                let password = env["CLEARANCE_PASSWORD"] ?? readPassword(prompt: "New password for \(admin): ")
                try ctx.service.createFirstAdmin(username: admin, displayName: name, password: password)
                created = true
            } else { created = false }
            if options.json {
                Output.json(["database": options.databasePath, "admin_created": created])
            } else {
                print(created ? "Created \(options.databasePath) with administrator '\(admin)'."
                              : "\(options.databasePath) already has users; nothing changed.")
            }
        }
    }
}
