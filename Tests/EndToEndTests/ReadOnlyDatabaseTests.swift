import Foundation
import Testing

/// A read-only database (issue 13, item 6), through the binary: it opens read-only, reads
/// work, confidential reads are refused (they cannot be audited), writes give a plain message
/// with exit status 12, and the file is left byte for byte as it was.
@Suite("Read-only database (binary)")
struct ReadOnlyDatabaseTests {
    /// A demo database with an HIV encounter (confidential) on case 2; returns its id.
    static func withConfidentialEncounter(_ cli: CLI, _ dir: URL) throws -> Int {
        let hiv = try Exchange.template(cli, "hiv")
        return try Exchange.record(cli, dir: dir, "hiv", caseID: 2, as: "counsellor", hiv)
    }

    static func digest(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func check(_ cli: CLI, hivID: Int, label: String) throws {
        let verify = try cli.as("admin").run("audit", "verify")
        #expect(verify.status == 0, "\(label) audit verify: \(verify.stdout)\(verify.stderr)")
        #expect(verify.stderr.contains("open read-only"), "\(label): \(verify.stderr)")
        let cases = try cli.run("case", "list", "--json")
        #expect(cases.status == 0 && cases.array.count >= 4, "\(label) case list: \(cases.stderr)")
        let person = try cli.run("person", "show", "2")
        #expect(person.status == 0, "\(label) person show: \(person.stderr)")

        // A confidential read needs its audit entry: refused, nothing shown.
        let shown = try cli.as("counsellor").run("encounter", "show", String(hivID))
        #expect(shown.status == 12, "\(label) encounter show: \(shown.status) \(shown.stdout)\(shown.stderr)")
        #expect(shown.stderr.contains("confidential records are not shown because reading them cannot be audited"), "\(label): \(shown.stderr)")
        #expect(!shown.stdout.contains("HIV-"), "\(label): \(shown.stdout)")

        // A write: a plain message, exit 12.
        let added = try cli.run("person", "add", "--surname", "Readonly", "--given", "Test", "--dob", "1990-01-01", "--sex", "F",
                                "--nationality", "JOR", "--document-number", "RO123456")
        #expect(added.status == 12, "\(label) person add: \(added.status) \(added.stderr)")
        #expect(added.stderr.contains("is open read-only") && added.stderr.contains("nothing was saved"), "\(label): \(added.stderr)")
        #expect(!added.stderr.contains("SQLITE") && !added.stderr.contains("attempt to write"), "\(label): \(added.stderr)")
        // A wrong password is still refused.
        let wrong = try cli.as("admin", password: "not-the-password").run("case", "list")
        #expect(wrong.status == 3, "\(label): \(wrong.stderr)")
    }

    @Test func fileWithoutWritePermissionOpensReadOnly() throws {
        let (dir, cli) = try demoDatabase()
        defer { chmod(dir.path, 0o700); try? FileManager.default.removeItem(at: dir) }
        let hivID = try Self.withConfidentialEncounter(cli, dir)
        let db = cli.environment["CLEARANCE_DB"]!
        // Fold the WAL into the file so that the file alone holds everything.
        _ = try sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try Self.digest(db)
        #expect(chmod(db, 0o400) == 0)
        try check(cli, hivID: hivID, label: "chmod 0400 file")
        #expect(try Self.digest(db) == before, "the read-only file was changed")
        #expect(try sqlite(db, "SELECT count(*) FROM persons WHERE surname = 'Readonly'") == "0")
    }

    @Test func readOnlyFolderOpensReadOnly() throws {
        let (dir, cli) = try demoDatabase()
        defer { chmod(dir.path, 0o700); try? FileManager.default.removeItem(at: dir) }
        let hivID = try Self.withConfidentialEncounter(cli, dir)
        let db = cli.environment["CLEARANCE_DB"]!
        _ = try sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try Self.digest(db)
        #expect(chmod(dir.path, 0o500) == 0)
        try check(cli, hivID: hivID, label: "read-only folder")
        #expect(try Self.digest(db) == before, "the database in a read-only folder was changed")
    }
}
