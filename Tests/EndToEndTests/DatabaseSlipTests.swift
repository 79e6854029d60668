import Foundation
import Testing

/// Every file under `dir` with its bytes: what "nothing changed on disk" compares.
func snapshot(_ dir: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
        out[name] = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) ?? Data()
    }
    return out
}

/// The permission bits of a file.
func permissions(_ path: String) throws -> Int {
    ((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int ?? -1) & 0o777
}

@Suite("A slip loses nothing and nothing private is world-readable (binary)")
struct DatabaseSlipTests {
    @Test func mistypedDatabasePathIsAnErrorAndCreatesNothing() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try snapshot(dir)
        let typo = dir.appendingPathComponent("demo.sqlit").path
        for args in [["case", "list", "--db", typo], ["audit", "verify", "--db", typo], ["person", "find", "x", "--db", typo]] {
            let r = try cli.run(args)
            #expect(r.status == 5, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("no clinic database at \(typo) (from --db)") && r.stderr.contains("clearance init --db \(typo)"), "\(r.stderr)")
        }
        var viaEnv = cli
        viaEnv.environment["CLEARANCE_DB"] = typo
        let env = try viaEnv.run("case", "list")
        #expect(env.status == 5 && env.stderr.contains("(from CLEARANCE_DB)"), "\(env.stderr)")
        #expect(try snapshot(dir) == before, "a mistyped --db changed the folder")
        // A folder is not a database either.
        let folder = try cli.run("case", "list", "--db", dir.path)
        #expect(folder.status == 8 && folder.stderr.contains("is a folder"), "\(folder.stderr)")
        // init creates it.
        var admin = cli
        admin.environment["CLEARANCE_PASSWORD"] = "s3cret-passphrase"
        let created = try admin.run("init", "--db", typo)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: typo))
    }

    @Test func demoReplaceRefusesARealDatabaseAndChangesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("clinic.sqlite").path
        var cli = CLI(database: db, user: "admin", password: "s3cret-passphrase")
        #expect(try cli.run("init").status == 0)
        cli.environment["CLEARANCE_NEW_PASSWORD"] = "nurse-pass-1"
        let added = try cli.run("user", "add", "nurse1", "--name", "Nurse One", "--roles", "nurse", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        try "keep me".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let before = try snapshot(dir)

        for target in [db, dir.appendingPathComponent("notes.txt").path] {
            let r = try cli.run("demo", "--replace", "--db", target)
            #expect(r.status == 7, "\(r.stderr)")
            #expect(r.stderr.contains("is not a demo database") && r.stderr.contains("Nothing was changed"), "\(r.stderr)")
        }
        #expect(try snapshot(dir) == before, "demo --replace touched a real database")
        let users = try sqlite(db, "SELECT username FROM users ORDER BY username")
        #expect(users.contains("admin") && users.contains("nurse1"))

        // A demo database may be replaced.
        let demo = dir.appendingPathComponent("demo.sqlite").path
        #expect(try cli.run("demo", "--db", demo).status == 0)
        #expect(try sqlite(demo, "SELECT value FROM clinic_metadata WHERE key = 'purpose'").trimmingCharacters(in: .whitespacesAndNewlines) == "demo")
        let again = try cli.run("demo", "--replace", "--db", demo)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aDatabaseFromANewerVersionIsRefusedWithExit8() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        _ = try sqlite(db, "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-a-newer-clearance')")
        let before = try snapshot(dir)
        let r = try cli.run("case", "list")
        #expect(r.status == 8, "\(r.stderr)")
        #expect(r.stderr.contains("made by a newer version of Clearance") && r.stderr.contains("v99-from-a-newer-clearance"), "\(r.stderr)")
        #expect(try snapshot(dir) == before)
    }

    @Test func databaseAndExportsAreCreated0600() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        #expect(try permissions(db) == 0o600)
        // Open a case through to a signed certificate and export its PDF.
        let added = try cli.run("person", "add", "--surname", "Haddad", "--given", "Layla", "--dob", "1994-03-02", "--sex", "F",
                                "--nationality", "JOR", "--document-number", "N7654321", "--json")
        let personID = try #require(added.object["id"] as? Int)
        let opened = try cli.run("case", "open", "--person", String(personID), "--programme", "uk-tb", "--json")
        let caseID = String(try #require(opened.object["id"] as? Int))
        for (module, user) in [("pregnancy", "nurse"), ("cxr", "radiologist"), ("tb", "nurse")] {
            let file = dir.appendingPathComponent("\(module).json")
            try (try cli.run("modules", "template", module)).stdout.write(to: file, atomically: true, encoding: .utf8)
            #expect(try cli.as(user).run("record", module, "--case", caseID, "--answers", file.path).status == 0)
        }
        #expect(try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT").status == 0)
        #expect(try cli.as("admin").run("keys", "init").status == 0)
        let issued = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--no-photo-reason", "no camera today", "--json")
        let certID = try #require(issued.object["id"] as? String, "\(issued.stderr)")
        let pdf = dir.appendingPathComponent("certificate.pdf").path
        #expect(try cli.run("certificate", "export", certID, "--out", pdf).status == 0)
        let bulk = dir.appendingPathComponent("bulk")
        #expect(try cli.run("certificate", "export", "--since", "2000-01-01", "--out", bulk.path).status == 0)
        let files = [db, pdf, bulk.appendingPathComponent("\(certID).pdf").path]
            + ["-wal", "-shm"].map { db + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        for f in files { #expect(try permissions(f) == 0o600, "\(f)") }
        #expect(try permissions(bulk.path) == 0o700)
        // Another user of the machine: the sqlite3 shell run as "others" would need read permission.
        #expect(try permissions(db) & 0o077 == 0)
    }
}
