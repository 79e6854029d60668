import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// Backups while the clinic keeps working, and restoring one into a new file.
extension ClinicService {
    /// Backs the database up to `url`, compressed and encrypted (administrators).
    ///
    /// Other staff keep saving meanwhile: the snapshot is one consistent state taken with
    /// SQLite's online backup API (see ``ClearanceStore/ClinicDatabase/backup(to:extraFiles:recipients:madeBy:at:)``).
    /// The signing key is included only when `signingKeyDirectory` is given. Audited as
    /// `backup` (in the live database, after the snapshot) with the file, its digest and the
    /// snapshot's audit head, so the chain records which backups exist.
    ///
    /// ```swift
    /// let result = try service.backup(to: URL(fileURLWithPath: "/mnt/usb/clinic-2026-12-03.clbk"),
    ///                                 recipients: [.passphrase(phrase)], by: admin)
    /// ```
    /// - Throws: ``ServiceError``: forbidden, invalid (a short passphrase), conflict (the file
    ///   exists), configuration (no signing key where asked).
    public func backup(to url: URL, recipients: [BackupRecipient], signingKeyDirectory: URL? = nil,
                       by session: Session) throws -> BackupResult {
        try session.require(.backUp)
        for r in recipients {
            if case .passphrase(let p) = r { try PasswordPolicy.check(p, username: session.username, field: "backup passphrase") }
        }
        guard !recipients.isEmpty else {
            throw ServiceError.invalid(field: "backup passphrase", "give a passphrase (CLEARANCE_BACKUP_PASSPHRASE or the prompt) or --recipient PUBLIC-KEY-FILE")
        }
        var extra: [BackupArchive.Entry] = []
        if let dir = signingKeyDirectory {
            let key = dir.appendingPathComponent(Self.privateKeyFileName)
            guard FileManager.default.fileExists(atPath: key.path) else {
                throw ServiceError.configuration("no signing key at \(key.path) to back up; give --key-dir (or CLEARANCE_KEY_DIR), or leave out --with-signing-key")
            }
            extra.append(.init(name: "keys/\(Self.privateKeyFileName)", source: key))
            let pub = dir.appendingPathComponent(Self.publicKeyFileName)
            if FileManager.default.fileExists(atPath: pub.path) { extra.append(.init(name: "keys/\(Self.publicKeyFileName)", source: pub)) }
        }
        let result: BackupResult
        do {
            result = try database.backup(to: url, extraFiles: extra, recipients: recipients, madeBy: session.username, at: clock.now)
        } catch let e as BackupError { throw e.serviceError }
        try write { db in
            var detail: [String: Any] = ["file": url.path, "sha256": result.digest, "bytes": result.bytes,
                                         "signing_key": signingKeyDirectory != nil,
                                         "audit_entries": result.manifest.auditEntries]
            if let head = result.manifest.auditHead { detail["audit_head"] = head.hash }
            try audit(db, session, "backup", "database", database.path, detail)
        }
        return result
    }

    /// Restores `url` into a new database at `databasePath` (never over an existing file) and
    /// checks it: tags, digests, integrity, audit chain and row counts against the snapshot.
    ///
    /// Whoever holds the passphrase or private key may restore; there is no database to sign
    /// in to yet. The restored file is exactly the snapshot (nothing is appended to it), so its
    /// audit log ends with the snapshot's head.
    /// - Throws: ``ServiceError``: authentication (wrong passphrase or key, exit 3), conflict
    ///   (the target exists, exit 7), invalid (damaged backup, exit 6).
    public static func restore(from url: URL, unlock: BackupUnlock, to databasePath: String, keyDirectory: URL) throws -> RestoreResult {
        do { return try ClinicDatabase.restore(from: url, unlock: unlock, to: databasePath, keyDirectory: keyDirectory) } catch let e as BackupError {
            throw e.serviceError
        }
    }

    /// Checks a backup: its digest always; with `unlock`, everything a restore checks (into a
    /// temporary file that is removed).
    public static func verifyBackup(_ url: URL, unlock: BackupUnlock?) throws -> BackupCheck {
        do {
            let inspection = try BackupArchive.inspect(url)
            var check = BackupCheck(path: url.path, digest: inspection.digest, bytes: inspection.bytes, header: inspection.header)
            if let unlock {
                let restored = try ClinicDatabase.verifyBackup(url, unlock: unlock)
                check.manifest = restored.manifest
                check.auditEntriesVerified = restored.auditEntriesVerified
            }
            return check
        } catch let e as BackupError { throw e.serviceError }
    }
}

/// What `backup verify` found.
public struct BackupCheck: Sendable {
    public var path: String
    public var digest: String
    public var bytes: Int
    public var header: BackupArchive.Header
    /// Present when the backup was opened.
    public var manifest: BackupManifest?
    public var auditEntriesVerified: Int?
}

extension BackupError {
    /// The service error for a backup error; a file that cannot be read or written stays as
    /// it is (exit status 1).
    var serviceError: Error {
        if isRefused { return ServiceError.conflict(description) }
        if isWrongSecret { return ServiceError.authentication(description) }
        if isCorrupt { return ServiceError.invalid(field: "backup", description) }
        return self
    }
}
