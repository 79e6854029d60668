import ClearanceCore
import ClearanceService
import ClearanceStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a command works with: the open database, the host's tables and the signed-in user.
struct CommandContext {
    let service: ClinicService
    let options: GlobalOptions

    /// Opens the database and the host tables.
    ///
    /// - Parameter creating: whether a database that does not exist yet is created (only
    ///   `init` and `demo`); otherwise a missing file is an error naming the path, so a
    ///   mistyped `--db` never creates an empty database.
    static func open(_ options: GlobalOptions, creating: Bool = false) throws -> CommandContext {
        let path = options.databasePath
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw ServiceError.catalogued(ServiceError.configuration, "error.database_folder", ["path": path])
            }
        } else if !creating {
            throw ServiceError.catalogued(ServiceError.notFound, "error.no_database", ["path": path, "source": options.databaseSource])
        }
        var configuration = StoreConfiguration()
        if let text = ProcessInfo.processInfo.environment["CLEARANCE_BUSY_TIMEOUT"] {
            guard let seconds = Double(text), seconds >= 0, seconds <= 3600 else {
                throw ServiceError.configuration("CLEARANCE_BUSY_TIMEOUT='\(text)' must be a number of seconds from 0 to 3600")
            }
            configuration.busyTimeout = seconds
        }
        let database = try ClinicService.openDatabase(path, configuration: configuration)
        let host = ClearanceCLI.host(for: database)
        for p in host.registry.refused { Output.error("warning: module refused: \(p)") }
        for p in host.programmes.refused { Output.error("warning: programme refused: \(p)") }
        let service = ClinicService(database: database, host: host)
        if let reason = service.database.readOnlyReason {
            Output.error("note: the database is open read-only (\(reason)): reads work; changes, and confidential reads (which must be audited), are refused")
        }
        return CommandContext(service: service, options: options)
    }

    /// Signs in with --user / CLEARANCE_USER and CLEARANCE_PASSWORD, or prompts on a terminal.
    func signIn() throws -> Session { try signInKeepingPassword().session }

    /// ``signIn()`` that also returns the password given (to check it again, e.g. `user password`).
    func signInKeepingPassword() throws -> (session: Session, password: String) {
        let env = ProcessInfo.processInfo.environment
        guard let user = options.user ?? env["CLEARANCE_USER"], !user.isEmpty else {
            throw ServiceError.catalogued(ServiceError.authentication, "error.no_user")
        }
        let password: String
        if let p = env["CLEARANCE_PASSWORD"] {
            password = p
        } else if isatty(STDIN_FILENO) == 1 {
            password = readPassword(prompt: CLIText.t("cli.password_prompt", ["user": user]))
        } else {
            throw ServiceError.catalogued(ServiceError.authentication, "error.no_password")
        }
        var session = try service.signIn(username: user, password: password)
        session.language = options.lang   // the pipeline's messages about answers in the user's language
        return (session, password)
    }
}

/// Reads a line from the terminal with echo off.
func readPassword(prompt: String) -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var old = termios()
    let isTTY = tcgetattr(STDIN_FILENO, &old) == 0
    if isTTY {
        var noEcho = old
        noEcho.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &noEcho)
    }
    defer {
        if isTTY { var o = old; tcsetattr(STDIN_FILENO, TCSANOW, &o); FileHandle.standardError.write(Data("\n".utf8)) }
    }
    return readLine(strippingNewline: true) ?? ""
}
