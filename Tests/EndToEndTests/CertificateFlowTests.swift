import Foundation
import Testing

/// Decision, keys and certificates, checked by running the built binary.
@Suite("Certificates (binary)")
struct CertificateFlowTests {
    /// Runs a tool from poppler-utils and returns its standard output.
    func poppler(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func demoToVerifiedCertificate() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }

        let added = try cli.run("person", "add", "--surname", "Haddad", "--given", "Layla", "--dob", "1994-03-02", "--sex", "F",
                                "--nationality", "JOR", "--document-number", "N1234567", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        let personID = try #require(added.object["id"] as? Int)
        // The clinic-taken photo goes on the certificate (decoded by libpng, drawn as pixels).
        let photo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ClearanceImagingTests/Fixtures/rgb8.png").path
        let photoSet = try cli.run("person", "photo", String(personID), photo)
        #expect(photoSet.status == 0, "\(photoSet.stderr)")
        let opened = try cli.run("case", "open", "--person", String(personID), "--programme", "uk-tb", "--json")
        let caseID = String(try #require(opened.object["id"] as? Int))

        // Nothing recorded yet: only PENDING may be decided.
        let early = try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT")
        #expect(early.status == 7 && early.stderr.contains("cxr"), "\(early.stderr)")

        for (module, user) in [("pregnancy", "nurse"), ("cxr", "radiologist"), ("tb", "nurse")] {
            let template = try cli.run("modules", "template", module)
            #expect(template.status == 0)
            let file = dir.appendingPathComponent("\(module).json")
            try template.stdout.write(to: file, atomically: true, encoding: .utf8)
            let r = try cli.as(user).run("record", module, "--case", caseID, "--answers", file.path, "--json")
            #expect(r.status == 0, "\(module): \(r.stderr)")
        }

        let review = try cli.as("mo").run("case", "review", caseID)
        #expect(review.status == 0 && review.stdout.contains("Proposed fitness: FIT"), "\(review.stdout)\(review.stderr)")
        #expect(try cli.as("clerk").run("case", "decide", caseID, "--decision", "FIT").status == 4)
        let decided = try cli.as("mo").run("case", "decide", caseID, "--decision", "FIT", "--json")
        #expect(decided.status == 0 && decided.object["decision"] as? String == "FIT", "\(decided.stderr)")

        let keys = try cli.as("admin").run("keys", "init", "--json")
        #expect(keys.status == 0, "\(keys.stderr)")
        let pub = try #require(keys.object["public_key_file"] as? String)
        let exported = try cli.as("clerk").run("keys", "export-public")
        let pubText = try String(contentsOfFile: pub, encoding: .utf8)
        #expect(exported.status == 0 && exported.stdout == pubText)

        #expect(try cli.as("clerk").run("certificate", "issue", "--case", caseID).status == 4)
        let issued = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--json")
        #expect(issued.status == 0, "\(issued.stderr)")
        let certID = try #require(issued.object["id"] as? String)

        let pdf = dir.appendingPathComponent("x.pdf")
        let export = try cli.run("certificate", "export", certID, "--out", pdf.path)
        #expect(export.status == 0, "\(export.stderr)")
        let text = try poppler("pdftotext", [pdf.path, "-"])
        #expect(text.contains("HADDAD") && text.contains("Layla") && text.contains(certID), "\(text)")
        #expect(!text.uppercased().contains("HIV"))
        let images = try poppler("pdfimages", ["-list", pdf.path])
        #expect(images.split(separator: "\n").count == 3, "the photo is the one raster image: \(images)")

        // Offline: only the public key file, no database, no sign-in.
        var offline = cli
        offline.environment["CLEARANCE_DB"] = nil
        offline.environment["CLEARANCE_USER"] = nil
        offline.environment["CLEARANCE_PASSWORD"] = nil
        let good = try offline.run("certificate", "verify", pdf.path, "--public-key", pub)
        #expect(good.status == 0 && good.stdout.hasPrefix("valid"), "\(good.stdout)\(good.stderr)")
        #expect(try offline.run("certificate", "verify", pdf.path, "--public-key", pub, "--today", "2099-01-01").status != 0)
        let beforeIssue = try offline.run("certificate", "verify", pdf.path, "--public-key", pub, "--today", "2000-01-01")
        #expect(beforeIssue.status != 0 && beforeIssue.stdout.hasPrefix("not-yet-valid"), "\(beforeIssue.stdout)\(beforeIssue.stderr)")

        // One byte of the payload inside the PDF flipped.
        var bytes = [UInt8](try Data(contentsOf: pdf))
        let marker = Array("/Keywords (CLR1:".utf8)
        let at = try #require((0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        let target = at + marker.count + 12
        bytes[target] = bytes[target] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = dir.appendingPathComponent("tampered.pdf")
        try Data(bytes).write(to: tampered)
        let bad = try offline.run("certificate", "verify", tampered.path, "--public-key", pub)
        #expect(bad.status != 0 && bad.stdout.contains("tampered"), "\(bad.stdout)")
        let payload = try #require(issued.object["signed_payload"] as? String)
        #expect(try offline.run("certificate", "verify", payload, "--public-key", pub).status == 0)
        #expect(try offline.run("certificate", "verify", payload.replacingOccurrences(of: "CLR1:ey", with: "CLR1:ez"), "--public-key", pub).status != 0)

        // Another key.
        let other = try cli.as("admin").run("keys", "init", "--dir", dir.appendingPathComponent("other").path, "--json")
        let otherPub = try #require(other.object["public_key_file"] as? String)
        let wrong = try offline.run("certificate", "verify", pdf.path, "--public-key", otherPub)
        #expect(wrong.status != 0 && wrong.stdout.contains("wrong-key"), "\(wrong.stdout)")

        // With the database at hand a re-issue makes the old certificate superseded.
        let reissued = try cli.as("mo").run("certificate", "issue", "--case", caseID, "--json")
        #expect(reissued.status == 0 && (reissued.object["superseded"] as? [String]) == [certID], "\(reissued.stdout)\(reissued.stderr)")
        let superseded = try cli.run("certificate", "verify", pdf.path, "--public-key", pub)
        #expect(superseded.status != 0 && superseded.stdout.contains("superseded"), "\(superseded.stdout)")

        // Batch export: plain count lines on a non-terminal stderr.
        let batch = try cli.run("certificate", "export", "--since", "2000-01-01", "--out", dir.appendingPathComponent("batch").path)
        #expect(batch.status == 0 && batch.stderr.contains("exported 1/1"), "\(batch.stderr)")

        let png = dir.appendingPathComponent("page")
        _ = try poppler("pdftoppm", ["-r", "80", "-png", "-singlefile", pdf.path, png.path])
        #expect(FileManager.default.fileExists(atPath: png.path + ".png"))
    }
}
