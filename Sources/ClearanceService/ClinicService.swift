import ClearanceCore
import ClearanceStore
import Foundation
import GRDB
import Logging

/// The one service every front end goes through: CLI, terminal form, line prompts, JSON import.
///
/// It checks privileges, runs the form's rules and the module's validation, derives result
/// codes and writes the change with its audit entry in one transaction. Nothing is checked only
/// in a UI. Clock, database, host tables and logger are injected.
///
/// ```swift
/// let service = try ClinicService(databasePath: "clinic.sqlite", host: .standard())
/// let me = try service.signIn(username: "nurse", password: "demo")
/// let outcome = try service.record(module: moduleID, caseID: 3, answers: answers, final: true, by: me)
/// ```
public final class ClinicService: @unchecked Sendable {
    public let database: ClinicDatabase
    public let host: HostEnvironment
    public let clock: any Clock
    public let logger: Logger
    let users: UserStore

    /// - Parameters:
    ///   - database: an open store.
    ///   - host: the frozen module and programme tables.
    ///   - clock: the source of "now".
    ///   - passwordHasher: password KDF settings (tests may lower the cost).
    public init(database: ClinicDatabase, host: HostEnvironment, clock: any Clock = SystemClock(),
                passwordHasher: PasswordHasher = PasswordHasher(), logger: Logger = Logger(label: "clearance")) {
        self.database = database; self.host = host; self.clock = clock; self.logger = logger
        self.users = UserStore(hasher: passwordHasher)
    }

    /// Opens (creating and migrating when new) the database at `databasePath`.
    public convenience init(databasePath: String, host: HostEnvironment, clock: any Clock = SystemClock(),
                            passwordHasher: PasswordHasher = PasswordHasher(), configuration: StoreConfiguration = StoreConfiguration()) throws {
        self.init(database: try Self.openDatabase(databasePath, configuration: configuration), host: host, clock: clock,
                  passwordHasher: passwordHasher)
    }

    /// Opens (creating and migrating when new) the store at `databasePath`, as a service error
    /// when it cannot be opened (a newer schema: exit 8).
    public static func openDatabase(_ databasePath: String, configuration: StoreConfiguration = StoreConfiguration()) throws -> ClinicDatabase {
        do { return try ClinicDatabase(path: databasePath, configuration: configuration) } catch let e as StoreError {
            if [.busy, .full].contains(e.category) { throw e.serviceError }
            throw ServiceError.configuration(e.isNewerSchema ? e.description : "cannot open database \(databasePath): \(e)")
        }
    }

    /// Now as the store's timestamp text.
    var timestamp: String { StoreTimestamp.string(from: clock.now) }

    /// Runs a write transaction, turning store errors into service errors (rolled back inside
    /// ``dryRun(_:)``).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try Self.rollingBack ? database.writeThenRollBack(body) : database.write(body) } catch let e as StoreError { throw e.serviceError } catch let e as DatabaseError {
            throw StoreError(e).serviceError
        }
    }

    /// Runs a read, turning store errors into service errors.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch let e as StoreError { throw e.serviceError } catch let e as DatabaseError {
            throw StoreError(e).serviceError
        }
    }

    /// Appends an audit entry inside the caller's transaction.
    ///
    /// - Parameters:
    ///   - wrote: The clinical rows the change wrote, whose digests the entry records for `audit
    ///     verify`; nil: the entity named, when `action` is one that writes it (``writingActions``).
    func audit(_ db: Database, _ session: Session?, _ action: String, _ entity: String, _ entityID: Any, _ detail: [String: Any] = [:],
               wrote: [AuditSubject]? = nil) throws {
        try audit(db, session, action, entity, entityID, json: AuditDetailJSON.encode(detail), wrote: wrote)
    }

    /// ``audit(_:_:_:_:_:_:wrote:)`` with the detail already written as a JSON object.
    func audit(_ db: Database, _ session: Session?, _ action: String, _ entity: String, _ entityID: Any, json: String,
               wrote: [AuditSubject]? = nil) throws {
        var event = AuditEvent(username: session?.username ?? "-", action: AuditAction(rawValue: action), entityType: entity,
                               entityID: "\(entityID)", detailJSON: json)
        if let wrote { event.wrote = wrote } else if Self.writingActions.contains(action), let kind = AuditContent.Kind(rawValue: entity) {
            event.wrote = [AuditSubject(kind, event.entityID)]
        }
        _ = try AuditLog.append(db, event, at: clock.now)
    }

    /// The audit actions that write the entity they name (the others read, export or sign in).
    static let writingActions: Set<String> = ["create", "edit", "merge", "sign", "revoke", "reopen", "close", "cancel",
                                              "disable", "enable", "password-change", "password-reset", "complete"]
}

extension StoreError {
    /// The service error a user sees for a store error.
    var serviceError: ServiceError {
        switch category {
        case .notFound: .notFound(description)
        case .conflict: .conflict(description)
        case .busy: .busy(description)
        case .full: .storageFull(description)
        case .readOnly: .readOnly(description)
        case .invalidInput: .invalid(field: field ?? "input", description)
        case .cannotOpen, .unreadable, .failed: .configuration(description)
        }
    }
}
