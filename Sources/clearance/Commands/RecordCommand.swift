import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance record MODULE --case ID`: record one screening through the one save path.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a screening module for a case.",
        discussion: """
        With --answers FILE.json the answers come from a JSON document (`clearance modules template MODULE` prints \
        a complete one to start from; `-` reads standard input). Without it the form is asked field by field: \
        full-screen on a terminal, numbered prompts otherwise (or with --plain). Invalid answers are all listed, \
        the exit status is 6 and nothing is saved. Asked interactively, refused answers are asked again; if input \
        ends first (or the form is not saved) the exit status is 9 and only a draft is kept. \
        A module the case already holds (final) is refused with exit 7 unless --supersede --reason R says why it is \
        replaced; the earlier encounter stays in the history. A form split by role (the X-ray: acquisition by the \
        radiographer, reading by the radiologist) is saved awaiting the other part, and completed by the next \
        recorder who may answer it, who gives only their own fields.
        """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Module id (`clearance modules list`).") var module: String
    @Option(name: .customLong("case"), help: "Case id.") var caseID: Int64
    @Option(help: "Answers as a JSON file, or - for standard input.") var answers: String?
    @Flag(help: "Save as a draft (validated for shape only, not final).") var draft = false
    @Flag(help: "Ask with plain numbered prompts even on a terminal.") var plain = false
    @Flag(help: "Check and derive as a save would, print the result, and save nothing (needs --answers).") var dryRun = false
    @Flag(help: "Replace the case's final encounter of this module (kept in the history, audited); needs --reason.") var supersede = false
    @Option(help: "Why this recording replaces the earlier one (with --supersede).") var reason: String?

    func validate() throws {
        if supersede && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--supersede needs --reason: say why the earlier encounter is replaced")
        }
        if !supersede && reason != nil { throw ValidationError("--reason is for --supersede; to correct answers use `clearance encounter correct`") }
    }

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            let session = try ctx.signIn()
            let result: RecordOutcome
            if let answers {
                let data: Data
                if answers == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
                    guard let d = FileManager.default.contents(atPath: answers) else {
                        throw ServiceError.catalogued(ServiceError.notFound, "error.answers_file", ["file": answers])
                    }
                    data = d
                }
                let object: Any
                do { object = try JSONSerialization.jsonObject(with: data) } catch {
                    throw ServiceError.invalid(field: "(answers file)", "\(answers) is not valid JSON: \(error.localizedDescription)")
                }
                guard let dict = object as? [String: Any] else {
                    throw ServiceError.invalid(field: "(answers file)", "\(answers) must hold one JSON object of field names to values")
                }
                if dryRun {
                    let wouldBe = try ctx.service.dryRun {
                        try ctx.service.record(module: module, caseID: caseID, json: dict, final: !draft, supersede: supersede ? reason : nil, by: session)
                    }
                    if options.json {
                        Output.json(DryRunOutcomeView(outcome: wouldBe))
                    } else {
                        print("Dry run: nothing was saved. A save would give:")
                        print(wouldBe.text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Saved") }.joined(separator: "\n"))
                    }
                    return
                }
                result = try ctx.service.record(module: module, caseID: caseID, json: dict, final: !draft,
                                                supersede: supersede ? reason : nil, by: session)
            } else {
                guard !dryRun else { throw ServiceError.invalid(field: "dry-run", "--dry-run needs --answers FILE.json (or - for standard input)") }
                result = try InteractiveRecording(context: ctx, session: session, plain: plain, json: options.json)
                    .run(module: module, caseID: caseID, final: !draft, supersede: supersede ? reason : nil)
            }
            if options.json { Output.json(result) } else { print(result.text) }
        }
    }
}
