import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// `clearance user edit|disable|enable|password|reset-password|unlock`: looking after accounts.

extension UserCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a user's display name, roles or registration number (administrator only).",
            discussion: "Give at least one of --name, --roles, --registration; --registration '' clears the number. The change applies at the user's next sign-in.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "New display name.") var name: String?
        @Option(help: "New comma-separated roles (replacing the old ones).") var roles: String?
        @Option(help: "Medical council registration number ('' clears it).") var registration: String?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                let user = try ctx.service.editUser(username, displayName: name, roles: try roles.map(parseRoles),
                                                    registrationNumber: registration.map { Optional($0) }, by: session)
                if options.json { Output.json(user) } else { print("Updated \(user.username): \(user.summary)") }
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop a user from signing in (administrator only); the account and its history stay.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "Why (kept in the audit log).") var reason: String?
        func run() throws { try setDisabled(options, username, true, reason) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a disabled user sign in again (administrator only).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "Why (kept in the audit log).") var reason: String?
        func run() throws { try setDisabled(options, username, false, reason) }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change your own password.",
            discussion: "Sign in as usual (CLEARANCE_PASSWORD or the prompt is the current password); the new one comes from CLEARANCE_NEW_PASSWORD or is asked twice. At least \(PasswordPolicy.minimumLength) characters.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let (session, current) = try ctx.signInKeepingPassword()
                let new = try newPassword(prompt: "New password for \(session.username)")
                try ctx.service.changeOwnPassword(current: current, new: new, by: session)
                if options.json { Output.json(PasswordChangedView(username: session.username)) } else {
                    print("Changed the password of \(session.username).")
                }
            }
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password for a user who forgot theirs (administrator only); also lifts a sign-in lock.",
            discussion: "The new password comes from CLEARANCE_NEW_PASSWORD or is asked twice. Give it to the user in person.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "User name.") var username: String
        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                try session.require(.manageUsers)  // before asking for a password
                try ctx.service.resetPassword(username, to: try newPassword(prompt: "New password for \(username)"), by: session)
                if options.json { Output.json(PasswordResetView(username: username)) } else { print("Reset the password of \(username).") }
            }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift a sign-in lock after repeated failed attempts (administrator only).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "User name.") var username: String
        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let cleared = try ctx.service.unlockUser(username, by: try ctx.signIn())
                if options.json { Output.json(FailuresClearedView(username: username, failuresCleared: cleared)) } else {
                    print(cleared == 0 ? "\(username) had no failed sign-ins; nothing to lift." : "Unlocked \(username) (\(cleared) failed sign-ins forgotten).")
                }
            }
        }
    }
}

private func setDisabled(_ options: GlobalOptions, _ username: String, _ disabled: Bool, _ reason: String?) throws {
    try guarded(json: options.json) {
        let ctx = try CommandContext.open(options)
        let user = try ctx.service.setUserDisabled(username, disabled, reason: reason, by: try ctx.signIn())
        if options.json { Output.json(user) } else { print("\(disabled ? "Disabled" : "Enabled") \(user.username).") }
    }
}

/// Roles from `clerk,nurse`, naming an unknown one and listing the valid names.
func parseRoles(_ text: String) throws -> Set<Role> {
    var parsed: Set<Role> = []
    for r in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !r.isEmpty {
        guard let role = Role(name: r) else {
            throw ServiceError.invalid(field: "roles", "unknown role '\(r)'; roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        parsed.insert(role)
    }
    return parsed
}

/// A new password: CLEARANCE_NEW_PASSWORD, else asked twice on the terminal.
func newPassword(prompt: String) throws -> String {
    if let p = ProcessInfo.processInfo.environment["CLEARANCE_NEW_PASSWORD"] { return p }
    guard isatty(STDIN_FILENO) == 1 else {
        throw ServiceError.invalid(field: "new password", "set CLEARANCE_NEW_PASSWORD, or run on a terminal to be asked")
    }
    let first = readPassword(prompt: "\(prompt): ")
    let second = readPassword(prompt: "Again: ")
    guard first == second else { throw ServiceError.invalid(field: "new password", "the two entries differ; nothing changed") }
    return first
}

extension UserView {
    /// `active`, `disabled`, `locked until ...`.
    var statusText: String {
        var parts: [String] = [disabled ? "disabled" : "active"]
        if let lockedUntil { parts.append("locked until \(lockedUntil)") } else if failedSignIns > 0 { parts.append("\(failedSignIns) failed sign-ins") }
        return parts.joined(separator: ", ")
    }

    /// `Dr Grace Officer; medical-officer; registration MC-55812`.
    var summary: String {
        "\(displayName); \(roles.map(\.rawValue).sorted().joined(separator: ", ")); registration \(registrationNumber ?? "none")"
    }
}
