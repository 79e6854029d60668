import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance case ...`: health assessment episodes.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "case", abstract: "Open, list and show cases.",
                                                    subcommands: [Open.self, Show.self, List.self, Review.self, Decide.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a case for a person under a programme.",
            discussion: "Programmes are rule packs in Forms/programmes/ (`clearance programmes list`).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Person id.") var person: Int64
        @Option(help: "Programme id, e.g. us-panel, uk-tb, gcc-labour, iom-fit-to-travel.") var programme: String
        @Option(help: "Purpose: resettlement, labour, family, student, other.") var purpose: String = "other"
        @Option(help: "Clinic or site code.") var site: String = ProcessInfo.processInfo.environment["CLEARANCE_SITE"] ?? "MAIN"

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let c = try ctx.service.openCase(personID: person, programme: programme, purpose: purpose, site: site, by: try ctx.signIn())
                if options.json { Output.json(c.json) } else { print("Opened case \(c.id) (\(c.programme)) for person \(c.personID).") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case: every module's results, what is missing, the proposed fitness.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Case id.") var id: Int64

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let summary = try ctx.service.caseSummary(id, by: try ctx.signIn())
                if options.json { Output.json(summary.json) } else { print(summary.text(language: options.lang)) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The worklist: open cases and what each still needs.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Most cases to show.") var limit: Int = 100

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let items = try ctx.service.worklist(limit: limit, by: try ctx.signIn())
                if options.json { Output.json(items.map(\.json)) } else if items.isEmpty { print("No open cases.") } else {
                    Output.table(["CASE", "PERSON", "PROGRAMME", "STATUS", "STILL NEEDS"],
                                 items.map { [String($0.caseID), $0.personName, $0.programme, $0.status, $0.missing.isEmpty ? "-" : $0.missing.joined(separator: ", ")] })
                }
            }
        }
    }
}
