import Foundation
import Testing

@Suite("Never FIT by omission (binary)")
struct RulePackSafetyTests {
    static let misspelt = """
        programme:
          id: malaria-check
          version: "1"
          title: Malaria check
          destination: Testland
        requires:
          - {module: malaria}
          - {module: cxr, min_age: 15, max_age: 14}
        parameters:
          tb: {immune_test_min_age: two}
          hearing: {calibration_max_months: 12}
        outcomes:
          - name: untreated
            codes: [MAL-UNTREATD, mal-pos-treated]
            decision: FIT-WITH-CONDITIONS
            reason: Malaria
            conditions: Treat first
        certificate:
          validity_months: 6
        """

    @Test func lintRefusesAMisspeltPackWithFileLineAndColumn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("malaria-check.yaml")
        try Self.misspelt.write(to: file, atomically: true, encoding: .utf8)
        let cli = CLI(database: dir.appendingPathComponent("none.sqlite").path)
        let lint = try cli.run("modules", "lint", file.path)
        #expect(lint.status == 1)
        // Parse problems first (lower case, ages); the module checks need a pack that parses.
        #expect(lint.stdout.contains("\(file.path):8:28: module 'cxr': min_age 15 is above max_age 14"), "\(lint.stdout)")
        #expect(lint.stdout.contains("\(file.path):14:27: result code 'mal-pos-treated' in outcome rule 'untreated' is not upper case"), "\(lint.stdout)")

        let fixed = Self.misspelt.replacingOccurrences(of: "max_age: 14", with: "max_age: 64")
            .replacingOccurrences(of: "mal-pos-treated", with: "MAL-POS-TREATED")
        try fixed.write(to: file, atomically: true, encoding: .utf8)
        let second = try cli.run("modules", "lint", file.path)
        #expect(second.status == 1)
        #expect(second.stdout.contains("\(file.path):14:13: outcome rule 'untreated': no installed module produces a result code matching 'MAL-UNTREATD'"), "\(second.stdout)")
        #expect(second.stdout.contains("\(file.path):10:29: parameter 'immune_test_min_age' of 'tb': must be a whole number"), "\(second.stdout)")
        #expect(second.stdout.contains("\(file.path):11:3: parameters are given for module 'hearing', which is not installed"), "\(second.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.sqlite").path))

        // Installed through CLEARANCE_PROGRAMMES_PATH, the same pack is refused when the host loads.
        let (demoDir, demo) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: demoDir) }
        var withPack = demo
        withPack.environment["CLEARANCE_PROGRAMMES_PATH"] = dir.path
        let list = try withPack.run("programmes", "list")
        #expect(list.status == 0 && !list.stdout.contains("malaria-check"), "\(list.stdout)")
        #expect(list.stderr.contains("refused: \(file.path):14:13:"), "\(list.stderr)")
        let person = try withPack.run("person", "add", "--surname", "Okafor", "--given", "Ada", "--dob", "1990-01-01", "--sex", "F",
                                      "--nationality", "NGA", "--document-number", "A0000001", "--json")
        let personID = try #require(person.object["id"] as? Int)
        let open = try withPack.run("case", "open", "--person", String(personID), "--programme", "malaria-check")
        #expect(open.status == 8 && open.stderr.contains("programme 'malaria-check' was refused when it loaded"), "\(open.stderr)")
    }

    @Test func aDeclinedRequiredXRayInUKTBProposesPending() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let person = try cli.run("person", "add", "--surname", "Okafor", "--given", "Ada", "--dob", "1990-01-01", "--sex", "F",
                                 "--nationality", "NGA", "--document-number", "A0000002", "--json")
        let personID = try #require(person.object["id"] as? Int)
        let opened = try cli.run("case", "open", "--person", String(personID), "--programme", "uk-tb", "--json")
        let caseID = String(try #require(opened.object["id"] as? Int))
        let cxr = dir.appendingPathComponent("cxr.json")
        try #"{"acquisition": "not_done", "reason_not_done": "declined"}"#.write(to: cxr, atomically: true, encoding: .utf8)
        let r = try cli.as("radiographer").run("record", "cxr", "--case", caseID, "--answers", cxr.path, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let tb = dir.appendingPathComponent("tb.json")
        try (try cli.run("modules", "template", "tb")).stdout.write(to: tb, atomically: true, encoding: .utf8)
        #expect(try cli.as("nurse").run("record", "tb", "--case", caseID, "--answers", tb.path).status == 0)
        let review = try cli.as("mo").run("case", "review", caseID)
        #expect(review.status == 0 && review.stdout.contains("Proposed fitness: PENDING"), "\(review.stdout)\(review.stderr)")
        #expect(review.stdout.contains("required-not-done") || review.stdout.contains("was not done (CXR-NOT-DONE)"), "\(review.stdout)")
    }
}
