import ArgumentParser

/// `clearance`: record migration health screenings, review cases, issue certificates.
///
/// With no subcommand on a terminal it opens the full-screen recorder; elsewhere it prints help.
@main
struct Clearance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearance",
        abstract: "Migration health screening recorder: TB, HIV counselling and testing, audiometry, chest X-ray.",
        discussion: """
        Database: --db PATH, else CLEARANCE_DB, else $XDG_DATA_HOME/clearance/clearance.sqlite.
        Sign-in: --user NAME (or CLEARANCE_USER) with the password from CLEARANCE_PASSWORD, or a prompt on a terminal.
        Every read command takes --json. Exit status: \(ExitStatus.summary).
        """,
        subcommands: [
            Start.self, Init.self, Demo.self, UserCommand.self, PersonCommand.self, CaseCommand.self,
            Record.self, Import.self, EncounterCommand.self, ModulesCommand.self, ProgrammesCommand.self, AuditCommand.self, KeysCommand.self, CertificateCommand.self,
            Attach.self, AttachmentCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: Start.self
    )
}
