import ClearanceStore
import Foundation
import GRDB
import Testing

/// Tamper evidence tried as an attacker with a shell on the clinic machine would: the sqlite3
/// shell on the database file, triggers dropped first, rows edited or deleted, the audit chain
/// truncated or re-hashed. `audit verify` (with an anchor kept elsewhere where the log itself was
/// rewritten) must name each change and exit 1; none passes.
@Suite("Audit tamper evidence (binary, sqlite3 shell)")
struct AuditTamperTests {
    /// Runs the sqlite3 shell with `sql`; its exit status and output.
    static func shell(_ db: String, _ sql: String) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [db]
        let inp = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = inp; p.standardOutput = out; p.standardError = err
        try p.run()
        inp.fileHandleForWriting.write(Data((".bail on\n" + sql + "\n").utf8))
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A copy of the database files (WAL and SHM too) to tamper with.
    static func copy(_ db: String, to name: String, in dir: URL) throws -> String {
        let target = dir.appendingPathComponent(name).path
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
            try? FileManager.default.removeItem(atPath: target + suffix)
            try FileManager.default.copyItem(atPath: db + suffix, toPath: target + suffix)
        }
        return target
    }

    /// Every trigger of the database, dropped (the attacker's first step).
    static func dropTriggers(_ db: String) throws {
        let names = try sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'").split(separator: "\n")
        #expect(!names.isEmpty)
        let r = try shell(db, names.map { "DROP TRIGGER \($0);" }.joined(separator: "\n"))
        #expect(r.status == 0, "\(r.err)")
    }

    /// Re-hashes the whole chain from `from` on, as someone who knows the format would after
    /// editing an entry (plain SHA-256, no key involved).
    static func rehashChain(_ db: String, from: Int64) throws {
        let rows = try shell(db, ".mode json\nSELECT id, at, username, action, entity_type, entity_id, detail, prev_hash, content FROM audit_log WHERE id >= \(from - 1) ORDER BY id;")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(rows.out.utf8)) as? [[String: Any]])
        var prev: String?
        var updates: [String] = []
        for r in list {
            let id = Int64(r["id"] as? Int ?? 0)
            if id < from { prev = try sqlite(db, "SELECT hash FROM audit_log WHERE id = \(id)"); continue }
            var entry = AuditEntryRecord(id: id, at: r["at"] as? String ?? "", username: r["username"] as? String ?? "",
                                         action: r["action"] as? String ?? "", entityType: r["entity_type"] as? String ?? "",
                                         entityId: r["entity_id"] as? String ?? "", detail: r["detail"] as? String ?? "",
                                         prevHash: prev ?? AuditLog.genesisHash, hash: "", content: r["content"] as? String)
            entry.hash = entry.computedHash
            updates.append("UPDATE audit_log SET prev_hash = '\(entry.prevHash)', hash = '\(entry.hash)' WHERE id = \(id);")
            prev = entry.hash
        }
        let r = try shell(db, "BEGIN;\n" + updates.joined(separator: "\n") + "\nCOMMIT;")
        #expect(r.status == 0, "\(r.err)")
    }

    /// `audit verify --json` on `db` (with `anchor` when given): exit status and findings.
    static func verify(_ cli: CLI, _ db: String, anchor: String? = nil) throws -> (status: Int32, findings: [[String: Any]], out: String) {
        let r = try cli.run(["audit", "verify", "--db", db, "--json"] + (anchor.map { ["--anchor", $0] } ?? []))
        return (r.status, r.object["findings"] as? [[String: Any]] ?? [], r.stdout + r.stderr)
    }

    @Test func everyChangeBehindTheApplicationsBackIsNamed() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = cli.environment["CLEARANCE_DB"]!
        let (caseID, certID, personID) = try CaseLifecycleTests.certifiedCase(cli, dir)
        let attached = try cli.as("nurse").run("attach", "--encounter", "2", "--kind", "other", AttachmentEndToEndTests.fixture("grey16.png"), "--json")
        #expect(attached.status == 0, "\(attached.stderr)")
        let attachmentID = String(try #require(attached.object["id"] as? Int))
        let anchor = dir.appendingPathComponent("anchor.txt").path
        let anchored = try cli.as("admin").run("audit", "anchor", "--out", anchor)
        #expect(anchored.status == 0, "\(anchored.stderr)")
        #expect(try cli.as("clerk").run("audit", "anchor", "--out", anchor, "--force").status == 4)

        // Untouched, with and without the anchor: intact.
        let clean = try Self.verify(cli, db, anchor: anchor)
        #expect(clean.status == 0 && clean.findings.isEmpty, "\(clean.out)")

        // With the triggers in place the shell cannot change a clinical row.
        let refused = try Self.shell(try Self.copy(db, to: "refused.sqlite", in: dir), "UPDATE persons SET surname = 'Mallory' WHERE id = \(personID);")
        #expect(refused.status != 0, "the sqlite3 shell changed a person with the triggers in place")

        let obs = try sqlite(db, "SELECT id || ' ' || encounter_id FROM observations WHERE value_text IS NOT NULL ORDER BY id LIMIT 1").split(separator: " ")
        let coded = try sqlite(db, "SELECT id FROM encounters WHERE result_codes <> '[]' ORDER BY id LIMIT 1")
        let decision = try sqlite(db, "SELECT id FROM decisions WHERE case_id = \(caseID)")
        let withObservations = try sqlite(db, """
            SELECT e.id FROM encounters e WHERE EXISTS (SELECT 1 FROM observations o WHERE o.encounter_id = e.id)
            AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.encounter_id = e.id) ORDER BY e.id DESC LIMIT 1
            """)
        let otherPerson = try sqlite(db, "SELECT min(id) FROM persons WHERE id <> \(personID)")
        #expect(!coded.isEmpty && !decision.isEmpty && !withObservations.isEmpty && obs.count == 2)
        let keyID = "00112233aabbccdd"

        // (name, SQL, the finding expected: problem, entity, entity id; nil entity: the chain)
        let attacks: [(String, String, String, String?, String?, Bool)] = [
            ("observation", "UPDATE observations SET value_text = 'nothing to note' WHERE id = \(obs[0]);", "differs", "encounter", String(obs[1]), false),
            ("result code", "UPDATE encounters SET result_codes = '[]' WHERE id = \(coded);", "differs", "encounter", coded, false),
            ("person name", "UPDATE persons SET surname = 'Mallory' WHERE id = \(personID);", "differs", "person", personID, false),
            ("document number", "UPDATE persons SET document_number = 'Z0000001', document_key = 'Z0000001' WHERE id = \(otherPerson);", "differs", "person", otherPerson, false),
            ("decision", "UPDATE decisions SET decision = 'UNFIT' WHERE id = \(decision);", "differs", "decision", decision, false),
            ("certificate outcome", "UPDATE certificates SET outcome = 'UNFIT' WHERE id = '\(certID)';", "differs", "certificate", certID, false),
            ("certificate status", "UPDATE certificates SET status = 'revoked', status_reason = 'x' WHERE id = '\(certID)';", "differs", "certificate", certID, false),
            ("user roles", #"UPDATE users SET roles = '["admin","clerk","medical-officer"]' WHERE username = 'clerk';"#, "differs", "user", "clerk", false),
            ("password hash", "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'admin') WHERE username = 'nurse';", "differs", "user", "nurse", false),
            ("encounter deleted", "DELETE FROM observations WHERE encounter_id = \(withObservations); DELETE FROM encounters WHERE id = \(withObservations);", "row-gone", "encounter", withObservations, false),
            ("encounter deleted, observations left", "DELETE FROM encounters WHERE id = \(withObservations);", "row-gone", "encounter", withObservations, false),
            ("normalised copy replaced", "UPDATE attachment_renditions SET bytes = (SELECT bytes FROM attachment_renditions WHERE kind = 'thumbnail' AND attachment_id = \(attachmentID)) WHERE kind = 'normalised' AND attachment_id = \(attachmentID);", "differs", "attachment", attachmentID, false),
            ("signing key inserted", "INSERT INTO signing_keys (key_id, public_key, created_at, created_by) VALUES ('\(keyID)', 'x', '2026-01-01T00:00:00.000Z', 'admin');", "no-entry", "signing-key", keyID, false),
            ("person inserted", "INSERT INTO persons (surname, given_names, date_of_birth, sex, nationality, document_type, document_number, document_key, created_at, created_by) VALUES ('Ghost', 'G', '1990-01-01', 'F', 'KEN', 'passport', 'G1', 'G1', '2026-01-01', 'clerk');", "no-entry", "person", nil, false),
            ("newest entries deleted", "DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log);", "chain", nil, nil, true),
        ]
        for (n, attack) in attacks.enumerated() {
            let (name, sql, problem, entity, entityID, needsAnchor) = attack
            let copy = try Self.copy(db, to: "attack-\(n).sqlite", in: dir)
            try Self.dropTriggers(copy)
            let r = try Self.shell(copy, sql)
            #expect(r.status == 0, "\(name): \(r.err)")
            let found = try Self.verify(cli, copy, anchor: needsAnchor ? anchor : nil)
            #expect(found.status == 1, "\(name) passed audit verify: \(found.out)")
            #expect(found.findings.contains { $0["problem"] as? String == problem && $0["entity"] as? String == entity
                    && (entityID == nil || $0["entity_id"] as? String == entityID) }, "\(name): \(found.out)")
            // The anchor never hides a row finding, and every finding names an entry or a row.
            let anchored = try Self.verify(cli, copy, anchor: anchor)
            #expect(anchored.status == 1, "\(name) passed with the anchor: \(anchored.out)")
        }

        // An entry edited (the person's recorded digest made to match the edited row) and the
        // plain SHA-256 chain recomputed: consistent in itself, so only the anchor can tell.
        let rewritten = try Self.copy(db, to: "rewritten.sqlite", in: dir)
        try Self.dropTriggers(rewritten)
        #expect(try Self.shell(rewritten, "UPDATE persons SET surname = 'Mallory' WHERE id = \(personID);").status == 0)
        let entry = try #require(Int64(try sqlite(rewritten, "SELECT max(id) FROM audit_log WHERE content LIKE 'person \(personID)=%'")))
        let forged = try ClinicDatabase(path: rewritten).read { db in try AuditContent.digest(db, AuditSubject(.person, personID)) }
        #expect(try Self.shell(rewritten, "UPDATE audit_log SET content = 'person \(personID)=\(try #require(forged))' WHERE id = \(entry);").status == 0)
        let unchained = try Self.verify(cli, rewritten)
        #expect(unchained.status == 1 && unchained.findings.contains { $0["problem"] as? String == "chain" }, "\(unchained.out)")
        try Self.rehashChain(rewritten, from: entry)
        let unanchored = try Self.verify(cli, rewritten)
        #expect(unanchored.status == 0, "the recomputed chain should be self-consistent: \(unanchored.out)")
        let anchoredID = try #require(Int(try sqlite(db, "SELECT max(id) FROM audit_log WHERE action = 'anchor'")))
        let caught = try Self.verify(cli, rewritten, anchor: anchor)
        #expect(caught.status == 1 && caught.findings.contains { $0["problem"] as? String == "chain" && $0["entry"] as? Int == anchoredID },
                "a recomputed chain passed with the anchor: \(caught.out)")

        // An anchor whose entry or hash was edited no longer verifies its signature.
        let text = try String(contentsOfFile: anchor, encoding: .utf8)
        let forgedAnchor = dir.appendingPathComponent("forged-anchor.txt").path
        let head = try sqlite(rewritten, "SELECT hash FROM audit_log WHERE id = \(anchoredID)")
        let oldHash = try #require(text.split(separator: "\n").first { $0.hasPrefix("hash: ") }).dropFirst(6)
        try text.replacingOccurrences(of: String(oldHash), with: head).write(toFile: forgedAnchor, atomically: true, encoding: .utf8)
        let badSignature = try Self.verify(cli, rewritten, anchor: forgedAnchor)
        #expect(badSignature.status == 1 && badSignature.out.contains("signature does not verify"), "\(badSignature.out)")
        // Not an anchor at all: invalid input naming the file and line.
        let notAnchor = dir.appendingPathComponent("not-anchor.txt").path
        try "hello\n".write(toFile: notAnchor, atomically: true, encoding: .utf8)
        let bad = try cli.run("audit", "verify", "--anchor", notAnchor)
        #expect(bad.status == 6 && bad.stderr.contains("not-anchor.txt line 1"), "\(bad.stderr)")
    }

    /// Legitimate edits through the application keep `audit verify` intact: person edit, user
    /// edit and roles, password change, case close and reopen, certificate revoke, merge.
    @Test func auditedEditsStayIntact() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (caseID, certID, personID) = try CaseLifecycleTests.certifiedCase(cli, dir)
        #expect(try cli.run("person", "edit", personID, "--set", "surname=Haddād", "--reason", "spelling").status == 0)
        let admin = cli.as("admin")
        #expect(try admin.run("user", "edit", "clerk", "--roles", "clerk,nurse").status == 0)
        let revoked = try cli.as("mo").run("certificate", "revoke", certID, "--reason", "issued on the wrong case")
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try cli.as("mo").run("case", "close", caseID, "--reason", "left the programme").status == 0)
        #expect(try cli.as("mo").run("case", "reopen", caseID, "--reason", "came back").status == 0)
        let verified = try admin.run("audit", "verify", "--json")
        #expect(verified.status == 0 && (verified.object["findings"] as? [Any])?.isEmpty == true, "\(verified.stdout)\(verified.stderr)")
        #expect((verified.object["rows"] as? Int ?? 0) > 10)
    }
}
