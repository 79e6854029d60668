import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance case ...`: health assessment episodes.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "case", abstract: "Open, list and show cases.",
                                                    subcommands: [Open.self, Show.self, List.self, Review.self, Decide.self,
                                                                  CaseLifecycleCommands.Close.self, CaseLifecycleCommands.Cancel.self,
                                                                  CaseLifecycleCommands.Reopen.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a case for a person under a programme.",
            discussion: "Programmes are rule packs in Forms/programmes/ (`clearance programmes list`).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Person id.") var person: Int64
        @Option(help: "Programme id, e.g. us-panel, uk-tb, gcc-labour, iom-fit-to-travel.") var programme: String
        @Option(help: "Purpose: resettlement, labour, family, student, other.") var purpose: String = "other"
        @Option(help: "Clinic or site code.") var site: String = ProcessInfo.processInfo.environment["CLEARANCE_SITE"] ?? "MAIN"
        @Flag(help: "Open a second case although the person has an open case under this programme.") var again = false

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let c = try ctx.service.openCase(personID: person, programme: programme, purpose: purpose, site: site, again: again, by: try ctx.signIn())
                if options.json { Output.json(c) } else { print("Opened case \(c.id) (\(c.programme)) for person \(c.personID).") }
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
                let session = try ctx.signIn()
                let summary = try ctx.service.caseSummary(id, by: session)
                let changes = try ctx.service.caseStatusHistory(id, by: session)
                if options.json {
                    Output.json(CaseShowView(summary: summary, statusChanges: changes.map(CaseStatusChangeView.init)))
                } else {
                    print(summary.text(language: options.lang))
                    if !changes.isEmpty {
                        print("")
                        print("Status changes:")
                        for c in changes {
                            print("  \(c.changedAt.prefix(16)) \(c.action) by \(c.changedBy): \(c.from.rawValue) -> \(c.to.rawValue)\(c.certificateAction.map { ", certificate \($0)" } ?? ""): \(c.reason)")
                        }
                    }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The worklist: open cases and what each still needs; filters find any case.",
            discussion: """
            Without --status: open, results-pending and ready-for-review cases. --status takes one or more of \(CaseStatusNames.all) \
            (comma-separated or repeated) or all. --search matches the start of a name (any script, or its Latin spelling) or of a document number.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "Most cases to show.") var limit: Int = 100
        @Option(help: "Statuses to show (comma-separated, or all).") var status: [String] = []
        @Option(help: "Only cases under this programme.") var programme: String?
        @Option(help: "Only cases opened on or after this day, YYYY-MM-DD (UTC).") var since: String?
        @Option(help: "Only persons whose name or document number starts with this.") var search: String?
        @Flag(help: "Only cases you opened or recorded a screening in.") var mine = false

        func run() throws {
            try guarded(json: options.json) {
                var sinceDate: LocalDate?
                if let since {
                    guard let d = LocalDate(since) else { throw ServiceError.invalid(field: "since", "'\(since)' is not a date; write YYYY-MM-DD") }
                    sinceDate = d
                }
                let ctx = try CommandContext.open(options)
                let query = CaseListQuery(statuses: status, programme: programme, since: sinceDate, search: search, mine: mine, limit: limit)
                let items = try ctx.service.caseList(query, by: try ctx.signIn())
                if options.json { Output.json(items) } else if items.isEmpty { print("No cases match.") } else {
                    Output.table(["CASE", "PERSON", "PROGRAMME", "STATUS", "OPENED", "STILL NEEDS"],
                                 items.map { [String($0.caseID), $0.shownName, $0.programme, $0.status, String($0.openedAt.prefix(10)),
                                              $0.missing.isEmpty ? "-" : $0.missing.joined(separator: ", ")] })
                }
            }
        }
    }
}

/// The case status names, for help text.
enum CaseStatusNames {
    static let all = ["open", "results-pending", "ready-for-review", "certified", "closed", "cancelled"].joined(separator: ", ")
}
