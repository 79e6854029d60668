import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance encounter ...`: recorded screenings.
struct EncounterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "encounter", abstract: "Show and correct recorded screenings.",
                                                    subcommands: [Show.self, Correct.self, EncounterAudiogram.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an encounter with the form version it was recorded with.",
            discussion: "Confidential answers (HIV) are shown only to counsellors and medical officers, and every such view is audited.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Encounter id.") var id: Int64
        @Flag(help: "Include voided (corrected) answers.") var history = false

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let view = try ctx.service.encounter(id, includeHistory: history, by: try ctx.signIn())
                if options.json { Output.json(view) } else { print(view.text(language: options.lang)) }
            }
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Correct answers of an encounter: the old answers are voided, never overwritten.",
            discussion: "Example: clearance encounter correct 12 --set right_air_1000=20 --reason 'transcription error'. Use --clear FIELD to remove an answer.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Encounter id.") var id: Int64
        @Option(name: .customLong("set"), help: "FIELD=VALUE, repeatable (values as in the JSON answers).") var sets: [String] = []
        @Option(name: .customLong("clear"), help: "FIELD to clear, repeatable.") var clears: [String] = []
        @Option(help: "Why the answers change (required).") var reason: String

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                var changes: [String: Any?] = [:]
                for s in sets {
                    guard let eq = s.firstIndex(of: "=") else { throw ServiceError.invalid(field: "--set", "'\(s)' must be FIELD=VALUE") }
                    let key = String(s[..<eq]), raw = String(s[s.index(after: eq)...])
                    let value: Any = (try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed])) ?? raw
                    changes[key] = .some(value)
                }
                for c in clears { changes[c] = .some(nil) }
                guard !changes.isEmpty else { throw ServiceError.invalid(field: "--set", "nothing to correct: give --set FIELD=VALUE or --clear FIELD") }
                let result = try ctx.service.correct(encounterID: id, changes: changes, reason: reason, by: try ctx.signIn())
                if options.json { Output.json(result) } else { print(result.text) }
            }
        }
    }
}
