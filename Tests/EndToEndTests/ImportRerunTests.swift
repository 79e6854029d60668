import Foundation
import Testing

/// Imports that can be run again (issue 13, item 5), through the binary: keys skip lines already
/// saved, a `kill -9` mid-import is continued by running it again, strict line types.
@Suite("Import re-runs (binary)")
struct ImportRerunTests {
    /// The tb module's template answers (valid for an adult), as a JSON object.
    static func tbAnswers(_ cli: CLI) throws -> Any {
        let template = try cli.run("modules", "template", "tb")
        #expect(template.status == 0, "\(template.stderr)")
        return try JSONSerialization.jsonObject(with: Data(template.stdout.utf8))
    }

    /// One import line.
    static func line(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func tbEncounters(_ cli: CLI) throws -> Int {
        Int(try sqlite(cli.environment["CLEARANCE_DB"]!, "SELECT count(*) FROM encounters WHERE module_id = 'tb'")) ?? -1
    }

    @Test func runningAFileAgainSkipsWhatWasSaved() throws {
        let (dir, base) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nurse = base.as("nurse")
        let answers = try Self.tbAnswers(nurse)
        let before = try Self.tbEncounters(nurse)
        // Lines 1-4 with the sender's ids (a string, an integer), line 5 without one; line 2 ends in CRLF.
        // A case screened again on a later line says so (`supersede`), as `record --supersede` does.
        var text = try Self.line(["id": "A-1", "case": 2, "answers": answers]) + "\n"
        text += try Self.line(["id": "A-2", "case": 3, "answers": answers]) + "\r\n"
        text += try Self.line(["id": 3, "case": 4, "answers": answers]) + "\n"
        text += try Self.line(["id": "A-4", "case": 2, "answers": answers, "supersede": "screened again"]) + "\n"
        text += try Self.line(["case": 3, "answers": answers, "supersede": "screened again"]) + "\n"
        let file = dir.appendingPathComponent("tb.jsonl")
        try text.write(to: file, atomically: true, encoding: .utf8)

        let first = try nurse.run("import", "tb", file.path)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("Imported 5 tb encounters; skipped 0 already imported; refused 0."), "\(first.stdout)")
        #expect(first.stdout.contains("imported: lines 1-5"), "\(first.stdout)")
        #expect(try Self.tbEncounters(nurse) == before + 5)

        // The same file again: every line skipped and counted, nothing saved twice.
        let again = try nurse.run("import", "tb", file.path, "--json")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.object["imported"] as? Int == 0, "\(again.stdout)")
        let skipped = again.object["skipped"] as? [[String: Any]] ?? []
        #expect(skipped.compactMap { $0["line"] as? Int } == [1, 2, 3, 4, 5], "\(again.stdout)")
        #expect(try Self.tbEncounters(nurse) == before + 5)

        // Two lines added (one an id already used on line 1): only the new one is saved.
        text += try Self.line(["id": "A-1", "case": 4, "answers": answers]) + "\n"
        text += try Self.line(["id": "A-7", "case": 4, "answers": answers, "supersede": "screened again"]) + "\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let third = try nurse.run("import", "tb", file.path)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("Imported 1 tb encounter; skipped 6 already imported; refused 0."), "\(third.stdout)")
        #expect(third.stdout.contains("imported: line 7") && third.stdout.contains("skipped: lines 1-6"), "\(third.stdout)")
        #expect(try Self.tbEncounters(nurse) == before + 6)
        let db = nurse.environment["CLEARANCE_DB"]!
        #expect(try sqlite(db, "SELECT count(*) FROM import_keys WHERE module_id = 'tb'") == "6")
        #expect(try sqlite(db, "SELECT key FROM import_keys WHERE key LIKE 'id:%' ORDER BY key") == "id:3\nid:A-1\nid:A-2\nid:A-4\nid:A-7")
    }

    @Test func strictLinesNameTheLine() throws {
        let (dir, base) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nurse = base.as("nurse")
        let answers = try Self.tbAnswers(nurse)
        let before = try Self.tbEncounters(nurse)
        let case1 = try Self.tbEncountersOnCase1(nurse.environment["CLEARANCE_DB"]!)
        var data = Data()
        for object: [String: Any] in [["case": true, "answers": answers], ["case": 1.9, "answers": answers],
                                      ["case": "2", "answers": answers], ["id": false, "case": 2, "answers": answers],
                                      ["case": 2, "answers": answers, "anwsers": [:]]] {
            data += Data((try Self.line(object) + "\n").utf8)
        }
        // Line 6: invalid UTF-8 inside a string (was stored as U+FFFD); line 7 valid, CRLF.
        data += Data("{\"case\": 2, \"answers\": {\"notes\": \"caf".utf8) + Data([0xC3, 0x28]) + Data("\"}}\n".utf8)
        data += Data((try Self.line(["id": "ok", "case": 2, "answers": answers]) + "\r\n").utf8)
        let file = dir.appendingPathComponent("strict.jsonl")
        try data.write(to: file)

        let r = try nurse.run("import", "tb", file.path, "--json")
        #expect(r.status == 6, "\(r.stdout)\(r.stderr)")
        let refused = r.object["refused"] as? [[String: Any]] ?? []
        #expect(refused.compactMap { $0["line"] as? Int } == [1, 2, 3, 4, 5, 6], "\(r.stdout)")
        func issue(_ line: Int) -> (String, String) {
            let i = (refused.first { $0["line"] as? Int == line }?["issues"] as? [[String: String]])?.first ?? [:]
            return (i["field"] ?? "", i["message"] ?? "")
        }
        for n in [1, 2, 3] { #expect(issue(n).0 == "case" && issue(n).1.contains("whole number"), "line \(n): \(issue(n))") }
        #expect(issue(4).0 == "id", "\(issue(4))")
        #expect(issue(5).0 == "anwsers" && issue(5).1.contains("unknown name"), "\(issue(5))")
        #expect(issue(6).1.contains("not valid UTF-8"), "\(issue(6))")
        #expect(r.object["imported_lines"] as? [Int] == [7], "\(r.stdout)")
        #expect(try Self.tbEncounters(nurse) == before + 1)
        // Nothing filed under case 1 (true and 1.9 once were), no replacement character stored.
        let db = nurse.environment["CLEARANCE_DB"]!
        #expect(try Self.tbEncountersOnCase1(db) == case1)
        #expect(try sqlite(db, "SELECT count(*) FROM observations WHERE value_text LIKE '%' || char(65533) || '%'") == "0")

        // The text form names file and line.
        let text = try nurse.run("import", "tb", file.path)
        #expect(text.stderr.contains("\(file.path):1: case: must be a whole number"), "\(text.stderr)")
        #expect(text.stderr.contains("\(file.path):6: (line): not valid UTF-8"), "\(text.stderr)")
        #expect(text.stdout.contains("skipped 1 already imported; refused 6."), "\(text.stdout)")

        // A directory is refused, saying so; nothing saved.
        let folder = try nurse.run("import", "tb", dir.path)
        #expect(folder.status == 6 && folder.stderr.contains("is a directory"), "\(folder.stdout)\(folder.stderr)")
        let missing = try nurse.run("import", "tb", dir.appendingPathComponent("none.jsonl").path)
        #expect(missing.status == 5 && missing.stderr.contains("no such file"), "\(missing.stderr)")
        #expect(try Self.tbEncounters(nurse) == before + 1)
    }

    static func tbEncountersOnCase1(_ db: String) throws -> Int {
        Int(try sqlite(db, "SELECT count(*) FROM encounters WHERE module_id = 'tb' AND case_id = 1")) ?? -1
    }

    /// `kill -9` in the middle of an import, then the same command again: exactly the file's
    /// rows, none twice, and the audit chain holds.
    @Test func killedImportIsContinuedByRunningItAgain() throws {
        let (dir, base) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nurse = base.as("nurse")
        let db = nurse.environment["CLEARANCE_DB"]!
        let answers = try Self.tbAnswers(nurse)
        let before = try Self.tbEncounters(nurse)
        let total = 3000
        var text = ""
        for i in 0..<total {
            // Every third line without an id: keyed by its text, the same text again counted (#2, #3...).
            // Every line screens one of three cases again: it says so (`supersede`).
            let object: [String: Any] = i % 3 == 0 ? ["case": 2, "answers": answers, "supersede": "screened again"]
                : ["id": "K\(i)", "case": 2 + i % 3, "answers": answers, "supersede": "screened again"]
            text += try Self.line(object) + (i % 2 == 0 ? "\n" : "\r\n")
        }
        let file = dir.appendingPathComponent("big.jsonl")
        try text.write(to: file, atomically: true, encoding: .utf8)

        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["import", "tb", file.path, "--batch", "20"]
        p.environment = nurse.environment
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait for some batches to be committed, then kill -9.
        var landed = 0
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, p.isRunning {
            landed = Int(try sqlite(db, "SELECT count(*) FROM import_keys")) ?? 0
            if landed >= 100 { break }
            usleep(20_000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL, "the import ended before it was killed")
        let afterKill = try Self.tbEncounters(nurse)
        let keys = Int(try sqlite(db, "SELECT count(*) FROM import_keys")) ?? -1
        #expect(keys > 0 && keys < total, "killed after \(keys) lines")
        // A line is saved with its key or not at all.
        #expect(afterKill - before == keys, "\(afterKill - before) encounters, \(keys) keys")

        let again = try nurse.run("import", "tb", file.path, "--batch", "500", "--json")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.object["imported"] as? Int == total - keys, "\(again.stdout.prefix(300))")
        #expect((again.object["skipped"] as? [Any])?.count == keys)
        #expect(try Self.tbEncounters(nurse) == before + total)
        #expect(try sqlite(db, "SELECT count(*) FROM import_keys") == "\(total)")
        #expect(try sqlite(db, "SELECT count(*) FROM encounters e WHERE module_id = 'tb' AND NOT EXISTS (SELECT 1 FROM import_keys k WHERE k.encounter_id = e.id)") == "\(before)")
        let verify = try nurse.as("admin").run("audit", "verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
