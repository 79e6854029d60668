import Foundation
import Testing

/// `clearance record MODULE --case ID` without `--answers`, answers piped line by line into
/// the built binary (standard input is not a terminal, so the form is asked as numbered prompts).
@Suite("Line mode recording (binary)")
struct LineModeRecordingTests {
    /// A demo database with drafts kept in the test's own directory. Demo case 6 is
    /// `iom-fit-to-travel` for a woman of 31 (so the pregnancy question is asked).
    static func demo(modules: URL? = nil) throws -> (dir: URL, cli: CLI) {
        let (dir, base) = try demoDatabase()
        var extra = ["XDG_STATE_HOME": dir.appendingPathComponent("state").path]
        if let modules { extra["CLEARANCE_MODULES_PATH"] = modules.path }
        return (dir, CLI(database: base.environment["CLEARANCE_DB"]!, extra: extra))
    }

    static func encounters(_ cli: CLI, caseID: Int, module: String) throws -> [[String: Any]] {
        let shown = try cli.run("case", "show", String(caseID), "--json")
        #expect(shown.status == 0, "\(shown.stderr)")
        return (shown.object["encounters"] as? [[String: Any]] ?? []).filter { $0["module"] as? String == module }
    }

    @Test func fitToTravelAnsweredLineByLineIsSaved() throws {
        let (dir, cli) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        // departure today, 36.8 °C, no acute illness, not pregnant (empty), outcome 1 = fit, no remarks, save.
        let r = try cli.as("nurse").run(["record", "fit-to-travel", "--case", "6", "--json"], stdin: "t\n36.8\nn\n\n1\n\nyes\n")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("Temperature") && r.stderr.contains("Review:"), "prompts go to stderr with --json: \(r.stderr)")
        #expect(r.object["result_codes"] as? [String] == ["FTT-FIT"], "\(r.stdout)")
        let saved = try Self.encounters(cli, caseID: 6, module: "fit-to-travel")
        #expect(saved.count == 1)
        #expect(saved.first?["status"] as? String == "final")
        #expect(saved.first?["recorded_by"] as? String == "nurse")
        #expect(saved.first?["result_codes"] as? [String] == ["FTT-FIT"])
        // The draft written along the way is gone once saved.
        let drafts = dir.appendingPathComponent("state/clearance/drafts")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: drafts.path)) ?? []).filter { $0.hasSuffix(".draft.json") }.isEmpty)
    }

    @Test func invalidAnswersAreAskedAgainThenSaved() throws {
        let (dir, cli) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        // "abc" is not a number, 50 is above 43 °C; acute illness yes makes "fit" (1) break the
        // outcome's constraint, so 3 = deferred, with the remark it then requires.
        let input = "t\nabc\n50\n36.8\ny\n\n1\n3\n\nflu-like illness, re-check in a week\nyes\n"
        let r = try cli.as("nurse").run(["record", "fit-to-travel", "--case", "6"], stdin: input)
        #expect(r.status == 0, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stdout.contains("'abc' is not a number"), "\(r.stdout)")
        #expect(r.stdout.contains("cannot be marked fit"), "\(r.stdout)")
        #expect(r.stdout.contains("Saved encounter"), "\(r.stdout)")
        let saved = try Self.encounters(cli, caseID: 6, module: "fit-to-travel")
        #expect(saved.first?["result_codes"] as? [String] == ["FTT-DEFERRED"], "\(saved)")
    }

    @Test func endOfInputMidwaySavesNothingAndKeepsTheDraft() throws {
        let (dir, cli) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.as("nurse").run(["record", "fit-to-travel", "--case", "6"], stdin: "t\n36.8\n")
        #expect(r.status == 9, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        #expect(r.stderr.contains("end of input") && r.stderr.contains("Nothing was saved"), "\(r.stderr)")
        #expect(try Self.encounters(cli, caseID: 6, module: "fit-to-travel").isEmpty)
        #expect(try sqlite(cli.environment["CLEARANCE_DB"]!, "SELECT count(*) FROM encounters WHERE module_id = 'fit-to-travel'") == "0")
        let drafts = dir.appendingPathComponent("state/clearance/drafts")
        let files = try FileManager.default.contentsOfDirectory(atPath: drafts.path).filter { $0.hasSuffix(".draft.json") }
        #expect(files.count == 1)
        let text = try String(contentsOf: drafts.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(text.contains("36.8"), "the draft keeps the answers given: \(text)")
    }

    @Test func emptyInputSavesNothing() throws {
        let (dir, cli) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.as("nurse").run(["record", "fit-to-travel", "--case", "6"], stdin: "")
        #expect(r.status == 9)
        #expect(try Self.encounters(cli, caseID: 6, module: "fit-to-travel").isEmpty)
    }

    @Test func aClerkRecordingTBIsNeverAskedTheHIVStatus() throws {
        let (dir, cli) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A clerk may administer the TB questionnaire; its HIV status field is restricted to
        // counsellors, nurses and medical officers, so it is never asked.
        let r = try cli.as("clerk").run(["record", "tb", "--case", "3"], stdin: String(repeating: "n\n", count: 40))
        #expect(r.status != 4, "\(r.stderr)")
        #expect(r.stdout.contains("Cough") || r.stderr.contains("Cough"), "the questionnaire was asked: \(r.stdout)")
        #expect(!r.stdout.contains("HIV status") && !r.stderr.contains("HIV status"), "\(r.stdout)")
        // And the nurse is asked it.
        let n = try cli.as("nurse").run(["record", "tb", "--case", "3"], stdin: String(repeating: "n\n", count: 40))
        #expect(n.stdout.contains("HIV status") || n.stderr.contains("HIV status"), "\(n.stdout)")
    }

    @Test func fieldsRestrictedToOtherRolesAreNeitherShownNorAccepted() throws {
        let modules = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: modules) }
        try Self.intakeModule.write(to: modules.appendingPathComponent("intake.yaml"), atomically: true, encoding: .utf8)
        let (dir, cli) = try Self.demo(modules: modules)
        defer { try? FileManager.default.removeItem(at: dir) }

        // The clerk may record the module but not see `hiv_status` (nurse only): two prompts only.
        let clerk = try cli.as("clerk").run(["record", "intake", "--case", "3"], stdin: "y\nno\nyes\n")
        #expect(clerk.status == 0, "stdout: \(clerk.stdout)\nstderr: \(clerk.stderr)")
        #expect(!clerk.stdout.contains("HIV"), "\(clerk.stdout)")
        #expect(clerk.stdout.contains("1/2 Interpreter needed"), "\(clerk.stdout)")

        // The nurse is asked it.
        let nurse = try cli.as("nurse").run(["record", "intake", "--case", "4"], stdin: "y\nno\nn\nyes\n")
        #expect(nurse.status == 0, "stdout: \(nurse.stdout)\nstderr: \(nurse.stderr)")
        #expect(nurse.stdout.contains("3/3 Known HIV status"), "\(nurse.stdout)")
        let db = cli.environment["CLEARANCE_DB"]!
        #expect(try sqlite(db, "SELECT count(*) FROM observations o JOIN encounters e ON e.id = o.encounter_id WHERE e.case_id = 3 AND o.path LIKE 'hiv%'") == "0")
    }

    /// A declarative module with a field restricted to nurses.
    static let intakeModule = """
        form:
          id: intake
          version: "1"
          title: {en: Intake}
          languages: [en]
        module:
          id: intake
          version: 1.0.0
          host_api: ">=1.0 <2.0"
          implementation: declarative
          record_roles: [clerk, nurse]
          result_codes:
            - {code: INTAKE-DONE, meaning: {en: Intake done}}
          rules:
            - {code: INTAKE-DONE, when: "answered(${interpreter})"}
        fields:
          - name: interpreter
            type: yes_no
            required: true
            label: {en: Interpreter needed}
          - name: escort
            type: yes_no
            required: true
            label: {en: Travelling with an escort}
          - name: hiv_status
            type: yes_no
            roles: [nurse]
            label: {en: Known HIV status}
        """
}
