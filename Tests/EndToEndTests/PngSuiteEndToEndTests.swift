import Foundation
import Testing

/// The PngSuite basic set attached through the binary: each interlaced file gives the same
/// normalised copy as its non-interlaced twin, each copy matches an independent decoder (pypng,
/// with the README's 8-bit rule applied in Python) within one level, and the invalid files are
/// refused naming the file.
@Suite("PngSuite through the binary")
struct PngSuiteEndToEndTests {
    static let suite = AttachmentEndToEndTests.fixtures.appendingPathComponent("pngsuite")
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let basic = ["0g01", "0g02", "0g04", "0g08", "0g16", "2c08", "2c16", "3p01", "3p02", "3p04", "3p08",
                        "4a08", "4a16", "6a08", "6a16"]
    static let invalid = ["xs1n0g01", "xs2n0g01", "xs4n0g01", "xs7n0g01", "xcrn0g04", "xlfn0g04", "xhdn0g08",
                          "xc1n0g08", "xc9n2c08", "xd0n2c08", "xd3n2c08", "xd9n2c08", "xdtn0g01", "xcsn0g01"]

    /// Runs the Debian python3 (where scripts/setup installs pypng) on scripts/png_reference.py.
    static func reference(_ pairs: [(String, String)]) throws -> (status: Int32, lines: [[String: Any]], stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [root.appendingPathComponent("scripts/png_reference.py").path] + pairs.flatMap { [$0.0, $0.1] }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let lines = String(decoding: o, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return (p.terminationStatus, lines, String(decoding: e, as: UTF8.self))
    }

    @Test func basicSetNormalisesIdenticallyAndMatchesPypng() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let nurse = cli.as("nurse")
        var pairs = [(String, String)]()
        for kind in Self.basic {
            for name in ["basn\(kind)", "basi\(kind)"] {
                let original = Self.suite.appendingPathComponent("\(name).png").path
                let attached = try nurse.run("attach", "--encounter", "2", "--kind", "cxr", original, "--json")
                #expect(attached.status == 0, "\(name): \(attached.stderr)")
                let id = try #require(attached.object["id"] as? Int, "\(name): \(attached.stdout)")
                let exported = dir.appendingPathComponent("\(name).png").path
                let back = dir.appendingPathComponent("\(name)-original.png").path
                let export = try nurse.run("attachment", "export", String(id), exported, "--rendition", "normalised")
                #expect(export.status == 0, "\(name): \(export.stderr)")
                #expect(try nurse.run("attachment", "export", String(id), back).status == 0)
                #expect(try AttachmentEndToEndTests.identical(back, original), "\(name): original not kept byte for byte")
                pairs.append((original, exported))
            }
            let plain = dir.appendingPathComponent("basn\(kind).png").path, interlaced = dir.appendingPathComponent("basi\(kind).png").path
            #expect(try AttachmentEndToEndTests.identical(plain, interlaced), "basn\(kind) and basi\(kind): normalised copies differ")
        }
        let checked = try Self.reference(pairs)
        #expect(checked.status == 0, "pypng reference failed (run scripts/setup for python3-png): \(checked.stderr)")
        #expect(checked.lines.count == 30)
        for line in checked.lines {
            let file = URL(fileURLWithPath: line["file"] as? String ?? "?").lastPathComponent
            #expect(line["same_shape"] as? Bool == true, "\(file): \(line)")
            #expect(line["channels"] as? Int == line["expected_channels"] as? Int, "\(file): \(line)")
            #expect((line["max_difference"] as? Int ?? 99) <= 1, "\(file): \(line)")
        }
    }

    @Test func invalidFilesAreRefusedNamingTheFile() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let before = try AttachmentEndToEndTests.counts(db)
        for name in Self.invalid {
            let r = try cli.as("nurse").run("attach", "--encounter", "2", "--kind", "cxr",
                                            Self.suite.appendingPathComponent("\(name).png").path)
            #expect(r.status == 6, "\(name): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(name).png"), "the error names the file: \(r.stderr)")
            #expect(r.stderr.contains("not a PNG image") || r.stderr.contains("corrupt"), "\(name): \(r.stderr)")
            #expect(r.stderr.contains("again"), "the error says what to do: \(r.stderr)")
        }
        #expect(try AttachmentEndToEndTests.counts(db) == before)
    }
}
