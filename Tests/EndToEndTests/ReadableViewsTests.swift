import ClearanceImaging
import Foundation
import Testing

/// Views a person reads: answers in form order, field names never cut, an audiogram that says
/// whose test it is.
@Suite("Readable views (binary)")
struct ReadableViewsTests {
    /// Demo case 3 (us-panel, Иванова Мария, person 3) with an audiometry encounter from the template.
    static func audiometry() throws -> (dir: URL, cli: CLI, encounter: String, testDate: String) {
        let (dir, cli) = try demoDatabase()
        let template = try cli.run("modules", "template", "audiometry")
        #expect(template.status == 0, "\(template.stderr)")
        let file = dir.appendingPathComponent("audiometry.json")
        try template.stdout.write(to: file, atomically: true, encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(template.stdout.utf8)) as? [String: Any] ?? [:]
        let recorded = try cli.as("audiometrist").run("record", "audiometry", "--case", "3", "--answers", file.path, "--json")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let id = try #require(recorded.object["encounter"] as? Int)
        return (dir, cli, String(id), object["test_date"] as? String ?? "")
    }

    @Test func encounterShowListsAnswersInFormOrder() throws {
        let (dir, cli, encounter, _) = try Self.audiometry()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shown = try cli.as("audiometrist").run("encounter", "show", encounter)
        #expect(shown.status == 0, "\(shown.stderr)")
        let lines = shown.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func line(_ field: String) -> Int? { lines.firstIndex { $0.hasPrefix(field + " ") } }
        let order = ["right_air_250", "right_air_500", "right_air_1000", "right_air_2000", "right_air_4000", "right_air_8000"]
        let positions = order.compactMap(line)
        #expect(positions.count == order.count, "\(shown.stdout)")
        #expect(positions == positions.sorted(), "250 Hz before 2000 Hz: \(shown.stdout)")
        if let right = line("right_air_8000"), let left = line("left_air_250") { #expect(right < left, "right ear before left") }
    }

    @Test func modulesShowPrintsWholeFieldNames() throws {
        let r = try CLI(database: "/nonexistent").run("modules", "show", "tb")
        #expect(r.status == 0, "\(r.stderr)")
        // 30 characters: the old 24-column layout printed "tb_history_treatment_com".
        #expect(r.stdout.contains("tb_history_treatment_completed "), "\(r.stdout)")
        let codes = try CLI(database: "/nonexistent").run("modules", "show", "cxr")
        #expect(codes.stdout.contains("CXR-TB-SUGGESTIVE "), "\(codes.stdout)")
    }

    @Test func audiogramCarriesWhoseTestAndWhen() throws {
        let (dir, cli, encounter, testDate) = try Self.audiometry()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("audiogram.png")
        let drawn = try cli.as("audiometrist").run("encounter", "audiogram", encounter, "--out", out.path)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let image = try PNGDecoder.decode([UInt8](try Data(contentsOf: out))).image
        let caption = BitmapTextReader.audiogramHeader(image, line: 0, cells: 70)
        #expect(caption.hasPrefix("IVANOVA, MARIIA  ID 3  TEST \(testDate)  ENCOUNTER \(encounter)"), "caption reads '\(caption)'")
        let axis = BitmapTextReader.audiogramHeader(image, line: 1, cells: 5)
        #expect(axis == "dB HL", "axis label reads '\(axis)'")
        // A smaller picture (text scale 1) still carries the caption, cut to fit.
        let small = dir.appendingPathComponent("small.png")
        #expect(try cli.as("audiometrist").run("encounter", "audiogram", encounter, "--out", small.path, "--width", "480", "--height", "320").status == 0)
        let smallImage = try PNGDecoder.decode([UInt8](try Data(contentsOf: small))).image
        #expect(BitmapTextReader.audiogramHeader(smallImage, line: 0, cells: 20).hasPrefix("IVANOVA, MARIIA  ID"))

        // A Latin name with diacritics (demo person 1, Müller) is written without them.
        let file = dir.appendingPathComponent("audiometry.json").path
        let other = try cli.as("audiometrist").run("record", "audiometry", "--case", "1", "--answers", file, "--json")
        let otherID = String(try #require(other.object["encounter"] as? Int))
        let otherOut = dir.appendingPathComponent("other.png")
        #expect(try cli.as("audiometrist").run("encounter", "audiogram", otherID, "--out", otherOut.path).status == 0)
        let otherImage = try PNGDecoder.decode([UInt8](try Data(contentsOf: otherOut))).image
        let otherCaption = BitmapTextReader.audiogramHeader(otherImage, line: 0, cells: 30)
        #expect(otherCaption.hasPrefix("MULLER, HANS PETER  ID 1  TEST"), "caption reads '\(otherCaption)'")
    }
}
