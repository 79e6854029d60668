import ArgumentParser
import ClearanceService
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `clearance init`: creates the database and its first administrator.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database and its first administrator.",
        discussion: """
        The administrator's password comes from CLEARANCE_PASSWORD or a prompt. The clinic's name, address and site code \
        (printed on every certificate) come from --clinic-name, --clinic-address and --site-code, or are asked for on a \
        terminal; change them later with `clearance clinic set`. Running it again on an existing database changes nothing.
        """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Administrator user name.") var admin: String = "admin"
    @Option(help: "Administrator's display name.") var name: String = "Administrator"
    @OptionGroup var identity: ClinicIdentityOptions

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options, creating: true)
            let created: Bool
            var clinic: ClinicIdentityView?
            if try ctx.service.userCount() == 0 {
                let env = ProcessInfo.processInfo.environment
                let password = env["CLEARANCE_PASSWORD"] ?? readPassword(prompt: "New password for \(admin): ")
                try ctx.service.createFirstAdmin(username: admin, displayName: name, password: password)
                created = true
                var given = identity
                if isatty(STDIN_FILENO) == 1 {
                    given.clinicName = given.clinicName ?? ask("Clinic name (printed on certificates): ")
                    given.clinicAddress = given.clinicAddress ?? ask("Clinic address, one line: ")
                    given.siteCode = given.siteCode ?? ask("Site code (e.g. KE-NBO-01): ")
                }
                if given.clinicName != nil || given.siteCode != nil || given.clinicAddress != nil {
                    let session = try ctx.service.signIn(username: admin, password: password)
                    clinic = try ctx.service.setClinicIdentity(name: given.clinicName, address: given.clinicAddress,
                                                               siteCode: given.siteCode, by: session)
                }
            } else { created = false }
            if options.json {
                Output.json(InitView(database: options.databasePath, adminCreated: created, clinic: clinic))
            } else {
                print(created ? "Created \(options.databasePath) with administrator '\(admin)'."
                              : "\(options.databasePath) already has users; nothing changed.")
                if let clinic { print(clinic.text) } else if created {
                    print("The clinic's name, address and site code are not set yet; certificates need them: clearance clinic set --clinic-name NAME --clinic-address ADDRESS --site-code CODE")
                }
            }
        }
    }
}

/// Asks for one line on the terminal; nil when nothing is typed.
private func ask(_ prompt: String) -> String? {
    FileHandle.standardError.write(Data(prompt.utf8))
    guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty else { return nil }
    return line
}
