import GRDB

/// One schema change with a stable, explicit id (`v1-core`, `v2-certificates`).
///
/// A migration that has shipped is never edited: a later feature adds a new migration, in a
/// new file (`Migrations+Certificates.swift`), and appends it to the list given to
/// ``StoreConfiguration/migrations``. Code outside the store can do the same:
///
/// ```swift
/// let certs = StoreMigration(id: "v2-certificates") { db in
///     try db.execute(sql: "CREATE TABLE certificates (...)")
/// }
/// let store = try ClinicDatabase(path: p, configuration: .init(migrations: StoreMigration.all + [certs]))
/// ```
public struct StoreMigration: Sendable {
    /// The migration's id, recorded in `grdb_migrations` once applied.
    public var id: String
    /// The schema change; runs in its own transaction.
    public var migrate: @Sendable (Database) throws -> Void

    public init(id: String, migrate: @escaping @Sendable (Database) throws -> Void) {
        self.id = id; self.migrate = migrate
    }

    // MARK: - Registry

    /// The store's own migrations, oldest first. Add each new migration at the end.
    public static var all: [StoreMigration] {
        [core, certificates, renditions, searchKind, metadata, clinicIdentity, loginThrottle, caseLifecycle, personHistory,
         decisionEvidence, auditDigests, modulePacks, importKeys, auditPacks]
    }

    /// A GRDB migrator registering `migrations` in order.
    ///
    /// - Throws: ``StoreError`` when two migrations share an id (GRDB would crash on it).
    static func migrator(_ migrations: [StoreMigration]) throws -> DatabaseMigrator {
        var seen = Set<String>()
        var migrator = DatabaseMigrator()
        for m in migrations {
            guard seen.insert(m.id).inserted else {
                throw StoreError.invalidInput(field: "migrations", reason: "migration id '\(m.id)' is registered twice; give each migration its own id")
            }
            migrator.registerMigration(m.id, migrate: m.migrate)
        }
        return migrator
    }
}
