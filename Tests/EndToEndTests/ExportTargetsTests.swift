import Foundation
import Testing

/// `report aggregate --out/--chart` and `export csv` write through the one rule
/// (`ReportFile.checkWritable`): never over anything but a regular file, even with --force.
@Suite("Export targets (binary)")
struct ExportTargetsTests {
    static func kind(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    @Test func nothingButARegularFileIsReplaced() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))

        // A FIFO and a folder where the report and the chart would go: refused with --force.
        let fifo = dir.appendingPathComponent("report.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let folder = dir.appendingPathComponent("chart.png")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for args in [["--out", fifo], ["--chart", folder.path]] {
            let r = try cli.run(["report", "aggregate", "--period", month, "--by", "clinic,sex", "--format", "csv", "--force"] + args)
            #expect(r.status == 7 && r.stderr.contains("not a regular file"), "\(args): \(r.status) \(r.stderr)")
        }
        #expect(Self.kind(fifo) != .typeRegular, "the FIFO is left as it was")
        #expect(Self.kind(folder.path) == .typeDirectory)
        // A regular file: only with --force.
        let report = dir.appendingPathComponent("report2.csv").path
        #expect(try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--format", "csv", "--out", report).status == 0)
        let again = try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--format", "csv", "--out", report)
        #expect(again.status == 7 && again.stderr.contains("--force"), "\(again.stderr)")
        #expect(try cli.run("report", "aggregate", "--period", month, "--by", "clinic,sex", "--format", "csv", "--out", report, "--force").status == 0)

        // export csv: a symbolic link planted where tb.csv goes is not followed, even with --force.
        let out = dir.appendingPathComponent("tb-export")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let victim = dir.appendingPathComponent("victim.txt")
        try "keep me".write(to: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("tb.csv").path, withDestinationPath: victim.path)
        let linked = try cli.as("nurse").run("export", "csv", "--module", "tb", "--out", out.path, "--force")
        #expect(linked.status == 7 && linked.stderr.contains("not a regular file"), "\(linked.status) \(linked.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
        // Nothing written when one file of the set is refused.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("tb-codebook.csv").path))
    }
}
