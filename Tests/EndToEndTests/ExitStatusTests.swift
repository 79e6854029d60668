import Foundation
import Testing

/// Every exit status the README documents, met through the built binary.
@Suite("Exit statuses (binary)")
struct ExitStatusTests {
    /// The README's sentence, which must list the same codes as `clearance --help`.
    static let documented = "0 ok, 1 error, 2 usage, 3 sign-in failed, 4 not allowed, 5 not found, 6 invalid input"

    @Test func eachDocumentedStatus() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }

        // 0 ok
        #expect(try cli.run("case", "show", "1").status == 0)
        // 1 error: a form file that does not lint.
        let bad = dir.appendingPathComponent("bad.yaml")
        try "form:\n  id: Bad Id\n".write(to: bad, atomically: true, encoding: .utf8)
        let lint = try cli.run("modules", "lint", bad.path)
        #expect(lint.status == 1, "\(lint.stdout)\(lint.stderr)")
        // 2 usage: a missing required option, an unknown option, a malformed value.
        for args in [["record", "tb"], ["case", "open", "--person", "1"], ["encounter", "correct", "1", "--set", "a=1"],
                     ["case", "show"], ["case", "list", "--no-such-option"], ["case", "show", "one"]] {
            let r = try cli.run(args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("Usage:") || r.stderr.contains("Error:"), "\(args): \(r.stderr)")
        }
        let missingCase = try cli.run("record", "tb")
        #expect(missingCase.stderr.contains("--case"), "\(missingCase.stderr)")
        let missingReason = try cli.as("mo").run("encounter", "correct", "1", "--set", "fever=true")
        #expect(missingReason.status == 2 && missingReason.stderr.contains("--reason"), "\(missingReason.stderr)")
        // Help is not an error.
        let help = try cli.run("case", "--help")
        #expect(help.status == 0 && help.stdout.contains("USAGE"), "\(help.stdout)")
        // 3 sign-in failed
        #expect(try cli.as("clerk", password: "wrong").run("case", "show", "1").status == 3)
        // 4 not allowed
        #expect(try cli.as("clerk").run("audit", "log").status == 4)
        // 5 not found
        #expect(try cli.run("case", "show", "999").status == 5)
        // 6 invalid input
        let invalid = try cli.run("person", "add", "--surname", "X", "--given", "Y", "--dob", "1990-02-31", "--sex", "F",
                                  "--nationality", "JOR", "--document-number", "Z1")
        #expect(invalid.status == 6, "\(invalid.stderr)")
        // 7 conflict: deciding FIT before the case's required modules are recorded.
        let conflict = try cli.as("mo").run("case", "decide", "2", "--decision", "FIT")
        #expect(conflict.status == 7, "\(conflict.stderr)")
        // 8 broken configuration: the database cannot be opened (--db names a folder).
        let folder = dir.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broken = try cli.run("case", "show", "1", "--db", folder.path)
        #expect(broken.status == 8, "\(broken.stderr)")
        // 9 form not saved: the piped answers end before the form is saved.
        var drafts = cli
        drafts.environment["XDG_STATE_HOME"] = dir.appendingPathComponent("state").path
        let notSaved = try drafts.as("nurse").run(["record", "tb", "--case", "2", "--plain"], stdin: "")
        #expect(notSaved.status == 9, "\(notSaved.stderr)")
    }

    @Test func helpAndReadmeListTheSameStatuses() throws {
        let help = try CLI(database: "/nonexistent").run("--help")
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains(Self.documented), "\(help.stdout)")
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for code in 0...12 {
            #expect(text.contains("| \(code) |"), "README exit status table lacks \(code)")
        }
    }
}
