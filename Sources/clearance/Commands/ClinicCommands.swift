import ArgumentParser
import ClearanceService
import Foundation

/// `clearance clinic ...`: the clinic's name, address and site code printed on certificates.
struct ClinicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic", abstract: "Show or change the clinic's name, address and site code (printed on certificates).",
        discussion: "Stored in the database (set first by `clearance init`); certificates issued afterwards print the new values.",
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the clinic identity certificates print.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                guard let identity = try ctx.service.clinicIdentity(by: try ctx.signIn()) else {
                    throw ServiceError.notFound("the clinic identity is not set; an administrator runs `clearance clinic set --clinic-name NAME --clinic-address ADDRESS --site-code CODE`")
                }
                if options.json { Output.json(identity) } else { print(identity.text) }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the clinic identity (administrators); an option left out keeps its current value.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var identity: ClinicIdentityOptions

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let set = try ctx.service.setClinicIdentity(name: identity.clinicName, address: identity.clinicAddress,
                                                            siteCode: identity.siteCode, by: try ctx.signIn())
                if options.json { Output.json(set) } else { print(set.text) }
            }
        }
    }
}

/// The clinic identity options shared by `init` and `clinic set`.
struct ClinicIdentityOptions: ParsableArguments {
    @Option(help: "The clinic's name, as printed at the top of every certificate.") var clinicName: String?
    @Option(help: "The clinic's postal address, one line (\"\" for none).") var clinicAddress: String?
    @Option(help: "The clinic's site code (letters, digits, '-', '_', '.'), e.g. KE-NBO-01.") var siteCode: String?
}
