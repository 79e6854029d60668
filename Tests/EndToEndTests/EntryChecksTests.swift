import Foundation
import Testing

/// Checks at the moment of entry: a year of previous TB in the future, an X-ray too old for
/// the programme's validity window (said when recorded and on `case review`).
@Suite("Checks at entry (binary)")
struct EntryChecksTests {
    static func today(_ offsetDays: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let date = calendar.date(byAdding: .day, value: offsetDays, to: Date())!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The module's template with some answers changed.
    static func answers(_ cli: CLI, _ module: String, _ changes: [String: Any], in dir: URL) throws -> String {
        let template = try cli.run("modules", "template", module)
        #expect(template.status == 0, "\(template.stderr)")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(template.stdout.utf8)) as? [String: Any])
        for (k, v) in changes { object[k] = v }
        let file = dir.appendingPathComponent("\(module)-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        return file.path
    }

    @Test func yearOfPreviousTBInTheFutureIsRefused() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nextYear = Int(Self.today().prefix(4))! + 1
        let history: [String: Any] = ["tb_history": "yes", "tb_history_year": nextYear, "tb_history_treatment_completed": "yes"]
        let file = try Self.answers(cli, "tb", history, in: dir)
        let refused = try cli.as("nurse").run("record", "tb", "--case", "2", "--answers", file)
        #expect(refused.status == 6, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("tb_history_year") && refused.stderr.contains("future"), "\(refused.stderr)")
        // Typed at the prompt, the year is refused there and then, before the form goes on.
        var plain = cli
        plain.environment["XDG_STATE_HOME"] = dir.appendingPathComponent("state").path
        // Demo case 2 is a woman: five symptoms no, HIV status not known, not pregnant, previous TB yes.
        let typed = try plain.as("nurse").run(["record", "tb", "--case", "2", "--plain"], stdin: "n\nn\nn\nn\nn\n1\nn\ny\n\(nextYear)\n")
        let screen = typed.stdout + typed.stderr
        #expect(typed.status == 9, "\(screen)")
        #expect(screen.contains("! \(nextYear): The year of the previous TB diagnosis cannot be in the future"), "\(screen)")
        // A draft is checked too: the form's own constraint, not only the module's final check.
        let draft = try cli.as("nurse").run("record", "tb", "--case", "2", "--answers", file, "--draft")
        #expect(draft.status == 6, "\(draft.stdout)\(draft.stderr)")
        // This year is fine.
        let fine = try Self.answers(cli, "tb", history.merging(["tb_history_year": nextYear - 1]) { $1 }, in: dir)
        let saved = try cli.as("nurse").run("record", "tb", "--case", "2", "--answers", fine)
        #expect(saved.status == 0, "\(saved.stderr)")
    }

    @Test func anXRayTooOldForTheWindowIsReportedWhenRecordedAndOnReview() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Demo case 1 is uk-tb: certificates are valid 6 months from the X-ray.
        let old = Self.today(-200)
        let file = try Self.answers(cli, "cxr", ["xray_date": old, "reading_date": old], in: dir)
        // Case 1 holds the demo's X-ray: each new one replaces the one before, with a reason.
        let recorded = try cli.as("radiologist").run("record", "cxr", "--case", "1", "--answers", file, "--supersede", "--reason", "film retaken")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("Warning:") && recorded.stdout.contains(old) && recorded.stdout.contains("uk-tb"),
                "\(recorded.stdout)")
        let json = try cli.as("radiologist").run("record", "cxr", "--case", "1", "--answers", file, "--json", "--supersede", "--reason", "film retaken")
        let warnings = json.object["warnings"] as? [String] ?? []
        #expect(warnings.count == 1 && warnings.first?.contains("6 months") == true, "\(json.stdout)")

        let review = try cli.as("mo").run("case", "review", "1")
        #expect(review.status == 0)
        #expect(review.stdout.contains("Warnings:") && review.stdout.contains(old), "\(review.stdout)")
        let reviewJSON = try cli.as("mo").run("case", "review", "1", "--json")
        #expect((reviewJSON.object["warnings"] as? [String])?.count == 1, "\(reviewJSON.stdout)")

        // A recent X-ray clears it; one within the window is never warned about.
        let recent = try Self.answers(cli, "cxr", ["xray_date": Self.today(-30), "reading_date": Self.today(-29)], in: dir)
        let again = try cli.as("radiologist").run("record", "cxr", "--case", "1", "--answers", recent, "--json", "--supersede", "--reason", "film retaken")
        #expect(again.status == 0 && again.object["warnings"] == nil, "\(again.stdout)\(again.stderr)")
        let cleared = try cli.as("mo").run("case", "review", "1", "--json")
        #expect((cleared.object["warnings"] as? [String]) == [], "\(cleared.stdout)")
        // Under a programme counting from the issue date (gcc-labour) the X-ray's age is not a warning.
        let gcc = try cli.as("radiologist").run("record", "cxr", "--case", "2", "--answers", file, "--json")
        #expect(gcc.status == 0 && gcc.object["warnings"] == nil, "\(gcc.stdout)\(gcc.stderr)")
    }
}
