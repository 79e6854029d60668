import Foundation
import Testing

/// The host issue's contract, checked by running the built binary.
@Suite("Host contract (binary)")
struct HostContractTests {
    @Test func demoThenTheDocumentedCommands() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }

        let modules = try cli.run("modules", "list", "--json")
        #expect(modules.status == 0)
        let byID = Dictionary(uniqueKeysWithValues: modules.array.compactMap { m in (m["id"] as? String).map { ($0, m) } })
        for id in ["tb", "hiv", "audiometry", "cxr"] {
            #expect(byID[id]?["source"] as? String == "builtin", "module \(id) missing or not builtin: \(modules.stdout)")
            #expect(byID[id]?["version"] as? String != nil)
        }
        #expect(byID["fit-to-travel"]?["source"] as? String == "declarative")

        let added = try cli.run("person", "add", "--surname", "Müller-Lüdenscheidt", "--given", "Zoë", "--dob", "1990-05-17",
                                "--sex", "F", "--nationality", "DEU", "--document-number", "X77120", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        let personID = try #require(added.object["id"] as? Int)

        for query in ["mullER-lud", "zoe", "X77120"] {
            let found = try cli.run("person", "find", query, "--json")
            #expect(found.status == 0)
            #expect(found.array.contains { $0["id"] as? Int == personID }, "'\(query)' did not find the person: \(found.stdout)")
        }

        let opened = try cli.run("case", "open", "--person", String(personID), "--programme", "uk-tb", "--json")
        #expect(opened.status == 0, "\(opened.stderr)")
        let caseID = try #require(opened.object["id"] as? Int)

        let template = try cli.run("modules", "template", "tb")
        #expect(template.status == 0)
        let answers = dir.appendingPathComponent("tb.json")
        try template.stdout.write(to: answers, atomically: true, encoding: .utf8)
        let recorded = try cli.as("nurse").run("record", "tb", "--case", String(caseID), "--answers", answers.path, "--json")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.object["encounter"] as? Int != nil)
        #expect((recorded.object["result_codes"] as? [String])?.isEmpty == false, "\(recorded.stdout)")

        let shown = try cli.run("case", "show", String(caseID), "--json")
        #expect(shown.status == 0)
        let encounters = shown.object["encounters"] as? [[String: Any]] ?? []
        #expect(encounters.contains { $0["module"] as? String == "tb" && ($0["result_codes"] as? [String]) != nil })
        #expect(shown.object["missing"] as? [String] == ["pregnancy", "cxr"], "\(shown.stdout)")  // uk-tb records pregnancy for women before the X-ray
        #expect((shown.object["proposed_fitness"] as? [String: Any])?["decision"] as? String == "PENDING")

        #expect(try cli.run("audit", "verify").status == 0)
    }

    @Test func unknownProgrammeNamesTheKnownOnes() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.run("case", "open", "--person", "1", "--programme", "mars-colony")
        #expect(r.status == 5)
        #expect(r.stderr.contains("mars-colony") && r.stderr.contains("uk-tb"))
    }

    @Test func invalidAnswersListEveryFieldAndSaveNothing() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = cli.environment["CLEARANCE_DB"]!
        let before = try sqlite(db, "SELECT count(*) FROM encounters")
        let bad = #"{"right_air_1000": 12, "left_air_500": -15, "no_such_field": 1}"#
        let r = try cli.as("audiometrist").run(["record", "audiometry", "--case", "2", "--answers", "-"], stdin: bad)
        #expect(r.status == 6, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("right_air_1000") && r.stderr.contains("left_air_500") && r.stderr.contains("no_such_field"), "\(r.stderr)")
        #expect(try sqlite(db, "SELECT count(*) FROM encounters") == before)
    }

    @Test func privilegesAreCheckedByTheService() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = try cli.run("modules", "template", "hiv").stdout
        let asClerk = try cli.run(["record", "hiv", "--case", "2", "--answers", "-"], stdin: template)
        #expect(asClerk.status == 4, "\(asClerk.stderr)")
        #expect(asClerk.stderr.contains("counsellor"))
        let wrong = try cli.as("clerk", password: "nope").run("person", "find", "santos")
        #expect(wrong.status == 3)
        let counsellor = try cli.as("counsellor").run(["record", "hiv", "--case", "2", "--answers", "-", "--json"], stdin: template)
        #expect(counsellor.status == 0, "\(counsellor.stderr)")
        // A clerk sees the case but not the HIV result.
        let shown = try cli.run("case", "show", "2", "--json")
        let hiv = (shown.object["encounters"] as? [[String: Any]] ?? []).first { $0["module"] as? String == "hiv" }
        #expect(hiv?["result_codes"] as? [String] == [])
        #expect(!shown.stdout.contains("HIV-NEG"))
    }

    @Test func auditVerifyNamesARowChangedBehindTheApplicationsBack() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = cli.environment["CLEARANCE_DB"]!
        #expect(try cli.run("audit", "verify").status == 0)
        let triggers = try sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        for t in triggers.split(separator: "\n") { _ = try sqlite(db, "DROP TRIGGER \(t)") }
        _ = try sqlite(db, "UPDATE audit_log SET username = 'mallory' WHERE id = 5")
        let r = try cli.run("audit", "verify", "--json")
        #expect(r.status != 0)
        #expect(r.object["broken_row"] as? Int == 5, "\(r.stdout)")
    }

    @Test func aModuleFileDroppedInADirectoryAppearsAndBadOnesAreRefused() throws {
        let (dir, cli0) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let modules = dir.appendingPathComponent("modules")
        try FileManager.default.createDirectory(at: modules, withIntermediateDirectories: true)
        let good = """
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
        try good.write(to: modules.appendingPathComponent("bmi.yaml"), atomically: true, encoding: .utf8)
        let collide = good.replacingOccurrences(of: "id: bmi", with: "id: tb")
        try collide.write(to: modules.appendingPathComponent("tb-again.yaml"), atomically: true, encoding: .utf8)
        let future = good.replacingOccurrences(of: "id: bmi", with: "id: bmi-next")
            .replacingOccurrences(of: "host_api: \">=1.0 <2.0\"", with: "host_api: \">=9.0 <10.0\"")
        try future.write(to: modules.appendingPathComponent("future.yaml"), atomically: true, encoding: .utf8)

        var cli = cli0
        cli.environment["CLEARANCE_MODULES_PATH"] = modules.path
        let listed = try cli.run("modules", "list", "--json")
        #expect(listed.status == 0)
        #expect(listed.array.contains { $0["id"] as? String == "bmi" && $0["source"] as? String == "declarative" }, "\(listed.stdout)\n\(listed.stderr)")
        #expect(listed.stderr.contains("tb-again.yaml:"), "\(listed.stderr)")
        #expect(listed.stderr.contains("future.yaml:"), "\(listed.stderr)")
        #expect(!listed.array.contains { $0["id"] as? String == "bmi-next" })

        let r = try cli.as("nurse").run(["record", "bmi", "--case", "1", "--answers", "-", "--json"], stdin: #"{"weight_kg": 50, "height_m": 1.8}"#)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.object["result_codes"] as? [String] == ["BMI-LOW"], "\(r.stdout)")

    }
}

@Suite("Installed binary")
struct InstalledBinaryTests {
    @Test func aCopiedBinaryFindsItsFormsAnywhere() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("clearance")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        let p = Process()
        p.executableURL = copy
        p.arguments = ["modules", "list", "--json"]
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let ids = ((try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(p.terminationStatus == 0)
        #expect(Set(["tb", "hiv", "audiometry", "cxr", "fit-to-travel"]).isSubset(of: Set(ids)), "\(ids)")
    }
}
