import ClearanceCore
import ClearanceService
import Foundation
import Testing

/// `report aggregate` through the binary: small cells suppressed, complementary cells chosen so
/// that an attacker with every published number and total cannot recover a hidden count.
@Suite("Aggregate reports (binary)")
struct ReportAggregateTests {
    /// Cases screened (a final TB encounter) per clinic and sex: the table the test publishes.
    static let design: [String: [String: Int]] = [
        "CLINIC-A": ["F": 3, "M": 12, "X": 0],
        "CLINIC-B": ["F": 10, "M": 8, "X": 0],
        "CLINIC-C": ["F": 7, "M": 2, "X": 6],
    ]

    /// A demo database with the design's cases recorded in-process through the service, and HIV
    /// tests on `hivCases` of them.
    static func database(hivCases: Int = 0) throws -> (URL, CLI, String) {
        let (dir, cli) = try demoDatabase()
        let path = dir.appendingPathComponent("demo.sqlite").path
        let service = try ClinicService(databasePath: path, host: .standard())
        let clerk = try service.signIn(username: "clerk", password: "demo")
        let nurse = try service.signIn(username: "nurse", password: "demo")
        let counsellor = try service.signIn(username: "counsellor", password: "demo")
        let today = service.clock.today
        let tb = try service.host.answersTemplate(for: "tb", today: today)
        let hiv = try service.host.answersTemplate(for: "hiv", today: today)
        var n = 0, hivDone = 0
        for (clinic, bySex) in design.sorted(by: { $0.key < $1.key }) {
            for (sex, count) in bySex.sorted(by: { $0.key < $1.key }) {
                for _ in 0..<count {
                    n += 1
                    let p = try service.addPerson(PersonInput(surname: "Agg\(n)", givenNames: "Test", dateOfBirth: today.adding(months: -12 * 30),
                                                              sex: sex, nationality: "PHL", documentNumber: "AG\(n)"), by: clerk)
                    let c = try service.openCase(personID: p.id, programme: "uk-tb", site: clinic, by: clerk)
                    _ = try service.record(module: "tb", caseID: c.id, json: tb, by: nurse)
                    if hivDone < hivCases {
                        hivDone += 1
                        _ = try service.record(module: "hiv", caseID: c.id, json: hiv, by: counsellor)
                    }
                }
            }
        }
        let month = String(today.description.prefix(7))
        return (dir, cli, month)
    }

    @Test func suppressedCellsCannotBeRecoveredFromTheTotals() throws {
        let (dir, cli, month) = try Self.database(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let o = r.object
        #expect(o["threshold"] as? Int == 5)
        let columns = try #require(o["columns"] as? [String])
        #expect(columns == ["F", "M", "X"])
        let rows = try #require(o["rows"] as? [[String: Any]])
        // The demo's own cases (site DEMO-01) are open but only case 1 has a final encounter.
        let designRows = rows.filter { (($0["key"] as? [String: Any])?["clinic"] as? String ?? "").hasPrefix("CLINIC-") }
        #expect(designRows.count == 3)
        // Primary suppression: 3 and 2 are hidden as <5; zero is published.
        func cell(_ clinic: String, _ sex: String) -> Any? {
            (rows.first { ($0["key"] as? [String: Any])?["clinic"] as? String == clinic }?["counts"] as? [String: Any])?[sex]
        }
        #expect(cell("CLINIC-A", "F") as? String == "<5")
        #expect(cell("CLINIC-C", "M") as? String == "<5")
        #expect(cell("CLINIC-A", "X") as? Int == 0)
        #expect(cell("CLINIC-B", "F") as? Int == 10 || cell("CLINIC-B", "F") as? String == "x")

        // The attacker: every published cell and total, and the knowledge that <5 is 1..4 and x
        // is any count. Try every assignment of the hidden cells; each must keep at least two
        // possible values.
        var grid: [[Any]] = rows.map { row in columns.map { (row["counts"] as? [String: Any])?[$0] as Any } + [row["total"] as Any] }
        grid.append(columns.map { (o["column_totals"] as? [String: Any])?[$0] as Any } + [o["total"] as Any])
        let attack = Attack(grid: grid, threshold: 5)
        #expect(attack.hidden.count >= 4, "two small cells need at least two partners: \(grid)")
        for (cell, values) in attack.feasibleValues() {
            #expect(values.count >= 2, "hidden cell \(cell) is recoverable: only \(values.sorted()) fit \(grid)")
        }
        // What is published is true: every published total is the sum of the design.
        let total = try #require(o["total"] as? Int)
        #expect(total == Self.design.values.flatMap(\.values).reduce(0, +) + 1, "the design plus the demo's case 1")
    }

    @Test func confidentialResultsFormatsAndChart() throws {
        let (dir, cli, month) = try Self.database(hivCases: 20); defer { try? FileManager.default.removeItem(at: dir) }
        // HIV result codes are counted for the medical officer, never for the clerk.
        let clerk = try cli.run("report", "aggregate", "--period", month, "--by", "result", "--json")
        #expect(clerk.status == 0, "\(clerk.stderr)")
        let clerkColumns = clerk.object["columns"] as? [String] ?? []
        #expect(!clerkColumns.isEmpty && !clerkColumns.contains { $0.hasPrefix("HIV") }, "\(clerkColumns)")
        let mo = try cli.as("mo").run("report", "aggregate", "--period", month, "--by", "result", "--json")
        let moColumns = mo.object["columns"] as? [String] ?? []
        #expect(moColumns.contains { $0.hasPrefix("HIV") }, "\(moColumns)")
        #expect(mo.object["confidential_modules"] as? [String] == ["hiv"])

        // CSV: a header row and one line per row plus totals; the table names its legend.
        let csv = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--format", "csv")
        let lines = csv.stdout.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "clinic,sex=F,sex=M,sex=X,total", "\(csv.stdout)")
        #expect(lines.contains { $0.hasPrefix("CLINIC-A,<5,") } && lines.last?.hasPrefix("total,") == true)
        let table = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex")
        #expect(table.stdout.contains("CLINIC-A") && table.stdout.contains("x: hidden"), "\(table.stdout)")

        // DHIS2: dataValueSets from a mapping; suppressed cells are left out, published ones as counted.
        let mapping = dir.appendingPathComponent("dhis2.yaml")
        let tbCodes = try #require(try cli.run("report", "aggregate", "--period", month, "--by", "result", "--json").object["columns"] as? [String])
        var yaml = "data_set: dsTBscreen1\norg_units: {CLINIC-A: ouA0000001, CLINIC-B: ouB0000001, CLINIC-C: ouC0000001, DEMO-01: ouD0000001}\ndata_elements:\n"
        for (i, code) in tbCodes.enumerated() { yaml += "  \(code): de\(i)\n" }
        yaml += "category_option_combos: {F: cocF, M: cocM, X: cocX}\n"
        try yaml.write(to: mapping, atomically: true, encoding: .utf8)
        let dhis2 = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex,result", "--format", "dhis2", "--mapping", mapping.path)
        #expect(dhis2.status == 0, "\(dhis2.stderr)")
        let doc = dhis2.object
        #expect(doc["dataSet"] as? String == "dsTBscreen1" && doc["period"] as? String == month.replacingOccurrences(of: "-", with: ""))
        let values = doc["dataValues"] as? [[String: Any]] ?? []
        #expect(!values.isEmpty && values.allSatisfy { Int($0["value"] as? String ?? "") ?? 0 >= 5 }, "no small count is sent: \(values)")
        #expect(values.allSatisfy { ["cocF", "cocM", "cocX"].contains($0["categoryOptionCombo"] as? String ?? "") })
        #expect(dhis2.stderr.contains("suppressed"), "\(dhis2.stderr)")
        // A mapping that misses a clinic names it.
        let elements = tbCodes.enumerated().map { "\($1): de\($0)" }.joined(separator: ", ")
        try "data_set: ds1\norg_units: {CLINIC-A: ou1}\ndata_elements: {\(elements)}\ndefault_category_option_combo: coc0\n".write(to: mapping, atomically: true, encoding: .utf8)
        let broken = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,result", "--format", "dhis2", "--mapping", mapping.path)
        #expect(broken.status == 8 && broken.stderr.contains("org_units") && broken.stdout.isEmpty, "\(broken.stderr)")
        let noData = try cli.run("report", "aggregate", "--period", month, "--by", "sex", "--format", "dhis2", "--mapping", mapping.path)
        #expect(noData.status == 6 && noData.stderr.contains("clinic and result"), "\(noData.stderr)")

        // The documented example files load as they are.
        let docs = Exchange.repository.appendingPathComponent("docs")
        let example = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,result", "--format", "dhis2",
                                  "--settings", docs.appendingPathComponent("exchange-settings.example.yaml").path,
                                  "--mapping", docs.appendingPathComponent("dhis2-mapping.example.yaml").path)
        #expect(example.status == 8 && example.stderr.contains("CLINIC-"), "the example maps only DEMO-01: \(example.stderr)")

        // The chart: a real PNG of the column totals.
        let png = dir.appendingPathComponent("chart.png").path
        let charted = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--chart", png)
        #expect(charted.status == 0, "\(charted.stderr)")
        #expect(AttachmentEndToEndTests.header(png).map { [$0.width, $0.height] } == [900, 500])
        #expect(try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--chart", png).status == 7, "never overwritten without --force")

        // Settings: the threshold is configurable; a wrong period or dimension is a usage error.
        let settings = dir.appendingPathComponent("exchange.yaml")
        try "aggregate:\n  small_cell_threshold: 11\n".write(to: settings, atomically: true, encoding: .utf8)
        let strict = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--json", "--settings", settings.path)
        let strictRows = strict.object["rows"] as? [[String: Any]] ?? []
        let b = strictRows.first { ($0["key"] as? [String: Any])?["clinic"] as? String == "CLINIC-B" }?["counts"] as? [String: Any]
        #expect(b?["F"] as? String == "<11" || b?["F"] as? String == "x", "\(strict.stdout)")
        try "aggregate:\n  small_cell_threshold: one\n".write(to: settings, atomically: true, encoding: .utf8)
        let bad = try cli.run("report", "aggregate", "--period", month, "--settings", settings.path)
        #expect(bad.status == 8 && bad.stderr.contains("small_cell_threshold"), "\(bad.stderr)")
        #expect(try cli.run("report", "aggregate", "--period", "November").status == 2)
        #expect(try cli.run("report", "aggregate", "--period", month, "--by", "colour").status == 2)
    }
}

/// Tries every assignment of a published table's hidden cells that agrees with its totals.
struct Attack {
    /// Rows then the totals row; each row's last entry its total. Ints are published, `<t` and `x` hidden.
    let grid: [[Any]]
    let threshold: Int
    var hidden: [(Int, Int)] {
        var out: [(Int, Int)] = []
        for (r, row) in grid.enumerated() { for (c, v) in row.enumerated() where !(v is Int) { out.append((r, c)) } }
        return out
    }

    /// For each hidden cell, the values it takes in some consistent assignment.
    func feasibleValues() -> [String: Set<Int>] {
        let cells = hidden
        let known = grid.flatMap { $0.compactMap { $0 as? Int } }
        let ceiling = max(known.max() ?? 0, threshold)   // no cell exceeds the largest published total
        var values = grid.map { $0.map { $0 as? Int ?? 0 } }
        var found: [String: Set<Int>] = [:]
        func domain(_ p: (Int, Int)) -> ClosedRange<Int> { (grid[p.0][p.1] as? String)?.hasPrefix("<") == true ? 1...(threshold - 1) : 0...ceiling }
        // Each row and column, and the position of its last hidden cell in the search order:
        // a line is checked as soon as all its hidden cells have values.
        let rows = grid.count, cols = grid[0].count
        var lines: [(cells: [(Int, Int)], total: (Int, Int), last: Int)] = []
        func index(_ p: (Int, Int)) -> Int { cells.firstIndex { $0 == p } ?? -1 }
        for r in 0..<rows {
            let members = (0..<cols - 1).map { (r, $0) }, total = (r, cols - 1)
            lines.append((members, total, (members + [total]).map(index).max() ?? -1))
        }
        for c in 0..<cols {
            let members = (0..<rows - 1).map { ($0, c) }, total = (rows - 1, c)
            lines.append((members, total, (members + [total]).map(index).max() ?? -1))
        }
        func holds(_ line: (cells: [(Int, Int)], total: (Int, Int), last: Int)) -> Bool {
            line.cells.reduce(0) { $0 + values[$1.0][$1.1] } == values[line.total.0][line.total.1]
        }
        guard lines.filter({ $0.last == -1 }).allSatisfy(holds) else { return [:] }
        func search(_ i: Int) {
            if i == cells.count {
                for p in cells { found["\(p)", default: []].insert(values[p.0][p.1]) }
                return
            }
            for v in domain(cells[i]) {
                values[cells[i].0][cells[i].1] = v
                if lines.filter({ $0.last == i }).allSatisfy(holds) { search(i + 1) }
            }
        }
        search(0)
        return found
    }
}
