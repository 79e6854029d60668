import ClearanceImaging
import Foundation
import Testing

/// Limits of attached images (issue 13, item 6), through the binary: a 60 MP zero-filled PNG
/// is refused before decoding, under a bounded peak memory; a small but very compressible PNG
/// does not become a stored copy many times its size.
@Suite("Attachment limits (binary)", .serialized)
struct AttachmentLimitsTests {
    /// Runs the binary under `/usr/bin/time -v`; returns the result and the child's peak RSS in MiB.
    static func measured(_ cli: CLI, _ args: [String]) throws -> (status: Int32, stderr: String, peakMiB: Double) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        p.arguments = ["-v", CLI.binary.path] + args
        p.environment = cli.environment
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let line = e.split(separator: "\n").first { $0.contains("Maximum resident set size (kbytes):") } ?? ""
        let kib = Double(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? .nan
        return (p.terminationStatus, e, kib / 1024)
    }

    static func zeroPNG(_ path: String, width: Int, height: Int, layout: PixelLayout) throws -> Int {
        let image = PixelImage(width: width, height: height, layout: layout,
                               pixels: [UInt8](repeating: 0, count: width * height * layout.channels))
        let png = try PNGEncoder.encode(image)
        try Data(png).write(to: URL(fileURLWithPath: path))
        return png.count
    }

    @Test func sixtyMegapixelsIsRefusedWithinBoundedMemory() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let big = dir.appendingPathComponent("zero-60mp.png").path
        _ = try Self.zeroPNG(big, width: 7745, height: 7745, layout: .grey)   // 59,985,025 pixels
        let before = try AttachmentEndToEndTests.counts(db)
        let r = try Self.measured(cli.as("nurse"), ["attach", "--encounter", "2", "--kind", "other", big])
        #expect(r.status == 6, "\(r.stderr)")
        #expect(r.stderr.contains("too large") && r.stderr.contains("40000000"), "\(r.stderr)")
        #expect(r.peakMiB < 100, "peak RSS \(r.peakMiB) MiB for a refused image")
        #expect(try AttachmentEndToEndTests.counts(db) == before)
    }

    @Test func compressibleImageKeepsASmallStoredCopy() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let file = dir.appendingPathComponent("zero-12mp.png").path
        let original = try Self.zeroPNG(file, width: 4000, height: 3000, layout: .rgb)   // 36 MB of pixels, a few tens of KB on disk
        let r = try Self.measured(cli.as("nurse"), ["attach", "--encounter", "2", "--kind", "other", file, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let stored = Int(try sqlite(db, "SELECT max(byte_size) FROM attachment_renditions WHERE kind = 'normalised'")) ?? -1
        #expect(stored > 0 && stored <= AttachmentProcessor.storedCopyBound(originalBytes: original),
                "original \(original) bytes, stored copy \(stored) bytes")
        #expect(r.peakMiB < 256, "peak RSS \(r.peakMiB) MiB")
    }
}
