import ArgumentParser
import ClearanceTerminal
import Foundation

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Database file (default: CLEARANCE_DB, else $XDG_DATA_HOME/clearance/clearance.sqlite).")
    var db: String?

    @Option(name: .long, help: "User to sign in as (default: CLEARANCE_USER). The password comes from CLEARANCE_PASSWORD or a prompt.")
    var user: String?

    @Flag(name: .long, help: "Print machine-readable JSON.")
    var json = false

    @Option(name: .long, help: "Language of labels and messages: en, fr or es (default: CLEARANCE_LANG, else LC_ALL, LC_MESSAGES or LANG, else en).")
    var lang: String = HostText.language(option: ProcessInfo.processInfo.environment["CLEARANCE_LANG"],
                                         environment: ProcessInfo.processInfo.environment)

    /// Where ``databasePath`` came from, for messages: `--db`, `CLEARANCE_DB` or `the default path`.
    var databaseSource: String {
        if let db, !db.isEmpty { return "--db" }
        if let p = ProcessInfo.processInfo.environment["CLEARANCE_DB"], !p.isEmpty { return "CLEARANCE_DB" }
        return "the default path"
    }

    /// The database path: --db, CLEARANCE_DB, or the XDG default.
    var databasePath: String {
        let env = ProcessInfo.processInfo.environment
        if let db, !db.isEmpty { return db }
        if let p = env["CLEARANCE_DB"], !p.isEmpty { return p }
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("clearance/clearance.sqlite")
    }
}
