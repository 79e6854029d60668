import Foundation
import GRDB

/// What ``ClinicDatabase/backup(to:extraFiles:recipients:madeBy:at:)`` wrote.
public struct BackupResult: Sendable {
    public var path: String
    public var manifest: BackupManifest
    /// SHA-256 of the backup file (hex), also stored at its end.
    public var digest: String
    public var bytes: Int
    /// The snapshot's size before compression.
    public var databaseBytes: Int
}

/// What ``ClinicDatabase/restore(from:unlock:to:keyDirectory:)`` did.
public struct RestoreResult: Sendable {
    public var databasePath: String
    public var manifest: BackupManifest
    /// Audit entries verified in the restored file (equal to the manifest's count).
    public var auditEntriesVerified: Int
    /// Where the signing key was written, when the backup held one.
    public var signingKeyPath: String?
    public var digest: String
}

extension ClinicDatabase {
    /// Backs the database up while others keep writing.
    ///
    /// SQLite's online backup API copies the pages of one read transaction (WAL mode: writers
    /// are not blocked and the copy is one consistent state) into a private temporary file
    /// (file mode 0600, removed afterwards); the row counts and audit
    /// head are read in that same transaction. The copy is then compressed, encrypted and
    /// written to `url` by ``BackupArchive``, with `extraFiles` after the database. The plain
    /// copy is made beside the database (folder `.clearance-backup-UUID`, mode 0700), not
    /// beside `url`; a backup killed midway leaves that folder behind, to be deleted.
    ///
    /// - Parameters:
    ///   - url: The backup file; refused when it exists.
    ///   - extraFiles: Files to include (the signing key, when asked).
    ///   - recipients: Passphrase and/or public keys that can open it.
    ///   - madeBy: The user name recorded in the manifest.
    ///   - at: The injected clock's now.
    /// - Throws: ``BackupError`` or a database error.
    public func backup(to url: URL, extraFiles: [BackupArchive.Entry] = [], recipients: [BackupRecipient],
                       madeBy: String, at: Date) throws -> BackupResult {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: url.path) else {
            throw BackupError.refused("\(url.path) already exists; choose a new file name (backups never overwrite)")
        }
        // The plain snapshot stays beside the database it copies (never on the backup's
        // medium, which may leave the building) and lives only while the backup is written.
        let work = URL(fileURLWithPath: self.path).deletingLastPathComponent().appendingPathComponent(".clearance-backup-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BackupError.file("cannot create a working folder beside the database \(self.path): \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(at: work) }
        let snapshot = work.appendingPathComponent(BackupArchive.databaseName)
        // The passphrase's scrypt runs on another core while the snapshot is copied.
        let lock = LockInFlight(recipients)
        let manifest = try takeSnapshot(to: snapshot, madeBy: madeBy, at: at)
        let size = (try? fm.attributesOfItem(atPath: snapshot.path)[.size] as? Int) ?? 0
        let written = try BackupArchive.write(to: url, entries: [BackupArchive.Entry(name: BackupArchive.databaseName, source: snapshot)] + extraFiles,
                                              manifest: manifest, lock: try lock.get(), createdAt: StoreTimestamp.string(from: at))
        return BackupResult(path: url.path, manifest: written.manifest, digest: written.digest, bytes: written.bytes, databaseBytes: size)
    }

    /// Copies one consistent state of the database to `path` with the online backup API and
    /// returns its counts, read in the same transaction.
    func takeSnapshot(to path: URL, madeBy: String, at: Date) throws -> BackupManifest {
        var config = Configuration()
        config.prepareDatabase { db in
            // A scratch copy: no journal and no syncs (the backup file itself is synced).
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        let destination = try DatabaseQueue(path: path.path, configuration: config)
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path.path)
        return try destination.writeWithoutTransaction { dest in
            try pool.read { source in
                try source.backup(to: dest)
                return BackupManifest(takenAt: StoreTimestamp.string(from: at), madeBy: madeBy,
                                      tables: try Self.tableCounts(source), auditHead: try AuditLog.head(source),
                                      migrations: try String.fetchAll(source, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"))
            }
        }
    }

    /// Rows per table (every table but SQLite's own).
    static func tableCounts(_ db: Database) throws -> [String: Int] {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        var counts: [String: Int] = [:]
        for t in tables { counts[t] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t.quotedDatabaseIdentifier)") ?? 0 }
        return counts
    }

    /// Restores a backup into a new database file, never over an existing one.
    ///
    /// The database is written to a temporary name beside `databasePath` (mode 0600), then
    /// checked before it takes its name: every tag and entry digest, `PRAGMA integrity_check`,
    /// the audit chain (intact, same head) and every table's row count against the manifest.
    /// A signing key in the backup is written to `keyDirectory/clinic.key` (mode 0600; refused
    /// when a key is already there).
    ///
    /// - Throws: ``BackupError``: refused (the database or key exists), wrong secret, damaged.
    public static func restore(from url: URL, unlock: BackupUnlock, to databasePath: String, keyDirectory: URL) throws -> RestoreResult {
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm", "-journal"] where fm.fileExists(atPath: databasePath + suffix) {
            throw BackupError.refused("\(databasePath + suffix) already exists; restore never writes over a database: give --db a new file name")
        }
        let inspection = try BackupArchive.inspect(url)
        let keyNames = inspection.header.contents.filter { $0.hasPrefix("keys/") }
        let keyTargets = keyNames.map { keyDirectory.appendingPathComponent(String($0.dropFirst("keys/".count))) }
        for target in keyTargets where fm.fileExists(atPath: target.path) {
            throw BackupError.refused("\(target.path) already exists; restore never replaces a key: give --key-dir an empty folder")
        }
        let target = URL(fileURLWithPath: databasePath)
        do {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !keyTargets.isEmpty { try fm.createDirectory(at: keyDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
        } catch {
            throw BackupError.file("cannot create the folder for \(databasePath): \(error.localizedDescription)")
        }
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restoring-\(UUID().uuidString)")
        var keyPartials: [(URL, URL)] = []
        var done = false
        defer {
            if !done {
                for s in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: partial.path + s) }
                for (p, _) in keyPartials { try? fm.removeItem(at: p) }
            }
        }
        let read = try BackupArchive.read(url, unlock: unlock) { name in
            if name == BackupArchive.databaseName { return partial }
            if name.hasPrefix("keys/") {
                let final = keyDirectory.appendingPathComponent(String(name.dropFirst("keys/".count)))
                let p = keyDirectory.appendingPathComponent(".\(final.lastPathComponent).restoring-\(UUID().uuidString)")
                keyPartials.append((p, final))
                return p
            }
            return nil
        }
        guard fm.fileExists(atPath: partial.path) else { throw BackupError.corrupt("\(url.path) holds no database") }
        let verified = try checkRestored(partial, against: read.manifest, backup: url)
        // The read-only check of a WAL-mode file leaves an empty -wal and an -shm behind.
        for suffix in ["-wal", "-shm"] {
            let side = partial.path + suffix
            if suffix == "-wal", ((try? fm.attributesOfItem(atPath: side)[.size] as? Int) ?? 0) != 0 {
                throw BackupError.corrupt("\(url.path): checking the restored database left a non-empty \(side); nothing was restored")
            }
            try? fm.removeItem(atPath: side)
        }
        guard !fm.fileExists(atPath: databasePath) else {
            throw BackupError.refused("\(databasePath) appeared while restoring; nothing was replaced")
        }
        try fm.moveItem(at: partial, to: target)
        var keyPath: String?
        for (p, final) in keyPartials {
            try fm.moveItem(at: p, to: final)
            if final.lastPathComponent.hasSuffix(".key") { keyPath = final.path }
        }
        done = true
        return RestoreResult(databasePath: databasePath, manifest: read.manifest, auditEntriesVerified: verified,
                             signingKeyPath: keyPath, digest: read.digest)
    }

    /// Integrity, audit chain and row counts of a restored file against its manifest.
    static func checkRestored(_ file: URL, against manifest: BackupManifest, backup: URL) throws -> Int {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: file.path, configuration: config)
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard integrity == ["ok"] else {
                throw BackupError.corrupt("\(backup.path): the restored database fails SQLite's integrity check: \(integrity.prefix(3).joined(separator: "; "))")
            }
            let audit = try AuditLog.verify(db, expectedHead: manifest.auditHead)
            guard audit.isIntact else { throw BackupError.corrupt("\(backup.path): the restored database's \(audit)") }
            let counts = try tableCounts(db)
            guard counts == manifest.tables else {
                let differing = Set(counts.keys).union(manifest.tables.keys).sorted().filter { counts[$0] != manifest.tables[$0] }
                throw BackupError.corrupt("\(backup.path): restored row counts differ from the snapshot in \(differing.map { "\($0) (\(counts[$0] ?? 0) vs \(manifest.tables[$0] ?? 0))" }.joined(separator: ", "))")
            }
            guard audit.checked == manifest.auditEntries else {
                throw BackupError.corrupt("\(backup.path): \(audit.checked) audit entries verified, the snapshot had \(manifest.auditEntries)")
            }
            return audit.checked
        }
    }

    /// Opens and checks a backup fully without restoring it: the database is written to a
    /// private folder (mode 0700) in the temporary directory (`TMPDIR`: point it at a disk with
    /// room for the database), checked like ``restore(from:unlock:to:keyDirectory:)`` and removed.
    public static func verifyBackup(_ url: URL, unlock: BackupUnlock) throws -> RestoreResult {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("clearance-verify-\(UUID().uuidString)")
        do { try fm.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
            throw BackupError.file("cannot create a checking folder in \(fm.temporaryDirectory.path): \(error.localizedDescription); set TMPDIR to a writable folder")
        }
        defer { try? fm.removeItem(at: dir) }
        return try restore(from: url, unlock: unlock, to: dir.appendingPathComponent("check.sqlite").path,
                           keyDirectory: dir.appendingPathComponent("keys"))
    }
}

/// A ``BackupArchive/Lock`` being made on another thread.
private final class LockInFlight: @unchecked Sendable {
    private var result: Result<BackupArchive.Lock, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ recipients: [BackupRecipient]) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try BackupArchive.Lock(recipients) }
            done.signal()
        }
    }

    /// Waits for the lock.
    func get() throws -> BackupArchive.Lock {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
