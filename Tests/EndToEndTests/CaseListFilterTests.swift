import Foundation
import Testing

/// `case list` filters and JSON, through the binary.
@Suite("Case list filters (binary)")
struct CaseListFilterTests {
    func ids(_ r: CLI.Result) -> [Int] { r.array.compactMap { $0["case"] as? Int } }

    @Test func filtersNarrowTheList() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let all = try cli.run("case", "list", "--json")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(ids(all).count == 6, "\(all.stdout)")

        let panel = try cli.run("case", "list", "--programme", "us-panel", "--json")
        #expect(ids(panel) == [3, 4, 5], "\(panel.stdout)")
        #expect(panel.array.allSatisfy { $0["programme"] as? String == "us-panel" })
        let unknown = try cli.run("case", "list", "--programme", "no-such")
        #expect(unknown.status == 5 && unknown.stderr.contains("us-panel"), "\(unknown.stderr)")

        // Search: Latin prefix of a Cyrillic name, native script, and a document prefix.
        #expect(ids(try cli.run("case", "list", "--search", "ivanov", "--json")) == [3])
        #expect(ids(try cli.run("case", "list", "--search", "иван", "--json")) == [3])
        #expect(ids(try cli.run("case", "list", "--search", "P4412", "--json")) == [2])
        #expect(ids(try cli.run("case", "list", "--search", "zzzz", "--json")).isEmpty)
        let text = try cli.run("case", "list", "--search", "ivanova")
        #expect(text.stdout.contains("ИВАНОВА, Мария (IVANOVA, MARIIA)"), "\(text.stdout)")

        // Status: closing case 2 takes it off the worklist; --status closed shows it.
        #expect(try cli.run("case", "close", "2", "--reason", "left the country").status == 0)
        #expect(!ids(try cli.run("case", "list", "--json")).contains(2))
        #expect(ids(try cli.run("case", "list", "--status", "closed", "--json")) == [2])
        #expect(ids(try cli.run("case", "list", "--status", "all", "--json")).count == 6)
        #expect(ids(try cli.run("case", "list", "--status", "closed,open", "--json")).contains(2))
        let bad = try cli.run("case", "list", "--status", "shut")
        #expect(bad.status == 6 && bad.stderr.contains("cancelled"), "\(bad.stderr)")

        // Since: every demo case was opened today (UTC); tomorrow gives none.
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let today = formatter.string(from: Date()), tomorrow = formatter.string(from: Date().addingTimeInterval(86_400))
        #expect(ids(try cli.run("case", "list", "--since", today, "--json")).count == 5)
        #expect(ids(try cli.run("case", "list", "--since", tomorrow, "--json")).isEmpty)
        #expect(try cli.run("case", "list", "--since", "yesterday").status == 6)

        // Mine: the nurse recorded in case 1 (demo TB), the radiographer too (its X-ray); the
        // audiometrist in nothing; the clerk opened all.
        #expect(ids(try cli.as("nurse").run("case", "list", "--mine", "--json")) == [1])
        #expect(ids(try cli.as("radiographer").run("case", "list", "--mine", "--json")) == [1])
        #expect(ids(try cli.as("audiometrist").run("case", "list", "--mine", "--json")).isEmpty)
        #expect(ids(try cli.as("clerk").run("case", "list", "--mine", "--json")).count == 5)
        let item = try #require(try cli.run("case", "list", "--search", "ivanova", "--json").array.first)
        #expect(item["person_name_latin"] as? String == "IVANOVA, MARIIA" && item["opened_by"] as? String == "clerk", "\(item)")
    }
}
