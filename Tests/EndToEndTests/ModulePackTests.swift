import Foundation
import Testing

/// Signed module packs through the binary: a team packs and signs a module, an administrator
/// pins the publisher and installs it, and anything unsigned, changed or from an unpinned key
/// does not load.
@Suite("Signed module packs (binary)")
struct ModulePackTests {
    static let bmi = """
    form:
      id: bmi
      version: "1"
      title: Body mass index
      languages: [en]
    module:
      id: bmi
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [nurse, clerk]
      result_codes:
        - {code: BMI-LOW, meaning: Underweight}
        - {code: BMI-OK, meaning: Normal}
      rules:
        - {code: BMI-LOW, when: "${weight_kg} div (${height_m} * ${height_m}) < 18.5"}
        - {code: BMI-OK, when: "${weight_kg} div (${height_m} * ${height_m}) >= 18.5"}
    fields:
      - {name: weight_kg, type: decimal, unit: kg, min: 2, max: 300, label: Weight, required: true}
      - {name: height_m, type: decimal, unit: m, min: 0.4, max: 2.5, label: Height, required: true}
    """

    static let cases = """
    module: bmi
    cases:
      - name: thin
        answers: {weight_kg: 50, height_m: 1.8}
        expect: {codes: [BMI-LOW]}
      - name: normal
        answers: {weight_kg: 70, height_m: 1.75}
        expect: {codes: [BMI-OK]}
    """

    /// A folder with the module, its cases and a changelog.
    static func packFolder(in dir: URL, cases: String = ModulePackTests.cases) throws -> URL {
        let folder = dir.appendingPathComponent("bmi-pack")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try bmi.write(to: folder.appendingPathComponent("bmi.yaml"), atomically: true, encoding: .utf8)
        try cases.write(to: folder.appendingPathComponent("bmi.cases.yaml"), atomically: true, encoding: .utf8)
        try "1.0.0: first version\n".write(to: folder.appendingPathComponent("CHANGELOG.md"), atomically: true, encoding: .utf8)
        return folder
    }

    static func ids(_ r: CLI.Result) -> [String] { r.array.compactMap { $0["id"] as? String } }

    @Test func aSignedPackFromAPinnedPublisherLoadsAndNothingElseDoes() throws {
        let (dir, demo) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = demo.environment["CLEARANCE_DB"]!
        let admin = demo.as("admin"), nurse = demo.as("nurse")
        let folder = try Self.packFolder(in: dir)

        // An unsigned file in CLEARANCE_MODULES_PATH: the demo allows it; refused once the administrator says so.
        var unsigned = nurse
        unsigned.environment["CLEARANCE_MODULES_PATH"] = folder.path
        #expect(Self.ids(try unsigned.run("modules", "list", "--json")).contains("bmi"))
        #expect(try nurse.run("modules", "refuse-unsigned").status == 4, "only administrators change it")
        #expect(try admin.run("modules", "refuse-unsigned").status == 0)
        let refusedList = try unsigned.run("modules", "list", "--json")
        #expect(!Self.ids(refusedList).contains("bmi"), "\(refusedList.stdout)")
        let refusedEntry = refusedList.array.first { ($0["file"] as? String)?.hasSuffix("bmi.yaml") == true }
        #expect(refusedEntry?["state"] as? String == "refused" && (refusedEntry?["reason"] as? String)?.contains("unsigned") == true,
                "the refused file is listed with its reason: \(refusedList.stdout)")
        let notRecorded = try unsigned.run(["record", "bmi", "--case", "1", "--answers", "-", "--json"], stdin: #"{"weight_kg": 50, "height_m": 1.8}"#)
        #expect(notRecorded.status == 5, "\(notRecorded.stderr)")
        #expect(notRecorded.stderr.contains("unsigned module file"), "the warning says why: \(notRecorded.stderr)")

        // The team makes a key and packs; the pack runs the cases first.
        let keys = dir.appendingPathComponent("publisher").path
        #expect(try demo.run("modules", "key", "--out", keys).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: keys + "/publisher.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let packFile = dir.appendingPathComponent("bmi-1.0.0.clearance-pack").path
        let packed = try demo.run("modules", "pack", folder.path, "--key", keys + "/publisher.key", "--version", "1.0.0",
                                  "--publisher", "Nutrition team", "--out", packFile, "--json")
        #expect(packed.status == 0, "\(packed.stderr)")
        #expect((packed.object["files"] as? [[String: Any]])?.map { $0["kind"] as? String } .sorted { ($0 ?? "") < ($1 ?? "") } == ["cases", "module"])
        #expect(try demo.run("modules", "pack", folder.path, "--key", keys + "/publisher.key", "--version", "1.0.0",
                             "--publisher", "Nutrition team", "--out", packFile).status == 7, "an existing pack is never overwritten without --force")

        // Not pinned yet: refused, naming the key.
        let keyID = try #require(packed.object["publisher_key_id"] as? String)
        let unpinned = try admin.run("modules", "install", packFile)
        #expect(unpinned.status == 6 && unpinned.stderr.contains(keyID) && unpinned.stderr.contains("not pinned"), "\(unpinned.stderr)")
        #expect(try nurse.run("modules", "trust", keys + "/publisher.pub", "--name", "Nutrition team").status == 4)
        let pinned = try admin.run("modules", "trust", keys + "/publisher.pub", "--name", "Nutrition team", "--json")
        #expect(pinned.status == 0 && pinned.object["key_id"] as? String == keyID, "\(pinned.stderr)")

        // A changed byte of the pack: the signature fails.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: packFile))
        let text = String(decoding: bytes, as: UTF8.self)
        let edited = dir.appendingPathComponent("edited.clearance-pack").path
        bytes = Data(text.replacingOccurrences(of: "< 18.5", with: "< 17.5").utf8)
        try bytes.write(to: URL(fileURLWithPath: edited))
        let tampered = try admin.run("modules", "install", edited)
        #expect(tampered.status == 6 && tampered.stderr.contains("signature does not verify"), "\(tampered.stderr)")

        let installed = try admin.run("modules", "install", packFile, "--json")
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.object["modules"] as? [String] == ["bmi.yaml"])
        let listed = try nurse.run("modules", "list", "--json")
        let entry = listed.array.first { $0["id"] as? String == "bmi" }
        #expect(entry?["signed"] as? Bool == true && entry?["publisher"] as? String == "Nutrition team"
                && (entry?["file"] as? String)?.hasPrefix("pack bmi-pack 1.0.0") == true, "\(listed.stdout)")
        let recorded = try nurse.run(["record", "bmi", "--case", "1", "--answers", "-", "--json"], stdin: #"{"weight_kg": 50, "height_m": 1.8}"#)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.object["result_codes"] as? [String] == ["BMI-LOW"])
        let audit = try sqlite(db, "SELECT action || ' ' || entity_type FROM audit_log WHERE action LIKE 'module%' ORDER BY id")
        #expect(audit.contains("module-publisher-pin module_publisher") && audit.contains("module-pack-install module_pack")
                && audit.contains("modules-refuse-unsigned"), "\(audit)")

        // Behind the application's back: the trigger refuses the edit; with it dropped, the
        // stored pack no longer loads and `audit verify` names the row.
        let edit = "UPDATE module_pack SET bundle = CAST(replace(CAST(bundle AS TEXT), 'Underweight', 'Fine') AS BLOB)"
        _ = try sqlite(db, edit)
        #expect(try sqlite(db, "SELECT count(*) FROM module_pack WHERE CAST(bundle AS TEXT) LIKE '%Underweight%'") == "1",
                "the trigger refuses an edit from the sqlite3 shell")
        _ = try sqlite(db, "DROP TRIGGER module_pack_application_update; " + edit)
        let verify = try admin.run("audit", "verify", "--json")
        #expect(verify.status == 1 && (verify.object["findings"] as? [[String: Any]])?.contains { $0["entity"] as? String == "module-pack" } == true,
                "\(verify.stdout)")
        let afterEdit = try nurse.run("modules", "list", "--json")
        #expect(!Self.ids(afterEdit).contains("bmi"), "\(afterEdit.stdout)")
        #expect(afterEdit.stderr.contains("pack bmi-pack 1.0.0") && afterEdit.stderr.contains("signature does not verify"), "\(afterEdit.stderr)")

        // Reinstalled, then the publisher removed: its pack stops loading.
        #expect(try admin.run("modules", "install", packFile).status == 0)
        #expect(Self.ids(try nurse.run("modules", "list", "--json")).contains("bmi"))
        #expect(try admin.run("modules", "untrust", keyID).status == 0)
        let untrusted = try nurse.run("modules", "list", "--json")
        #expect(!Self.ids(untrusted).contains("bmi") && untrusted.stderr.contains("no longer pinned"), "\(untrusted.stderr)")
    }

    @Test func aPackWhoseCasesFailIsNotWritten() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let cli = CLI(database: dir.appendingPathComponent("none.sqlite").path)
        let folder = try Self.packFolder(in: dir, cases: Self.cases.replacingOccurrences(of: "expect: {codes: [BMI-OK]}", with: "expect: {codes: [BMI-LOW]}"))
        let keys = dir.appendingPathComponent("k").path
        #expect(try cli.run("modules", "key", "--out", keys).status == 0)
        let out = dir.appendingPathComponent("p.clearance-pack").path
        let r = try cli.run("modules", "pack", folder.path, "--key", keys + "/publisher.key", "--version", "1.0.1",
                            "--publisher", "T", "--out", out)
        #expect(r.status == 6, "\(r.stderr)")
        #expect(r.stderr.contains("bmi.cases.yaml:") && r.stderr.contains("normal"), "the failing case is named: \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("CHANGELOG.md"))
        let noLog = try cli.run("modules", "pack", folder.path, "--key", keys + "/publisher.key", "--version", "1.0.1", "--publisher", "T", "--out", out)
        #expect(noLog.status == 6 && noLog.stderr.contains("CHANGELOG.md"), "\(noLog.stderr)")
    }

    @Test func aClinicDatabaseLoadsNoUnsignedFileByDefault() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try Self.packFolder(in: dir)
        let db = dir.appendingPathComponent("clinic.sqlite").path
        let cli = CLI(database: db, user: "admin", password: "a long enough password", extra: ["CLEARANCE_MODULES_PATH": folder.path])
        #expect(try cli.run("init", "--db", db).status == 0)
        let listed = try cli.run("modules", "list", "--json")
        #expect(!Self.ids(listed).contains("bmi") && listed.stderr.contains("unsigned module file"), "\(listed.stdout)\n\(listed.stderr)")
        #expect(try cli.run("modules", "allow-unsigned").status == 0)
        #expect(Self.ids(try cli.run("modules", "list", "--json")).contains("bmi"))
    }

    /// The SDK's proof: the shipped declarative modules and rule packs, with their test cases,
    /// pack and sign as one pack (every module lints, every pack loads, every case passes).
    @Test func theShippedModulesAndPacksPackWithTheSDK() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let forms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Forms")
        let folder = dir.appendingPathComponent("full-medical")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var copied: [String] = []
        for sub in ["modules", "programmes"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: forms.appendingPathComponent(sub).path) where name.hasSuffix(".yaml") {
                try FileManager.default.copyItem(at: forms.appendingPathComponent(sub).appendingPathComponent(name),
                                                 to: folder.appendingPathComponent(name))
                copied.append(name)
            }
        }
        try "Shipped modules and rule packs.\n".write(to: folder.appendingPathComponent("CHANGELOG.md"), atomically: true, encoding: .utf8)
        let cli = CLI(database: dir.appendingPathComponent("none.sqlite").path)
        let keys = dir.appendingPathComponent("k").path
        #expect(try cli.run("modules", "key", "--out", keys).status == 0)
        let r = try cli.run("modules", "pack", folder.path, "--key", keys + "/publisher.key", "--version", "1.0.0",
                            "--publisher", "Clearance", "--out", dir.appendingPathComponent("p.clearance-pack").path, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let kinds = (r.object["files"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.count == copied.count && kinds.contains("module") && kinds.contains("programme"), "\(r.stdout)")
    }
}
