import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

extension CertificateDisposition: ExpressibleByArgument {}

/// `clearance case close|cancel|reopen ID --reason R`.
enum CaseLifecycleCommands {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a case: its work is done; it takes no more recordings.",
            discussion: "A certified case keeps its certificate unless --certificate revoke (medical officers). Audited with the reason.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Case id.") var id: Int64
        @Option(help: "Why the case is closed.") var reason: String
        @Option(help: "For a certified case: revoke or keep its current certificate (default keep).") var certificate: CertificateDisposition?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let c = try ctx.service.closeCase(id, reason: reason, certificate: certificate, by: try ctx.signIn())
                if options.json { Output.json(c) } else { print("Case \(c.id) is \(c.status).") }
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a case opened in error or withdrawn.",
            discussion: "A certified case needs --certificate revoke (medical officers) or --certificate keep. Audited with the reason.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Case id.") var id: Int64
        @Option(help: "Why the case is cancelled.") var reason: String
        @Option(help: "For a certified case (required then): revoke or keep its current certificate.") var certificate: CertificateDisposition?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let c = try ctx.service.cancelCase(id, reason: reason, certificate: certificate, by: try ctx.signIn())
                if options.json { Output.json(c) } else { print("Case \(c.id) is \(c.status).") }
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a closed or cancelled case.",
            discussion: "Refused while the person has another open case under the same programme, unless --again. Audited with the reason.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Case id.") var id: Int64
        @Option(help: "Why the case is reopened.") var reason: String
        @Flag(help: "Reopen even though the person has another open case under the programme.") var again = false

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let c = try ctx.service.reopenCase(id, reason: reason, again: again, by: try ctx.signIn())
                if options.json { Output.json(c) } else { print("Case \(c.id) is \(c.status) again.") }
            }
        }
    }
}
