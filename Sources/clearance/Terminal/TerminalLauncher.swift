import ArgumentParser
import ClearanceService
import ClearanceTerminal
import Foundation

/// Opens the full-screen recorder: sign in, unfinished forms offered back, then the home
/// menu (worklist, find a person, register a person; case pages record modules).
///
/// Needs a terminal: standard input and output a tty and `TERM` not `dumb`. Elsewhere, or
/// with `--plain`, it says how to record without one (`clearance record MODULE --case ID`
/// asks the form as numbered prompts) and exits with status 2.
///
/// Exit status: 0 signed out, 3 sign-in abandoned or failed five times, 9 input ended (the
/// terminal closed; unsaved forms are kept as drafts and offered at the next start).
struct TerminalLauncher {
    let context: CommandContext
    let plain: Bool

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let lang = context.options.lang
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { HostText.text(key, lang, arguments) }
        guard !plain, RawTerminal.isUsable(environment: env) else {
            let why = plain ? t("cli.why_plain") : (env["TERM"] == "dumb" ? t("cli.why_dumb") : t("cli.why_not_tty"))
            Output.error(t("cli.needs_terminal", ["why": why]))
            throw ExitCode(2)
        }
        let drafts = try DraftLocation.store(environment: env)
        let service = context.service
        let terminal = RawTerminal(environment: env)
        try terminal.start()
        let clock = service.clock
        let frontEnd = ServiceFrontEnd(service: service, keyDirectory: keyDirectory(nil, context.options))
        frontEnd.language = context.options.lang
        let app = ScreenApp(frontEnd: frontEnd, terminal: terminal, drafts: drafts,
                            clock: { clock.now }, language: context.options.lang)
        let end = app.runClinic()
        terminal.stop()
        switch end {
        case .signedOut:
            return
        case .notSignedIn:
            Output.error(t("cli.not_signed_in"))
            throw ExitCode(3)
        case .endOfInput:
            Output.error(t("cli.input_ended", ["directory": drafts.directory.path]))
            throw ExitCode(formNotSavedExitCode)
        }
    }
}
