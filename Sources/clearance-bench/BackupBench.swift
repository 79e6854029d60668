import ClearanceService
import ClearanceStore
import Foundation

extension StoreBench {
    /// Our encrypted backup of the bench database (`ClinicService.backup`, passphrase through
    /// scrypt, zlib, ChaChaPoly, digest, fsync) against the `sqlite3` shell's `.backup` of the
    /// same file, in the same run: each twice, alternating, the faster of each kept.
    func backupFigures(_ service: ClinicService) throws -> [Figure] {
        let admin = try service.signIn(username: "admin", password: "benchmark-password")
        let dir = workDir.appendingPathComponent("backups")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var ours: [Double] = [], theirs: [Double] = []
        var lastResult: BackupResult?
        for round in 0..<2 {
            let plain = dir.appendingPathComponent("sqlite-\(round).sqlite").path
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [service.database.path, ".backup '\(plain)'"]
            var t0 = now()
            try p.run()
            p.waitUntilExit()
            theirs.append(now() - t0)
            guard p.terminationStatus == 0 else { throw ServiceError.configuration("sqlite3 .backup failed with status \(p.terminationStatus)") }

            let file = dir.appendingPathComponent("ours-\(round).clbk")
            t0 = now()
            lastResult = try service.backup(to: file, recipients: [.passphrase("benchmark backup passphrase")], by: admin)
            ours.append(now() - t0)
        }
        let o = ours.min()!, s = theirs.min()!
        return [
            Figure(name: "backup_database_mib", value: Double(lastResult?.databaseBytes ?? 0) / 1_048_576, unit: "MiB"),
            Figure(name: "backup_file_mib", value: Double(lastResult?.bytes ?? 0) / 1_048_576, unit: "MiB (compressed, encrypted)"),
            Figure(name: "backup_s", value: o, unit: "s"),
            Figure(name: "sqlite_backup_s", value: s, unit: "s (sqlite3 .backup of the same file)"),
            Figure(name: "backup_ratio_vs_sqlite_backup", value: o / s, unit: "x (ours / sqlite3 .backup)", target: "<= 2.0"),
        ]
    }
}
