import Foundation
import Testing

/// `case decide --conditions` accepts exactly what `certificate issue` prints: the limit is
/// checked where the text is typed, and text at the limit makes a certificate.
@Suite("Conditions limit (binary)")
struct ConditionsLimitTests {
    /// The demo's first case (uk-tb) with its screenings recorded and a photo: ready to decide.
    static func readyCase() throws -> (dir: URL, cli: CLI) {
        let (dir, cli) = try demoDatabase()
        let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ClearanceImagingTests/Fixtures/rgb8.png").path
        let set = try cli.run("person", "photo", "1", photo)
        #expect(set.status == 0, "\(set.stderr)")
        let keys = try cli.as("admin").run("keys", "init")
        #expect(keys.status == 0, "\(keys.stderr)")
        return (dir, cli)
    }

    func decide(_ cli: CLI, _ conditions: String) throws -> CLI.Result {
        try cli.as("mo").run("case", "decide", "1", "--decision", "FIT-WITH-CONDITIONS", "--conditions", conditions,
                             "--reason", "follow-up at destination")
    }

    @Test func tooLongIsRefusedWhenTyped() throws {
        let (dir, cli) = try Self.readyCase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = try decide(cli, String(repeating: "Review in 30 days. ", count: 26))   // 494 characters
        #expect(long.status == 6, "\(long.stderr)")
        #expect(long.stderr.contains("conditions") && long.stderr.contains("at most 300 characters"), "\(long.stderr)")
        let lines = try decide(cli, (1...5).map { "Condition \($0)" }.joined(separator: "\n"))
        #expect(lines.status == 6 && lines.stderr.contains("at most 4 conditions"), "\(lines.stderr)")
        // Nothing was decided, so nothing can be issued.
        #expect(try cli.as("mo").run("certificate", "issue", "--case", "1").status != 0)
    }

    @Test func atTheLimitTheCertificateIsIssued() throws {
        let (dir, cli) = try Self.readyCase()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Four lines of 75 characters: each wraps on the page, the worst case for the room.
        let line = String(String(repeating: "Review at destination clinic. ", count: 3).prefix(75))
        let over = try decide(cli, [line, line, line, line + "."].joined(separator: "\n"))
        #expect(over.status == 6 && over.stderr.contains("301 characters"), "\(over.stderr)")
        let decided = try decide(cli, [line, line, line, line].joined(separator: "\n"))
        #expect(decided.status == 0, "\(decided.stderr)")
        let issued = try cli.as("mo").run("certificate", "issue", "--case", "1", "--json")
        #expect(issued.status == 0, "\(issued.stderr)")
        let single = try decide(cli, String(String(repeating: "Review at destination clinic. ", count: 11).prefix(300)))
        #expect(single.status == 0, "\(single.stderr)")
        #expect(try cli.as("mo").run("certificate", "issue", "--case", "1").status == 0)
    }
}
