import Foundation
import Testing

/// Backups through the binary, taken while four other processes keep saving.
@Suite struct BackupEndToEndTests {
    static let phrase = "a long backup passphrase"

    func lines(_ url: URL) -> Int {
        (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").count ?? 0
    }

    func waitUntil(_ what: String, timeout: TimeInterval = 120, _ condition: () -> Bool) throws {
        let start = Date()
        while !condition() {
            if Date().timeIntervalSince(start) > timeout { Issue.record("timed out waiting for \(what)"); return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Starts a process that registers persons through the binary until `stop` exists, one
    /// line per saved person in `out`, errors in `err`.
    func writer(_ n: Int, dir: URL, cli: CLI, stop: URL) throws -> Process {
        let out = dir.appendingPathComponent("writer\(n).out"), err = dir.appendingPathComponent("writer\(n).err")
        let script = """
        i=0
        while [ ! -e "\(stop.path)" ]; do
          i=$((i+1))
          if "\(CLI.binary.path)" person add --surname Writer\(n) --given Test --dob 1990-01-01 --sex F --nationality PHL \
               --document-number W\(n)-$i >/dev/null 2>>"\(err.path)"; then echo ok >> "\(out.path)"; else echo "failed $i" >> "\(err.path)"; fi
        done
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.environment = cli.environment
        try p.run()
        return p
    }

    @Test func aBackupTakenDuringFourWritersRestoresWithAnIntactAuditChainAndTheSnapshotsCounts() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let live = cli.environment["CLEARANCE_DB"]!
        let stop = dir.appendingPathComponent("stop")
        let writers = try (1...4).map { try writer($0, dir: dir, cli: cli, stop: stop) }
        defer { _ = FileManager.default.createFile(atPath: stop.path, contents: nil); for w in writers { w.waitUntilExit() } }
        let outs = (1...4).map { dir.appendingPathComponent("writer\($0).out") }
        try waitUntil("every writer to save twice") { outs.allSatisfy { lines($0) >= 2 } }

        var admin = cli.as("admin")
        admin.environment["CLEARANCE_BACKUP_PASSPHRASE"] = Self.phrase
        let file = dir.appendingPathComponent("clinic.clbk").path
        let backup = try admin.run("backup", "--out", file, "--json")
        #expect(backup.status == 0, "\(backup.stderr)")
        let savedAtBackup = outs.map(lines)
        try waitUntil("every writer to save twice more after the backup") { zip(outs, savedAtBackup).allSatisfy { lines($0) >= $1 + 2 } }
        _ = FileManager.default.createFile(atPath: stop.path, contents: nil)
        for w in writers { w.waitUntilExit() }
        for n in 1...4 {
            let errors = (try? String(contentsOf: dir.appendingPathComponent("writer\(n).err"), encoding: .utf8)) ?? ""
            #expect(errors.isEmpty, "writer \(n) failed while the backup ran: \(errors)")
        }

        let manifest = backup.object["manifest"] as? [String: Any] ?? [:]
        let tables = manifest["tables"] as? [String: Int] ?? [:]
        let snapshotAudit = tables["audit_log"] ?? -1
        let snapshotPersons = tables["persons"] ?? -1
        #expect(snapshotPersons > 6, "the snapshot holds persons saved by the writers before it")
        #expect(Int(try sqlite(live, "SELECT count(*) FROM persons"))! > snapshotPersons, "writers kept saving after the snapshot")
        // The file is encrypted and private: no name in it, mode 0600.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(bytes.range(of: Data("Writer1".utf8)) == nil && bytes.range(of: Data("SQLite format 3".utf8)) == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The live database records the backup and its digest.
        let recorded = try sqlite(live, "SELECT detail FROM audit_log WHERE action = 'backup'")
        #expect(recorded.contains(backup.object["sha256"] as? String ?? "?"))

        let restored = dir.appendingPathComponent("restored/clinic.sqlite").path
        let restore = try admin.run("restore", file, "--db", restored, "--json")
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.object["audit_entries_verified"] as? Int == snapshotAudit)
        let verify = try CLI(database: restored).run("audit", "verify", "--json")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.object["intact"] as? Bool == true)
        #expect(verify.object["entries"] as? Int == snapshotAudit)
        #expect(Int(try sqlite(restored, "SELECT count(*) FROM persons")) == snapshotPersons)
        #expect(try sqlite(restored, "PRAGMA integrity_check") == "ok")
        // The restored clinic works: staff sign in and read.
        #expect(try CLI(database: restored).as("mo").run("case", "list").status == 0)
    }

    @Test func verifyRestoreRefusalsAndTampering() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        var admin = cli.as("admin")
        admin.environment["CLEARANCE_BACKUP_PASSPHRASE"] = Self.phrase
        let file = dir.appendingPathComponent("b.clbk").path
        #expect(try admin.run("backup", "--out", file).status == 0)
        // Never over an existing file, for the backup or the restore.
        #expect(try admin.run("backup", "--out", file).status == 7)
        let live = cli.environment["CLEARANCE_DB"]!
        let over = try admin.run("restore", file, "--db", live)
        #expect(over.status == 7 && over.stderr.contains("never writes over a database"))
        // Only administrators back up; a short passphrase is refused.
        var nurse = cli.as("nurse"); nurse.environment["CLEARANCE_BACKUP_PASSPHRASE"] = Self.phrase
        #expect(try nurse.run("backup", "--out", dir.appendingPathComponent("n.clbk").path).status == 4)
        var weak = cli.as("admin"); weak.environment["CLEARANCE_BACKUP_PASSPHRASE"] = "short"
        #expect(try weak.run("backup", "--out", dir.appendingPathComponent("w.clbk").path).status == 6)

        // Verify: the digest without a secret, everything with it; a wrong passphrase is exit 3.
        var anyone = CLI(database: dir.appendingPathComponent("none.sqlite").path)
        anyone.environment["CLEARANCE_BACKUP_PASSPHRASE"] = nil
        let digestOnly = try anyone.run("backup", "verify", file, "--json")
        #expect(digestOnly.status == 0, "\(digestOnly.stderr)")
        #expect(digestOnly.object["opened"] as? Bool == false)
        let full = try admin.run("backup", "verify", file, "--json")
        #expect(full.status == 0 && full.object["opened"] as? Bool == true, "\(full.stderr)")
        var wrong = admin; wrong.environment["CLEARANCE_BACKUP_PASSPHRASE"] = "not the passphrase at all"
        #expect(try wrong.run("backup", "verify", file).status == 3)
        #expect(try wrong.run("restore", file, "--db", dir.appendingPathComponent("x.sqlite").path).status == 3)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.sqlite").path))

        // One flipped byte in the middle: the digest and the piece's tag both catch it.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0x40
        let tampered = dir.appendingPathComponent("t.clbk")
        try bytes.write(to: tampered)
        let t = try anyone.run("backup", "verify", tampered.path)
        #expect(t.status == 6 && t.stderr.contains("digest"))
        #expect(try admin.run("restore", tampered.path, "--db", dir.appendingPathComponent("t.sqlite").path).status == 6)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("t.sqlite").path))
        // Cut short: refused too.
        try bytes.prefix(bytes.count / 3).write(to: tampered.appendingPathExtension("cut"))
        #expect(try anyone.run("backup", "verify", tampered.path + ".cut").status == 6)
    }

    @Test func theSigningKeyIsBackedUpOnlyWhenAskedAndAKeyPairCanReplaceThePassphrase() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let admin = cli.as("admin")
        let keys = dir.appendingPathComponent("keys").path
        #expect(try admin.run("keys", "init", "--dir", keys).status == 0)
        let pair = dir.appendingPathComponent("offsite.key").path
        #expect(try admin.run("backup", "keygen", "--out", pair).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: pair)[.posixPermissions] as? Int == 0o600)

        var noPhrase = admin; noPhrase.environment["CLEARANCE_BACKUP_PASSPHRASE"] = nil
        let plain = dir.appendingPathComponent("plain.clbk").path
        let a = try noPhrase.run("backup", "--out", plain, "--recipient", pair + ".pub", "--json")
        #expect(a.status == 0, "\(a.stderr)")
        let withKey = dir.appendingPathComponent("withkey.clbk").path
        let b = try noPhrase.run("backup", "--out", withKey, "--recipient", pair + ".pub", "--with-signing-key", "--key-dir", keys)
        #expect(b.status == 0, "\(b.stderr)")

        let va = try noPhrase.run("backup", "verify", plain, "--json")
        #expect(va.object["contents"] as? [String] == ["clinic.sqlite"])
        let vb = try noPhrase.run("backup", "verify", withKey, "--identity", pair, "--json")
        #expect(vb.object["contents"] as? [String] == ["clinic.sqlite", "keys/clinic.key", "keys/clinic.pub"])
        #expect(vb.object["opened"] as? Bool == true, "\(vb.stderr)")

        // Restoring with the private key: the signing key lands in --key-dir with mode 0600.
        let target = dir.appendingPathComponent("new/clinic.sqlite").path
        let newKeys = dir.appendingPathComponent("new/keys")
        let r = try noPhrase.run("restore", withKey, "--db", target, "--identity", pair, "--key-dir", newKeys.path, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let restoredKey = newKeys.appendingPathComponent("clinic.key").path
        #expect(try Data(contentsOf: URL(fileURLWithPath: restoredKey)) == Data(contentsOf: URL(fileURLWithPath: keys + "/clinic.key")))
        #expect(try FileManager.default.attributesOfItem(atPath: restoredKey)[.posixPermissions] as? Int == 0o600)
        // Without the key (or passphrase) the restore is refused; a key is never written over.
        #expect(try noPhrase.run("restore", withKey, "--db", dir.appendingPathComponent("n2.sqlite").path, "--identity", pair,
                                 "--key-dir", newKeys.path).status == 7)
    }
}
