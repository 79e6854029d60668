import Foundation
import Testing

/// PNG files attached, exported, verified and drawn through the built binary.
@Suite("Attachments through the binary")
struct AttachmentEndToEndTests {
    /// The imaging library's PNG fixtures (real files, including 16-bit grey and malformed ones).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ClearanceImagingTests/Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Width, height and bit depth from a PNG's IHDR chunk, or nil when the file is not a PNG.
    static func header(_ path: String) -> (width: Int, height: Int, bitDepth: Int)? {
        guard let d = FileManager.default.contents(atPath: path), d.count > 24,
              d.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        let b = [UInt8](d.prefix(25))
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20), Int(b[24]))
    }

    /// Runs `cmp -s a b`: true when the files are identical.
    static func identical(_ a: String, _ b: String) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/cmp")
        p.arguments = ["-s", a, b]
        try p.run(); p.waitUntilExit()
        return p.terminationStatus == 0
    }

    static func counts(_ db: String) throws -> String {
        try sqlite(db, "SELECT (SELECT count(*) FROM attachments), (SELECT count(*) FROM attachment_renditions), (SELECT count(*) FROM audit_log WHERE action NOT IN ('login', 'login-failed'))")
    }

    @Test func attachExportIsIdenticalAndVerifyFindsATamperedBlob() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let nurse = cli.as("nurse")
        // Encounter 2 is the demo's TB screening (readable by nurses).
        let attached = try nurse.run("attach", "--encounter", "2", "--kind", "other", Self.fixture("grey16.png"), "--json")
        #expect(attached.status == 0, "\(attached.stderr)")
        let id = try #require(attached.object["id"] as? Int)
        #expect(attached.object["byte_size"] as? Int == 332)

        let out = dir.appendingPathComponent("out.png").path
        let export = try nurse.run("attachment", "export", String(id), out)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try Self.identical(out, Self.fixture("grey16.png")))
        let normal = dir.appendingPathComponent("normal.png").path
        #expect(try nurse.run("attachment", "export", String(id), normal, "--rendition", "normalised").status == 0)
        #expect(Self.header(normal)?.bitDepth == 8)

        let list = try nurse.run("attachment", "list", "--encounter", "2", "--json")
        #expect(list.array.map { $0["id"] as? Int } == [id])

        let admin = cli.as("admin")
        #expect(try admin.run("attachment", "verify").status == 0)
        _ = try sqlite(db, "DROP TRIGGER attachments_original_immutable; UPDATE attachments SET bytes = substr(bytes, 1, 100) || x'00' || substr(bytes, 102) WHERE id = \(id)")
        let verify = try admin.run("attachment", "verify", "--json")
        #expect(verify.status == 1)
        let mismatches = verify.object["mismatches"] as? [[String: Any]] ?? []
        #expect(mismatches.map { $0["attachment_id"] as? Int } == [id], "\(verify.stdout)")
    }

    @Test func malformedFilesExitSixAndStoreNothing() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let before = try Self.counts(db)
        for name in ["bad_crc.png", "truncated_in_idat.png", "wrong_signature.png", "huge_declared.png", "empty.png"] {
            let r = try cli.as("nurse").run("attach", "--encounter", "2", "--kind", "cxr", Self.fixture("malformed/\(name)"))
            #expect(r.status == 6, "\(name): \(r.stderr)")
            #expect(r.stderr.contains(name), "the error names the file: \(r.stderr)")
        }
        let corrupt = try cli.as("nurse").run("attach", "--encounter", "2", Self.fixture("malformed/bad_crc.png"))
        #expect(corrupt.stderr.contains("corrupt"))
        let large = try cli.as("nurse").run("attach", "--encounter", "2", Self.fixture("malformed/huge_declared.png"))
        #expect(large.stderr.contains("too large") && large.stderr.contains("limit"), "\(large.stderr)")
        #expect(try Self.counts(db) == before)
    }

    @Test func clerkCannotAttachToAnHIVEncounter() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let template = dir.appendingPathComponent("hiv.json").path
        let t = try cli.run("modules", "template", "hiv")
        try t.stdout.write(toFile: template, atomically: true, encoding: .utf8)
        let hiv = try cli.as("counsellor").run("record", "hiv", "--case", "2", "--answers", template, "--json")
        #expect(hiv.status == 0, "\(hiv.stderr)")
        let encounter = try #require(hiv.object["encounter"] as? Int)
        let before = try Self.counts(db)
        let clerk = try cli.run("attach", "--encounter", String(encounter), Self.fixture("rgb8.png"))
        #expect(clerk.status == 4, "\(clerk.stderr)")
        #expect(try Self.counts(db) == before)
        #expect(try cli.as("counsellor").run("attach", "--encounter", String(encounter), Self.fixture("rgb8.png")).status == 0)
    }

    @Test func audiogramIsDrawnAndAttached() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let template = dir.appendingPathComponent("aud.json").path
        try (try cli.run("modules", "template", "audiometry")).stdout.write(toFile: template, atomically: true, encoding: .utf8)
        let rec = try cli.as("audiometrist").run("record", "audiometry", "--case", "3", "--answers", template, "--json")
        #expect(rec.status == 0, "\(rec.stderr)")
        let encounter = try #require(rec.object["encounter"] as? Int)
        let png = dir.appendingPathComponent("audiogram.png").path
        let r = try cli.as("audiometrist").run("encounter", "audiogram", String(encounter), "--out", png, "--attach", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.header(png).map { [$0.width, $0.height, $0.bitDepth] } == [900, 600, 8])
        let attachment = try #require(r.object["attachment"] as? [String: Any])
        #expect(attachment["kind"] as? String == "audiogram")
        let thumb = (attachment["renditions"] as? [[String: Any]])?.first { $0["kind"] as? String == "thumbnail" }
        #expect(thumb.map { [$0["width"] as? Int, $0["height"] as? Int] } == [256, 171])
        let exported = dir.appendingPathComponent("again.png").path
        #expect(try cli.as("audiometrist").run("attachment", "export", String(attachment["id"] as? Int ?? 0), exported).status == 0)
        #expect(try Self.identical(png, exported))
        // Only audiometry encounters have an audiogram.
        #expect(try cli.as("nurse").run("encounter", "audiogram", "2", "--out", png).status == 6)
    }

    @Test func photoAndImageAnswersGivenAsFilePaths() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let photo = try cli.run("person", "photo", "1", Self.fixture("rgb8.png"), "--json")
        #expect(photo.status == 0, "\(photo.stderr)")
        let shown = try cli.run("person", "show", "1", "--json")
        #expect(shown.object["photo_attachment"] as? Int == photo.object["id"] as? Int)

        let t = try cli.run("modules", "template", "cxr")
        var answers = try #require(try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any])
        answers["image"] = Self.fixture("grey16_adam7.png")
        let file = dir.appendingPathComponent("cxr.json").path
        try JSONSerialization.data(withJSONObject: answers).write(to: URL(fileURLWithPath: file))
        let rec = try cli.as("radiologist").run("record", "cxr", "--case", "4", "--answers", file, "--json")
        #expect(rec.status == 0, "\(rec.stderr)")
        let encounter = try #require(rec.object["encounter"] as? Int)
        let list = try cli.as("radiologist").run("attachment", "list", "--encounter", String(encounter), "--json")
        #expect(list.array.map { $0["kind"] as? String } == ["cxr"])
        let shownEncounter = try cli.as("radiologist").run("encounter", "show", String(encounter), "--json")
        let stored = (shownEncounter.object["answers"] as? [String: Any])?["image"]
        #expect((stored as? Int) == list.array.first?["id"] as? Int, "\(shownEncounter.stdout)")

        // A correction may name a new PNG file too: it is attached to the same encounter and the
        // old answer (the first image's id) is kept in the history, voided.
        let fix = try cli.as("radiologist").run("encounter", "correct", String(encounter), "--set", "image=\(Self.fixture("rgb8.png"))",
                                                "--reason", "wrong film scanned", "--json")
        #expect(fix.status == 0, "\(fix.stdout)\(fix.stderr)")
        let after = try cli.as("radiologist").run("attachment", "list", "--encounter", String(encounter), "--json")
        #expect(after.array.count == 2, "\(after.stdout)")
        let newest = try #require(after.array.compactMap { $0["id"] as? Int }.max())
        let corrected = try cli.as("radiologist").run("encounter", "show", String(encounter), "--history", "--json")
        #expect((corrected.object["answers"] as? [String: Any])?["image"] as? Int == newest, "\(corrected.stdout)")
        #expect(corrected.stdout.contains("wrong film scanned"))
        // A bad file is refused, naming the field and the file; nothing changes.
        let bad = try cli.as("radiologist").run("encounter", "correct", String(encounter), "--set",
                                                "image=\(Self.fixture("malformed/bad_crc.png"))", "--reason", "again")
        #expect(bad.status == 6 && bad.stderr.contains("image") && bad.stderr.contains("bad_crc.png"), "\(bad.stderr)")
        #expect(try cli.as("radiologist").run("attachment", "list", "--encounter", String(encounter), "--json").array.count == 2)
    }
}
