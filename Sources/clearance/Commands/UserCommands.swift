import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance user ...`: staff accounts (administrators only).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage staff accounts.",
                                                    subcommands: [Add.self, List.self, Edit.self, Disable.self, Enable.self, Password.self, ResetPassword.self, Unlock.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user (administrator only).",
            discussion: "Roles: clerk, nurse, counsellor, radiographer, radiologist, audiometrist, medical-officer (or mo), admin. The new user's password comes from CLEARANCE_NEW_PASSWORD or a prompt.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "Comma-separated roles.") var roles: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "Medical council registration number (medical officers).") var registration: String?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                try session.require(.manageUsers)  // before asking for a password
                let parsed = try parseRoles(roles)
                let password = try newPassword(prompt: "Password for new user \(username)")
                let user = try ctx.service.addUser(username: username, displayName: name ?? username, roles: parsed,
                                                   registrationNumber: registration, password: password, by: session)
                if options.json { Output.json(user) } else { print("Added user \(user.username) (\(user.roles.map(\.rawValue).sorted().joined(separator: ", ")))") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users (administrator only).")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let users = try ctx.service.listUsers(by: try ctx.signIn())
                if options.json { Output.json(users) } else {
                    Output.table(["USER", "NAME", "ROLES", "REGISTRATION", "STATUS"], users.map {
                        [$0.username, $0.displayName, $0.roles.map(\.rawValue).sorted().joined(separator: ","), $0.registrationNumber ?? "-", $0.statusText]
                    })
                }
            }
        }
    }
}
