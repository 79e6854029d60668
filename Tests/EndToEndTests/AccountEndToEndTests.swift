import Foundation
import Testing

/// Accounts through the binary: lockout, disabled accounts, corrections, passwords, audit.
@Suite struct AccountEndToEndTests {
    static let strong = "correct horse battery staple"

    /// A demo database with a second administrator (so one can unlock the other).
    func clinic() throws -> (dir: URL, cli: CLI) {
        let (dir, cli) = try demoDatabase()
        var add = cli.as("admin")
        add.environment["CLEARANCE_NEW_PASSWORD"] = Self.strong
        let r = try add.run("user", "add", "boss", "--roles", "admin", "--name", "Second Admin")
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, cli)
    }

    func auditActions(_ cli: CLI, entity: String) throws -> [[String: Any]] {
        let r = try cli.as("boss", password: Self.strong).run("audit", "log", "--limit", "1000", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        return r.array.filter { ($0["entity_id"] as? String) == entity || ($0["entity"] as? String) == entity }
    }

    @Test func fiftyWrongPasswordsLockTheAccountAndTheRightOneIsRefusedUntilUnlocked() throws {
        let (dir, cli) = try clinic()
        defer { try? FileManager.default.removeItem(at: dir) }
        var messages: [String] = []
        for i in 0..<50 {
            let r = try cli.as("nurse", password: "guess-\(i)").run("case", "list")
            #expect(r.status == 3, "attempt \(i): \(r.stderr)")
            messages.append(r.stderr)
        }
        #expect(messages[0..<4].allSatisfy { $0.contains("wrong user name or password") && !$0.contains("locked") })
        #expect(messages[4].contains("locked until"), "the fifth failure starts the lock: \(messages[4])")
        // Each later attempt is refused unchecked while the lock runs; on a slow machine a lock
        // may run out between two attempts, and the next wrong password then locks for twice as long.
        #expect(messages[5...].allSatisfy { $0.contains("sign-in refused for 'nurse': locked after") || $0.contains("locked until") })
        // The right password does not get in while the lock runs (make sure one runs: if it is
        // about to end, wait for it to end and fail once more, which locks for longer).
        let db = cli.environment["CLEARANCE_DB"]!
        func remaining() throws -> Double {
            (Double(try sqlite(db, "SELECT locked_until_unix FROM login_throttle WHERE username = 'nurse'")) ?? 0) - Date().timeIntervalSince1970
        }
        var extra = 0
        if try remaining() < 10 {
            while try remaining() > 0 { Thread.sleep(forTimeInterval: 0.5) }
            _ = try cli.as("nurse", password: "one more guess").run("case", "list")
            extra = 1
        }
        let right = try cli.as("nurse").run("case", "list")
        #expect(right.status == 3)
        #expect(right.stderr.contains("locked"))
        #expect(right.stderr.contains("clearance user unlock nurse"))
        // The lock is stored per name; the admin sees it and lifts it.
        let list = try cli.as("boss", password: Self.strong).run("user", "list", "--json")
        let nurse = list.array.first { $0["username"] as? String == "nurse" }
        #expect(nurse?["locked_until"] is String)
        let counted = nurse?["failed_sign_ins"] as? Int ?? 0
        #expect(counted >= 5 && counted < 10, "\(counted) failures counted: attempts while locked must not count")
        let unlock = try cli.as("boss", password: Self.strong).run("user", "unlock", "nurse")
        #expect(unlock.status == 0, "\(unlock.stderr)")
        #expect(try cli.as("nurse").run("case", "list").status == 0)
        #expect(try sqlite(db, "SELECT count(*) FROM login_throttle WHERE username = 'nurse'") == "0")

        let entries = try auditActions(cli, entity: "nurse")
        let failed = entries.filter { $0["action"] as? String == "login-failed" }
        func reason(_ r: String) -> Int { failed.filter { ($0["detail"] as? String)?.contains("\"reason\":\"\(r)\"") == true }.count }
        #expect(failed.count == 51 + extra)
        #expect(reason("wrong-password") == counted)
        #expect(reason("locked") == 51 + extra - counted)
        #expect(entries.filter { $0["action"] as? String == "lock" }.count == counted - 4)
        #expect(entries.contains { $0["action"] as? String == "unlock" && $0["user"] as? String == "boss" })
    }

    @Test func anUnknownNameIsThrottledLikeAKnownOne() throws {
        let (dir, cli) = try clinic()
        defer { try? FileManager.default.removeItem(at: dir) }
        var known: [String] = [], unknown: [String] = []
        for i in 0..<6 {
            known.append(try cli.as("clerk", password: "x\(i)").run("case", "list").stderr.replacingOccurrences(of: "clerk", with: "NAME"))
            unknown.append(try cli.as("nobody", password: "x\(i)").run("case", "list").stderr.replacingOccurrences(of: "nobody", with: "NAME"))
        }
        func stripTimes(_ s: String) -> String { s.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT[0-9:.]+Z|\d+ s\b"#, with: "T", options: .regularExpression) }
        #expect(known.map(stripTimes) == unknown.map(stripTimes))
    }

    @Test func aDisabledAccountGetsTheSameAnswerAsAWrongPassword() throws {
        let (dir, cli) = try clinic()
        defer { try? FileManager.default.removeItem(at: dir) }
        let admin = cli.as("boss", password: Self.strong)
        let wrongWhileEnabled = try cli.as("nurse", password: "not-it").run("case", "list")
        #expect(try admin.run("user", "unlock", "nurse").status == 0)
        let off = try admin.run("user", "disable", "nurse", "--reason", "left the clinic")
        #expect(off.status == 0, "\(off.stderr)")
        let right = try cli.as("nurse").run("case", "list")
        let wrong = try cli.as("nurse", password: "not-it").run("case", "list")
        #expect(right.status == 3 && wrong.status == 3)
        #expect(right.stderr == wrong.stderr)
        #expect(right.stderr == wrongWhileEnabled.stderr)
        #expect(!right.stderr.contains("disabled"))
        // Nobody disables themselves, and the list says who is disabled.
        #expect(try admin.run("user", "disable", "boss").status == 7)
        let listed = try admin.run("user", "list", "--json").array.first { $0["username"] as? String == "nurse" }
        #expect(listed?["disabled"] as? Bool == true)
        #expect(try admin.run("user", "enable", "nurse").status == 0)
        #expect(try admin.run("user", "unlock", "nurse").status == 0)
        #expect(try cli.as("nurse").run("case", "list").status == 0)

        let entries = try auditActions(cli, entity: "nurse")
        #expect(entries.contains { $0["action"] as? String == "disable" && ($0["detail"] as? String)?.contains("left the clinic") == true })
        #expect(entries.contains { $0["action"] as? String == "enable" })
        #expect(entries.contains { $0["action"] as? String == "login-failed" && ($0["detail"] as? String)?.contains("\"reason\":\"disabled\"") == true })
    }

    @Test func anOfficerAddedWithoutARegistrationNumberCanBeFixed() throws {
        let (dir, cli) = try clinic()
        defer { try? FileManager.default.removeItem(at: dir) }
        var admin = cli.as("boss", password: Self.strong)
        admin.environment["CLEARANCE_NEW_PASSWORD"] = Self.strong
        #expect(try admin.run("user", "add", "drk", "--roles", "mo", "--name", "Dr Kim").status == 0)
        let edit = try admin.run("user", "edit", "drk", "--registration", "MC-70001", "--name", "Dr Kim Lee", "--roles", "mo,counsellor", "--json")
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.object["registration_number"] as? String == "MC-70001")
        #expect(edit.object["display_name"] as? String == "Dr Kim Lee")
        #expect(edit.object["roles"] as? [String] == ["counsellor", "medical-officer"])
        #expect(try sqlite(cli.environment["CLEARANCE_DB"]!, "SELECT registration_number FROM users WHERE username = 'drk'") == "MC-70001")
        // Nothing to change, an unknown role, an unknown user: each named.
        #expect(try admin.run("user", "edit", "drk").status == 6)
        let badRole = try admin.run("user", "edit", "drk", "--roles", "surgeon")
        #expect(badRole.status == 6 && badRole.stderr.contains("surgeon"))
        #expect(try admin.run("user", "edit", "ghost", "--name", "X").status == 5)
        // Only administrators edit accounts; the last enabled administrator keeps the role.
        #expect(try cli.as("mo").run("user", "edit", "drk", "--registration", "X").status == 4)
        #expect(try admin.run("user", "disable", "admin").status == 0)
        #expect(try admin.run("user", "edit", "boss", "--roles", "clerk").status == 7)

        let entries = try auditActions(cli, entity: "drk")
        let edits = entries.filter { $0["action"] as? String == "edit" }
        #expect(edits.count == 1)
        let detail = edits.first?["detail"] as? String ?? ""
        #expect(detail.contains("\"registration_number\":{\"from\":null,\"to\":\"MC-70001\"}"), "\(detail)")
    }

    @Test func passwordsFollowThePolicyAndChangesAreAudited() throws {
        let (dir, cli) = try clinic()
        defer { try? FileManager.default.removeItem(at: dir) }
        var admin = cli.as("boss", password: Self.strong)
        admin.environment["CLEARANCE_NEW_PASSWORD"] = "short-one"
        let short = try admin.run("user", "add", "amina", "--roles", "nurse")
        #expect(short.status == 6)
        #expect(short.stderr.contains("password") && short.stderr.contains("at least 12 characters"))
        // Own change: the current password is the sign-in one; the old one stops working.
        var nurse = cli.as("nurse")
        nurse.environment["CLEARANCE_NEW_PASSWORD"] = "a much longer passphrase"
        let changed = try nurse.run("user", "password")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try cli.as("nurse").run("case", "list").status == 3)
        #expect(try cli.as("nurse", password: "a much longer passphrase").run("case", "list").status == 0)
        nurse = cli.as("nurse", password: "a much longer passphrase")
        nurse.environment["CLEARANCE_NEW_PASSWORD"] = "tiny"
        #expect(try nurse.run("user", "password").status == 6)
        // Reset by an administrator, which also lifts a lock.
        for i in 0..<5 { _ = try cli.as("clerk", password: "bad\(i)").run("case", "list") }
        admin.environment["CLEARANCE_NEW_PASSWORD"] = "reset by the administrator"
        #expect(try admin.run("user", "reset-password", "clerk").status == 0)
        #expect(try cli.as("clerk", password: "reset by the administrator").run("case", "list").status == 0)
        #expect(try cli.as("nurse", password: "a much longer passphrase").run("user", "reset-password", "clerk").status == 4)

        let nurseEntries = try auditActions(cli, entity: "nurse")
        #expect(nurseEntries.contains { $0["action"] as? String == "password-change" && $0["user"] as? String == "nurse" })
        let clerkEntries = try auditActions(cli, entity: "clerk")
        #expect(clerkEntries.contains { $0["action"] as? String == "password-reset" && $0["user"] as? String == "boss" })
        // No password text ever reaches the audit log.
        let all = try sqlite(cli.environment["CLEARANCE_DB"]!, "SELECT group_concat(detail, ' ') FROM audit_log")
        #expect(!all.contains("a much longer passphrase") && !all.contains("reset by the administrator"))
    }

    @Test func theDemoSaysItsPasswordIsForTheDemoOnly() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("d.sqlite").path
        let r = try CLI(database: db).run("demo", "--db", db)
        #expect(r.status == 0)
        #expect(r.stdout.contains("'demo' is accepted only because this is a demo"))
        #expect(r.stdout.contains("at least 12 characters"))
    }
}
