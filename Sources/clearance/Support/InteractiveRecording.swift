import ArgumentParser
import ClearanceCore
import ClearanceService
import ClearanceTerminal
import Foundation

/// Exit status of an interactive form that was not saved: input ended (terminal closed,
/// piped answers ran out) or the user chose not to save. Nothing was stored; the answers
/// given so far are kept as a draft.
let formNotSavedExitCode: Int32 = ExitStatus.formNotSaved.rawValue

/// Records a module by asking the form field by field.
///
/// Full-screen (``FormSession`` on a ``RawTerminal``) when standard input and output are a
/// terminal and `TERM` is not `dumb`; numbered prompts (``LineFormRunner``) otherwise or with
/// `--plain`. Either way the answers go through ``ClinicService/record(module:caseID:answers:final:by:)``;
/// what it refuses is shown on the review page (full screen) or listed and asked again (line
/// mode). Fields the user's roles may not see are neither shown nor accepted. Every committed
/// answer is written to the draft (see ``DraftLocation``); the draft is removed once saved.
/// The full-screen form resumes a draft of the same form version; line mode always starts
/// empty, so piped answers mean the same thing on every run.
///
/// - Throws: `ExitCode(9)` when the form was not saved (``formNotSavedExitCode``), or the
///   service's errors (forbidden, not found, conflict).
struct InteractiveRecording {
    let context: CommandContext
    let session: Session
    let plain: Bool
    /// With `--json`, prompts go to standard error so standard output holds only the JSON.
    var json = false

    func run(module: String, caseID: Int64, final: Bool, supersede: String? = nil) throws -> ClearanceService.RecordOutcome {
        let service = context.service
        let frontEnd = ServiceFrontEnd(service: service, session: session, keyDirectory: keyDirectory(nil, context.options))
        let recording = try frontEnd.recordingForm(caseID: String(caseID), module: module)
        let drafts = try DraftLocation.store()
        let draftID = ScreenApp.draftID(caseID: String(caseID), module: module, user: session.username)
        let env = ProcessInfo.processInfo.environment
        let fullScreen = !plain && RawTerminal.isUsable(environment: env)

        var resumed: Draft?
        if fullScreen, let d = (try? drafts.load(id: draftID)) ?? nil, d.matches(recording.form) { resumed = d }
        var form = FormSession(form: recording.form, rules: recording.rules, roles: session.roles, today: service.clock.today,
                               language: context.options.lang, answers: resumed?.answers ?? recording.answers,
                               attachImage: { [frontEnd] path in try frontEnd.attachImage(path: path) })
        let spec = recording.form, clock = service.clock
        let draftContext = ["case": String(caseID), "module": module, "user": session.username]
        form.onCommit = { answers in
            try? drafts.save(Draft(id: draftID, form: spec, savedAt: clock.now, context: draftContext, answers: answers))
        }
        if let resumed { form.message = "Resumed the unsaved answers kept at \(resumed.savedAt)" }

        let save: (FormSubmission) throws -> ClearanceService.RecordOutcome = { submission in
            let outcome = try service.record(module: module, caseID: caseID, answers: submission.answers, final: final,
                                             supersede: supersede, by: session)
            try? drafts.remove(id: draftID)
            return outcome
        }
        if fullScreen {
            return try runFullScreen(form, frontEnd: frontEnd, drafts: drafts, save: save)
        }
        return try runLines(form, save: save)
    }

    private func runFullScreen(_ start: FormSession, frontEnd: ServiceFrontEnd, drafts: DraftStore,
                               save: (FormSubmission) throws -> ClearanceService.RecordOutcome) throws -> ClearanceService.RecordOutcome {
        let terminal = RawTerminal(environment: ProcessInfo.processInfo.environment)
        try terminal.start()
        defer { terminal.stop() }
        let clock = context.service.clock
        let app = ScreenApp(frontEnd: frontEnd, terminal: terminal, drafts: drafts, clock: { clock.now }, language: context.options.lang)
        var form = start
        while true {
            var screen = FormScreen(session: form)
            let outcome = app.runForm(&screen)
            form = screen.session
            switch outcome {
            case .endOfInput: throw notSaved("input ended before the form was saved")
            case .cancelled, .done(.discarded): throw notSaved("the form was discarded")
            case .done(.saved):
                guard let submission = form.submission else { throw notSaved("the form was discarded") }
                do { return try save(submission) } catch let e as ServiceError where !e.issues.isEmpty {
                    form.showRejection(e.issues)
                }
            }
        }
    }

    private func runLines(_ start: FormSession, save: (FormSubmission) throws -> ClearanceService.RecordOutcome) throws -> ClearanceService.RecordOutcome {
        let output: LineOutput = json ? StandardErrorLineOutput() : StandardLineOutput()
        let input = StandardLineInput()
        var form = start
        var refusal: ServiceError?
        while true {
            let runner = LineFormRunner(session: form, input: input, output: output)
            let submission: FormSubmission
            do { submission = try runner.run() } catch let e as LineFormError {
                // Input ended after the service refused the answers: that refusal is the outcome
                // (exit 6 with its issues, as `record --answers` and `import` report them).
                if let refusal { throw refusal }
                throw notSaved(e.description)
            }
            form = runner.session
            do { return try save(submission) } catch let e as ServiceError where !e.issues.isEmpty {
                output.write("Not saved: \(e.issues.count) answer\(e.issues.count == 1 ? " was" : "s were") refused:\n")
                for i in e.issues { output.write("  ! \(i.path): \(i.message)\n") }
                form.showRejection(e.issues)
                refusal = e
            }
        }
    }

    /// Prints why nothing was saved and returns the exit to throw.
    private func notSaved(_ reason: String) -> ExitCode {
        let draft = (try? DraftLocation.directory().path) ?? "the drafts directory"
        Output.error("error: \(reason)\nNothing was saved (exit status \(formNotSavedExitCode)); the answers given so far are kept as a draft in \(draft): run the same command on a terminal to resume them.")
        return ExitCode(formNotSavedExitCode)
    }
}

/// Standard error as ``LineOutput`` (prompts when standard output carries JSON).
final class StandardErrorLineOutput: LineOutput {
    func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
