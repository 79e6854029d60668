import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clinic's one SQLite file: persons, cases, encounters, observations, attachments,
/// users and the audit log.
///
/// Opens a GRDB `DatabasePool` (WAL mode: readers never block the writer), with foreign keys
/// on, a busy timeout and `synchronous` from ``StoreConfiguration``, then applies the
/// registered migrations. The store offers building blocks that run inside a transaction the
/// caller opens with ``write(_:)``; policy (who may do what) belongs to the service layer.
///
/// ```swift
/// let store = try ClinicDatabase(path: "clinic.sqlite")
/// let id = try store.write { db in
///     let encounterID = try EncounterStore.insert(db, encounter: e, answers: answers, at: now)
///     try AuditLog.append(db, AuditEvent(username: "amina", action: .create,
///                                        entityType: "encounter", entityID: "\(encounterID)"), at: now)
///     return encounterID
/// }
/// ```
public final class ClinicDatabase: Sendable {
    /// The database file's path.
    public let path: String
    /// The configuration it was opened with (``StoreConfiguration/readOnly`` true when the
    /// file was found read-only: see ``readOnlyReason``).
    public let configuration: StoreConfiguration
    /// Why the database was opened read-only although read-write was asked (the file or its
    /// folder is not writable); nil when it was opened as asked.
    public let readOnlyReason: String?
    /// True when writes are impossible: asked for, or the file was found read-only.
    public var isReadOnly: Bool { configuration.readOnly }
    /// The underlying GRDB pool: the store's own; callers go through ``write(_:)`` and ``read(_:)``.
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and migrates it.
    ///
    /// The file is private to its owner: a new file is created with mode 0600 before SQLite
    /// opens it (SQLite gives its `-wal` and `-shm` files the database file's mode), and an
    /// existing file, WAL or SHM readable by group or others is narrowed to 0600.
    ///
    /// - Parameters:
    ///   - path: The SQLite file. Parent directories are created.
    ///   - configuration: Durability, busy timeout and migrations.
    /// - Throws: ``StoreError`` naming the path when the file cannot be opened or migrated, and
    ///   ``StoreError/newerSchema(path:unknown:)`` when a newer version of Clearance has migrated
    ///   it (nothing is written then).
    public init(path: String, configuration asked: StoreConfiguration = StoreConfiguration()) throws {
        self.path = path
        // A file or folder not writable (chmod 0400 / 0500, even for root, who could write it
        // anyway: the owner's bits are the administrator's word) opens read-only.
        var configuration = asked
        readOnlyReason = asked.readOnly ? nil : Self.readOnlyReason(path)
        if readOnlyReason != nil { configuration.readOnly = true }
        self.configuration = configuration
        let url = URL(fileURLWithPath: path)
        if !configuration.readOnly {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
            }
        }
        if !configuration.readOnly { try Self.makePrivate(path) }
        // Before the pool opens: opening a pool writes to the file (GRDB makes sure a WAL
        // exists), and a database of a newer version must be left exactly as it is.
        let unknown = Self.unknownMigrations(at: path, known: Set(configuration.migrations.map(\.id)))
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = configuration.readOnly
        config.busyMode = .timeout(configuration.busyTimeout)
        config.label = "clearance"
        let synchronous = configuration.synchronous.rawValue
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            // The clinical tables' triggers let only connections that define this change rows.
            db.add(function: DatabaseFunction(StoreMigration.applicationWriteFunction, argumentCount: 0, pure: true) { _ in 1 })
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let e as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL].contains(e.resultCode) {
            throw StoreError(e)   // another program holds it (GRDB's opening transaction waited the busy timeout), or the disk is full
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        let migrator = try StoreMigration.migrator(configuration.migrations)
        do {
            // GRDB switches the writer to synchronous = NORMAL when it enables WAL, after
            // prepareDatabase has run: set the configured level again on the writer connection
            // (the pool keeps that one connection for every write).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot set synchronous = \(synchronous): \(error)")
        }
        if !configuration.readOnly {
            do {
                try migrator.migrate(pool)
            } catch let e as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL].contains(e.resultCode) {
                throw StoreError(e)   // busy or full: said plainly, as for any other write
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "migration failed: \(error)")
            }
        }
    }

    /// Why an existing database at `path` can only be read: the file or its folder has no
    /// write permission for its owner, or this user may not write it. Nil for a missing file.
    static func readOnlyReason(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        if info.st_mode & 0o200 == 0 || access(path, W_OK) != 0 { return "the file \(path) is not writable" }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var dir = stat()
        if stat(folder, &dir) == 0, dir.st_mode & 0o200 == 0 || access(folder, W_OK) != 0 {
            return "its folder \(folder) is not writable"
        }
        return nil
    }

    /// Schema changes recorded in the file at `path` that `known` lacks (the file was migrated
    /// by a newer version). Read through a plain connection that writes nothing; a missing,
    /// empty or unreadable file has none (opening it then reports the real problem).
    static func unknownMigrations(at path: String, known: Set<String>) -> [String] {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0,
              let queue = try? DatabaseQueue(path: path) else { return [] }
        defer { try? queue.close() }
        return (try? queue.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier").filter { !known.contains($0) }
        }) ?? []
    }

    /// Creates `path` with mode 0600 when it does not exist; narrows it, and its `-wal` and
    /// `-shm` files, to 0600 when group or others may read them.
    static func makePrivate(_ path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd < 0 && errno != EEXIST {
                throw StoreError.cannotOpen(path: path, reason: "cannot create the file (\(String(cString: strerror(errno))))")
            }
            if fd >= 0 { close(fd) }
        }
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            guard stat(file, &info) == 0, info.st_mode & 0o077 != 0 else { continue }
            if chmod(file, 0o600) != 0 && file == path {
                throw StoreError.cannotOpen(path: path, reason: "it is readable by other users and cannot be made private (chmod 600 it, as its owner)")
            }
        }
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    ///
    /// - Parameter body: The work; every store building block called with its `db` joins the transaction.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or a database error (busy past the timeout, disk full).
    /// - Throws: ``StoreError`` read-only (category ``StoreError/Category/readOnly``) when the
    ///   database was opened read-only: nothing is attempted.
    @discardableResult
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path: path, reason: readOnlyReason ?? "it was opened read-only") }
        return try pool.write(body)
    }

    /// Runs `body` on a read-only snapshot of the database.
    ///
    /// - Parameter body: The reads; they see one consistent state even while others write.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or a database error.
    @discardableResult
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// The ids of the migrations applied to this file, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try StoreMigration.migrator(configuration.migrations).appliedMigrations(db) }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's list of problems.
    public func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
