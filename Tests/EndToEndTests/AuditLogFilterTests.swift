import Foundation
import Testing

/// `audit log` filtered by user, action, case, person and date, without sign-ins, as JSON.
@Suite("Audit log filters (binary)")
struct AuditLogFilterTests {
    func log(_ cli: CLI, _ args: String...) throws -> [[String: Any]] {
        let r = try cli.as("admin").run(["audit", "log", "--json"] + args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return r.array
    }

    @Test func filtersCombine() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Some activity: a confidential read and a sign-in failure.
        _ = try cli.as("mo").run("case", "review", "3")
        _ = try cli.as("clerk", password: "wrong").run("case", "show", "1")

        let all = try log(cli, "--limit", "1000")
        #expect(all.count > 20)
        #expect(Set(all.compactMap { $0["action"] as? String }).isSuperset(of: ["login", "create", "login-failed"]))
        let ids = all.compactMap { $0["id"] as? Int }
        #expect(ids == ids.sorted(by: >), "newest first")

        let quiet = try log(cli, "--no-logins", "--limit", "1000")
        let limited = try log(cli, "--no-logins", "--limit", "3")
        #expect(limited.compactMap { $0["id"] as? Int } == quiet.prefix(3).compactMap { $0["id"] as? Int })

        #expect(!quiet.isEmpty && quiet.allSatisfy { $0["action"] as? String != "login" })
        #expect(quiet.contains { $0["action"] as? String == "login-failed" }, "failed sign-ins stay")
        #expect(quiet.count == all.filter { $0["action"] as? String != "login" }.count)

        let byNurse = try log(cli, "--by", "nurse", "--no-logins", "--limit", "1000")
        #expect(!byNurse.isEmpty && byNurse.allSatisfy { $0["user"] as? String == "nurse" }, "\(byNurse)")

        let creates = try log(cli, "--action", "create", "--limit", "1000")
        #expect(!creates.isEmpty && creates.allSatisfy { $0["action"] as? String == "create" })

        // Case 1: the case itself and its encounters (the demo recorded cxr, acquisition then
        // reading, and tb on it: three entries about two encounters).
        let case1 = try log(cli, "--case", "1", "--limit", "1000")
        let about = Set(case1.map { "\($0["entity"] ?? "") \($0["entity_id"] ?? "")" })
        #expect(about.contains("case 1"), "\(about)")
        #expect(case1.filter { $0["entity"] as? String == "encounter" }.count == 3, "\(case1)")
        #expect(Set(case1.filter { $0["entity"] as? String == "encounter" }.compactMap { $0["entity_id"] as? String }).count == 2, "\(case1)")
        #expect(case1.allSatisfy { ["case", "encounter", "attachment", "certificate"].contains($0["entity"] as? String ?? "") })
        #expect(!about.contains("case 2"))

        // Person 3: the person, their case (3) and its confidential review.
        let person3 = try log(cli, "--person", "3", "--limit", "1000")
        let aboutPerson = Set(person3.map { "\($0["entity"] ?? "") \($0["entity_id"] ?? "") \($0["action"] ?? "")" })
        #expect(aboutPerson.contains("person 3 create") && aboutPerson.contains("case 3 create"), "\(aboutPerson)")
        #expect(!aboutPerson.contains { $0.hasPrefix("case 1 ") || $0.hasPrefix("person 1 ") })

        // Dates: everything happened today (UTC).
        let todayUTC = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(try log(cli, "--since", todayUTC, "--no-logins", "--limit", "1000").count == quiet.count)
        #expect(try log(cli, "--until", todayUTC, "--no-logins", "--limit", "1000").count == quiet.count)
        #expect(try log(cli, "--since", "2099-01-01").isEmpty)
        #expect(try log(cli, "--until", "2000-01-01").isEmpty)
        let hour = try #require(all.first?["at"] as? String).prefix(13)   // 2026-12-03T12
        #expect(try log(cli, "--since", "\(hour):00", "--limit", "1000").count >= 1)

        // Combined: the nurse's creations about case 1 (the TB encounter).
        let combined = try log(cli, "--by", "nurse", "--action", "create", "--case", "1")
        #expect(combined.count == 1 && combined.first?["entity"] as? String == "encounter", "\(combined)")

        // Text output: a table with the filters applied; wrong dates are usage errors; only
        // administrators and medical officers read it.
        let text = try cli.as("admin").run("audit", "log", "--case", "1", "--no-logins")
        #expect(text.status == 0 && text.stdout.contains("ACTION") && !text.stdout.contains(" login "), "\(text.stdout)")
        let badDate = try cli.as("admin").run("audit", "log", "--since", "yesterday")
        #expect(badDate.status == 2 && badDate.stderr.contains("--since"), "\(badDate.stderr)")
        #expect(try cli.as("mo").run("audit", "log", "--case", "1").status == 0)
        #expect(try cli.as("nurse").run("audit", "log", "--case", "1").status == 4)
    }
}
