import ClearanceCore
@testable import ClearanceService
import Foundation
import Testing

/// The exchange formats' building blocks: suppression, CSV cells, periods, names, settings.
@Suite("Exchange formats")
struct ExchangeFormatTests {
    /// The LOINC table is data (`Forms/exchange/fhir-codes.yaml`); it loads, with the reference's codes.
    @Test func loincTableLoadsFromTheFormsData() {
        #expect(FHIRCodes.table.count >= 4)
        #expect(FHIRCodes.loinc(module: "audiometry", path: "left_air_500")?.code == "89024-4")
        #expect(FHIRCodes.loinc(module: "audiometry", path: "right_air_8000")?.code == "89029-3")
        #expect(FHIRCodes.panel(module: "audiometry")?.code == "89015-2")
        #expect(FHIRCodes.loinc(module: "tb", path: "specimens.naat")?.code == "38379-4")
        #expect(FHIRCodes.isDiagnosticReport(module: "cxr") && !FHIRCodes.isDiagnosticReport(module: "tb"))
        #expect(FHIRCodes.load("not: [valid").isEmpty)
    }

    @Test func smallCellsAndTheirComplements() {
        // One small cell in a row and a column: three partners are needed (a rectangle).
        let s = SmallCellSuppression(counts: [[3, 12, 9], [10, 8, 7], [6, 20, 11]], threshold: 5)
        #expect(s.mark(row: 0, column: 0) == .primary)
        #expect(s.published(row: 0, column: 0) == "<5")
        let hidden = (0...3).flatMap { r in (0...3).map { (r, $0) } }.filter { s.mark(row: $0.0, column: $0.1) != .published }
        #expect(hidden.count >= 4)
        for r in 0...3 {
            let inRow = (0...3).filter { s.mark(row: r, column: $0) != .published }.count
            let inColumn = (0...3).filter { s.mark(row: $0, column: r) != .published }.count
            #expect(inRow != 1 && inColumn != 1, "a line with one hidden cell gives it away")
        }
        #expect(s.exposed().isEmpty)
        // Zero is published and never chosen as a complement; no small cell, nothing hidden.
        let zeros = SmallCellSuppression(counts: [[0, 12], [10, 0]], threshold: 5)
        #expect((0...2).allSatisfy { r in (0...2).allSatisfy { zeros.mark(row: r, column: $0) == .published } })
        // A small row total is itself a small cell, and its row's only count goes with it.
        let small = SmallCellSuppression(counts: [[2, 0], [30, 40]], threshold: 5)
        #expect(small.mark(row: 0, column: 2) == .primary && small.mark(row: 0, column: 0) == .primary)
        #expect(small.exposed().isEmpty)
        // The threshold is the setting's.
        #expect(SmallCellSuppression(counts: [[7, 30], [30, 30]], threshold: 11).mark(row: 0, column: 0) == .primary)
    }

    @Test func csvCellsAreQuotedAndDefused() {
        #expect(CSVTable.field("plain") == "plain")
        #expect(CSVTable.field("a,b") == "\"a,b\"")
        #expect(CSVTable.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVTable.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVTable.field("=1+1") == "'=1+1")
        #expect(CSVTable.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVTable.field("+33 1 23") == "'+33 1 23")
        #expect(CSVTable.field("-10") == "-10" && CSVTable.field("-2.5") == "-2.5" && CSVTable.field("-") == "'-")
        var t = CSVTable(header: ["KEY", "name"])
        t.append(["k1", "Иванова"])
        #expect(t.rendered() == "\u{FEFF}KEY,name\r\nk1,Иванова\r\n")
    }

    @Test func jsonTextIsEscapedAndParsesBack() throws {
        let text = "say \"hi\"\\ \n\t\u{01} Иванова الحسن 😀"
        let v: JSONValue = .object([("a", .string(text)), ("n", .number(2.5)), ("i", -3), ("b", true), ("z", .null),
                                    ("l", .array([.integer(1), .serializedText("{\"x\":1}")]))])
        let s = v.serialized()
        #expect(s.hasPrefix("{\"a\":\"say \\\"hi\\\"\\\\ \\n\\t\\u0001 Иванова"))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
        #expect(back["a"] as? String == text && back["n"] as? Double == 2.5 && back["i"] as? Int == -3)
        #expect(((back["l"] as? [Any])?.last as? [String: Any])?["x"] as? Int == 1)
    }

    @Test func periods() throws {
        let month = try #require(AggregatePeriod("2026-11"))
        #expect(month.first.description == "2026-11-01" && month.end.description == "2026-12-01" && month.dhis2 == "202611")
        let quarter = try #require(AggregatePeriod("2026-Q4"))
        #expect(quarter.first.description == "2026-10-01" && quarter.end.description == "2027-01-01" && quarter.dhis2 == "2026Q4")
        #expect(AggregatePeriod("2026")?.end.description == "2027-01-01")
        let days = try #require(AggregatePeriod("2026-11-01..2026-11-15"))
        #expect(days.end.description == "2026-11-16" && days.dhis2 == nil)
        for bad in ["November", "2026-13", "2026-Q5", "2026-11-15..2026-11-01", ""] { #expect(AggregatePeriod(bad) == nil, "\(bad)") }
    }

    @Test func namesInTheirScriptAndInLatin() {
        #expect(PersonNames.script(of: "Müller") == "Latn" && PersonNames.script(of: "Иванова") == "Cyrl" && PersonNames.script(of: "الحسن") == "Arab")
        #expect(PersonNames.latin(surname: "Müller", given: "Hans") == nil, "a Latin name is kept as written")
        #expect(PersonNames.latin(surname: "Иванова", given: "Мария")?.surname == "Ivanova")
        #expect(PersonNames.latin(surname: "الحسن", given: "محمد")?.surname.allSatisfy(\.isASCII) == true)
        // RFC 6920: the digest of "abc".
        #expect(ContentHash.niURI(sha256Hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                == "ni:///sha-256;ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0")
    }

    @Test func settingsNameTheirFileAndKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        try "aggregate:\n  age_bands: [0, 18, 60]\nfhir:\n  code_system_url: https://moh.example/cs\n".write(toFile: file, atomically: true, encoding: .utf8)
        let s = try ExchangeSettings.load(path: file)
        #expect(s.codeSystemURL == "https://moh.example/cs" && s.ageBand(17) == "0-17" && s.ageBand(70) == "60+")
        for (text, key) in [("aggregate:\n  small_cell_threshold: 1\n", "small_cell_threshold"), ("fhir:\n  code_system_url: not a url\n", "code_system_url"),
                            ("aggregate:\n  age_bands: [5, 1]\n", "age_bands"), ("colours: {}\n", "colours")] {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            #expect(throws: ServiceError.self) { try ExchangeSettings.load(path: file) }
            do { _ = try ExchangeSettings.load(path: file) } catch { #expect("\(error)".contains(key) && "\(error)".contains(file), "\(error)") }
        }
    }
}
