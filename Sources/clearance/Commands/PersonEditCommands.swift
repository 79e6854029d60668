import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance person edit|merge|history`: correcting identities and folding duplicates.
enum PersonEditCommands {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Correct a person's identity (audited; the old value is kept).",
            discussion: """
            Fields: \(ClinicService.editablePersonFields.joined(separator: ", ")). An empty value clears document-expiry or guardian. \
            Certificates already signed keep the identity they were signed with; issue a new one to print the correction.
            """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Person id.") var id: Int64
        @Option(name: .customLong("set"), help: "FIELD=VALUE (repeat for several fields).") var assignments: [String] = []
        @Option(help: "Why the record is corrected.") var reason: String

        func run() throws {
            try guarded(json: options.json) {
                var changes: [String: String] = [:]
                for a in assignments {
                    guard let eq = a.firstIndex(of: "=") else {
                        throw ServiceError.invalid(field: "set", "'\(a)' must be FIELD=VALUE, e.g. --set document-number=P1234567")
                    }
                    changes[String(a[..<eq]).trimmingCharacters(in: .whitespaces)] = String(a[a.index(after: eq)...])
                }
                let ctx = try CommandContext.open(options)
                let person = try ctx.service.editPerson(id, set: changes, reason: reason, by: try ctx.signIn())
                if options.json { Output.json(person) } else { print("Corrected person \(person.id): \(person.shownName)") }
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge a duplicate registration into the record kept.",
            discussion: "The dropped record's cases (with their screenings, decisions and certificates) move to KEEP; the dropped record stays, marked merged. Audited.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Person id to keep.") var keep: Int64
        @Argument(help: "Person id of the duplicate.") var drop: Int64
        @Option(help: "Why the two records are the same person.") var reason: String

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                let m = try ctx.service.mergePersons(keep: keep, drop: drop, reason: reason, by: session)
                if options.json {
                    Output.json(PersonMergeView(m))
                } else {
                    let cases = m.movedCases.isEmpty ? "no cases" : "case\(m.movedCases.count == 1 ? "" : "s") \(m.movedCases.map(String.init).joined(separator: ", "))"
                    print("Merged person \(m.droppedID) into person \(m.keptID): moved \(cases).")
                    // Two open cases under one programme after a merge: say so, the clinic decides which to end.
                    let open = try ctx.service.cases(ofPerson: m.keptID, by: session)
                        .filter { ["open", "results-pending", "ready-for-review"].contains($0.status) }
                    for (programme, list) in Dictionary(grouping: open, by: \.programme) where list.count > 1 {
                        Output.error("note: person \(m.keptID) now has \(list.count) open cases under \(programme) (\(list.map { String($0.id) }.joined(separator: ", "))); close or cancel the one not needed (`clearance case cancel ID --reason TEXT`)")
                    }
                }
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The corrections made to a person's record, oldest first.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Person id.") var id: Int64

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let changes = try ctx.service.personHistory(id, by: try ctx.signIn())
                if options.json {
                    Output.json(changes.map(PersonChangeView.init))
                } else if changes.isEmpty { print("No corrections.") } else {
                    Output.table(["WHEN", "FIELD", "OLD", "NEW", "BY", "REASON"],
                                 changes.map { [String($0.changedAt.prefix(16)), $0.field, $0.oldValue ?? "-", $0.newValue ?? "-", $0.changedBy, $0.reason] })
                }
            }
        }
    }
}
