import Foundation
import Testing

/// Imports under pressure (issue 13, item 6), through the binary: four writers with large
/// batches never surface SQLite's "database is locked"; a full disk stops an import with a
/// plain message (exit 11) saying what was saved, and running it again finishes it exactly.
@Suite("Import under pressure (binary)", .serialized)
struct ImportPressureTests {
    /// `count` tb import lines with ids `prefix0...`, spread over demo cases 2-4.
    static func lines(_ answers: Any, prefix: String, count: Int) throws -> String {
        var text = ""
        for i in 0..<count {
            text += try ImportRerunTests.line(["id": "\(prefix)\(i)", "case": 2 + i % 3, "answers": answers, "supersede": "screened again"]) + "\n"
        }
        return text
    }

    @Test func fourWritersWithLargeBatchesNeverSeeALockedDatabase() throws {
        let (dir, base) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nurse = base.as("nurse")
        let answers = try ImportRerunTests.tbAnswers(nurse)
        let before = try ImportRerunTests.tbEncounters(nurse)
        // --batch 3000 takes each whole file in one batch; its transactions stay short.
        let perWriter = 800
        var processes: [(Process, Pipe, Pipe)] = []
        for w in 0..<4 {
            let file = dir.appendingPathComponent("w\(w).jsonl")
            try Self.lines(answers, prefix: "W\(w)-", count: perWriter).write(to: file, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["import", "tb", file.path, "--batch", "3000"]
            var environment = nurse.environment
            // Stricter than the default 30 s: no writer may wait 10 s for the others.
            environment["CLEARANCE_BUSY_TIMEOUT"] = "10"
            p.environment = environment
            let out = Pipe(), err = Pipe()
            p.standardOutput = out; p.standardError = err
            processes.append((p, out, err))
        }
        for (p, _, _) in processes { try p.run() }
        for (i, (p, out, err)) in processes.enumerated() {
            let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "writer \(i): \(p.terminationStatus) \(o)\(e)")
            #expect(o.contains("Imported \(perWriter) tb encounters"), "writer \(i): \(o)")
            for word in ["locked", "SQLITE_BUSY", "busy"] { #expect(!(o + e).contains(word), "writer \(i): \(o)\(e)") }
        }
        #expect(try ImportRerunTests.tbEncounters(nurse) == before + 4 * perWriter)
        let verify = try nurse.as("admin").run("audit", "verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    /// Runs `command` and returns its status (for mount and umount).
    @discardableResult
    static func shell(_ command: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A real full disk: the database on a small tmpfs (mounted by the test, as root), shrunk
    /// to just above what the database holds before the import.
    @Test func fullDiskStopsWithAPlainMessageAndTheRerunFinishes() throws {
        let dir = try temporaryDirectory()
        let mountPoint = dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        #expect(try Self.shell("mount -t tmpfs -o size=64m tmpfs '\(mountPoint.path)'") == 0,
                "this test mounts a small tmpfs to fill a disk: run it as root (or with CAP_SYS_ADMIN)")
        defer {
            _ = try? Self.shell("umount '\(mountPoint.path)'")
            try? FileManager.default.removeItem(at: dir)
        }
        let db = mountPoint.appendingPathComponent("clinic.sqlite").path
        let cli = CLI(database: db)
        #expect(try cli.run("demo", "--db", db).status == 0)
        let nurse = cli.as("nurse")
        let answers = try ImportRerunTests.tbAnswers(nurse)
        let total = 600
        let file = dir.appendingPathComponent("tb.jsonl")
        try Self.lines(answers, prefix: "F", count: total).write(to: file, atomically: true, encoding: .utf8)
        _ = try sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE)")
        // Room for a few batches only.
        let used = try FileManager.default.attributesOfFileSystem(forPath: mountPoint.path)
        let size = (used[.systemSize] as? Int ?? 0) - (used[.systemFreeSize] as? Int ?? 0)
        #expect(try Self.shell("mount -o remount,size=\(size + 400 * 1024) '\(mountPoint.path)'") == 0)

        let full = try nurse.run("import", "tb", file.path, "--batch", "20")
        #expect(full.status == 11, "\(full.status) \(full.stdout)\(full.stderr)")
        #expect(full.stderr.contains("the disk is full") && full.stderr.contains("run the same import again to continue"), "\(full.stderr)")
        for word in ["SQLITE", "code 13", "database or disk is full"] { #expect(!full.stderr.contains(word), "\(full.stderr)") }
        // What it says was saved is what the file holds.
        let saved = try sqlite(db, "SELECT count(*) FROM import_keys")
        if saved == "0" {
            #expect(full.stderr.contains("Nothing of this import was saved"), "\(full.stderr)")
        } else {
            #expect(full.stderr.contains("Saved before it stopped: \(saved) encounters (lines 1-\(saved))"), "saved \(saved): \(full.stderr)")
        }

        #expect(try Self.shell("mount -o remount,size=64m '\(mountPoint.path)'") == 0)
        let again = try nurse.run("import", "tb", file.path, "--json")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.object["imported"] as? Int == total - (Int(saved) ?? 0), "\(again.stdout.prefix(200))")
        #expect(try sqlite(db, "SELECT count(*) FROM import_keys") == "\(total)")
        let verify = try nurse.as("admin").run("audit", "verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}

/// A database held by another program past the busy timeout: a plain message, exit 10.
@Suite("Database busy (binary)")
struct DatabaseBusyTests {
    @Test func heldDatabaseGivesAPlainBusyMessage() throws {
        let (dir, base) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = base.environment["CLEARANCE_DB"]!
        var cli = base.as("nurse")
        cli.environment["CLEARANCE_BUSY_TIMEOUT"] = "1"
        let answers = try ImportRerunTests.tbAnswers(cli)
        let file = dir.appendingPathComponent("tb.jsonl")
        try ImportPressureTests.lines(answers, prefix: "B", count: 5).write(to: file, atomically: true, encoding: .utf8)
        // The sqlite3 shell holds the write lock (BEGIN IMMEDIATE) until its input ends.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [db]
        let input = Pipe(), out = Pipe()
        holder.standardInput = input; holder.standardOutput = out
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'held';\n".utf8))
        // Wait until the shell says it holds the lock.
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("held") { said += out.fileHandleForReading.availableData }
        defer { try? input.fileHandleForWriting.close(); holder.waitUntilExit() }

        let added = try cli.as("clerk").run("person", "add", "--surname", "Busy", "--given", "Test", "--dob", "1990-01-01", "--sex", "F",
                                            "--nationality", "JOR", "--document-number", "BZ123456")
        #expect(added.status == 10, "\(added.status) \(added.stderr)")
        #expect(added.stderr.contains("the database is busy") && !added.stderr.contains("database is locked"), "\(added.stderr)")
        let imported = try cli.run("import", "tb", file.path)
        // The sign-in itself may be the write that waits; either way: exit 10, a plain message.
        #expect(imported.status == 10, "\(imported.status) \(imported.stdout)\(imported.stderr)")
        #expect(!imported.stderr.contains("database is locked") && !imported.stderr.contains("SQLITE_BUSY"), "\(imported.stderr)")
    }
}
