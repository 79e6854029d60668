import ArgumentParser
import ClearanceCore
import ClearanceService
import ClearanceStore
import Foundation

/// The `clearance` command as a library, for module packages outside this repository: build an
/// executable whose `main.swift` calls ``main(modules:)`` with your compiled modules, and the
/// command runs with them beside the built-in ones (docs/MODULES.md).
///
/// ```swift
/// import ClearanceCLI
/// import BloodPressureModule
/// ClearanceCLI.main(modules: [BloodPressureModule()])
/// ```
public enum ClearanceCLI {
    /// Compiled modules added to the built-in ones (set by ``main(modules:)`` before any command runs).
    nonisolated(unsafe) static var extraModules: [any ScreeningModule] = []

    /// Runs the `clearance` command on the process's arguments with `modules` installed beside
    /// the built-in ones. Each is checked like every module (its host API range, a unique id);
    /// a refused one is reported as a warning and the others run. Exits the process.
    public static func main(modules: [any ScreeningModule] = []) -> Never {
        extraModules = modules
        Clearance.main()
        exit(0)
    }

    /// The host tables every command works from: built-in modules, ``extraModules``, declarative
    /// modules and programmes (``HostEnvironment/standard(environment:extraModules:trust:)``),
    /// loading what `trust` (the clinic database's packs and unsigned setting) allows.
    static func host(trust: ModuleTrust = .noDatabase) -> HostEnvironment {
        HostEnvironment.standard(extraModules: extraModules, trust: trust)
    }

    /// The host as `database` has it: its signed packs and unsigned-files setting, without the
    /// modules whose form would break the answers stored in it.
    static func host(for database: ClinicDatabase) -> HostEnvironment {
        host(trust: ClinicService.moduleTrust(database)).checkingStoredForms(in: database)
    }
}

/// `clearance`: record migration health screenings, review cases, issue certificates.
///
/// With no subcommand on a terminal it opens the full-screen recorder; elsewhere it prints help.
struct Clearance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearance",
        abstract: "Migration health screening recorder: screening modules, cases, fitness decisions, certificates.",
        discussion: """
        Database: --db PATH, else CLEARANCE_DB, else $XDG_DATA_HOME/clearance/clearance.sqlite.
        Sign-in: --user NAME (or CLEARANCE_USER) with the password from CLEARANCE_PASSWORD, or a prompt on a terminal.
        Every read command takes --json. Exit status: \(ExitStatus.summary).
        """,
        subcommands: [
            Start.self, Init.self, Demo.self, UserCommand.self, PersonCommand.self, CaseCommand.self,
            Record.self, Import.self, EncounterCommand.self, ModulesCommand.self, ProgrammesCommand.self, AuditCommand.self, KeysCommand.self, CertificateCommand.self, ClinicCommand.self,
            Attach.self, AttachmentCommand.self, BackupCommand.self, Restore.self, ExportCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: Start.self
    )
}
