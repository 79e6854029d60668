import Foundation
import Testing

/// `report daily`: the register of who was seen for what, CSV and PDF, by role.
@Suite("Daily register (binary)")
struct DailyRegisterTests {
    static var today: String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }

    func pdftotext(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", path, "-"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The demo with an HIV counselling encounter on case 3 (Иванова), recorded by the counsellor.
    static func withHIV() throws -> (dir: URL, cli: CLI, codes: [String]) {
        let (dir, cli) = try demoDatabase()
        let file = dir.appendingPathComponent("hiv.json")
        try cli.run("modules", "template", "hiv").stdout.write(to: file, atomically: true, encoding: .utf8)
        let r = try cli.as("counsellor").run("record", "hiv", "--case", "3", "--answers", file.path, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, cli, r.object["result_codes"] as? [String] ?? [])
    }

    @Test func csvShowsWhoWasSeenAndWithholdsConfidentialResultsFromAClerk() throws {
        let (dir, cli, codes) = try Self.withHIV()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(!codes.isEmpty)
        let clerkFile = dir.appendingPathComponent("clerk.csv")
        let clerk = try cli.as("clerk").run("report", "daily", "--date", Self.today, "--out", clerkFile.path)
        #expect(clerk.status == 0, "\(clerk.stderr)")
        let csv = try String(contentsOf: clerkFile, encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "time,case,person,name,name_latin,document,programme,module,status,results,recorded_by", "\(csv)")
        #expect(rows.count == 4, "cxr, tb (demo) and hiv: \(csv)")
        let hiv = try #require(rows.first { $0.contains(",hiv,") })
        #expect(hiv.contains("\"ИВАНОВА, Мария\",\"IVANOVA, MARIIA\"") && hiv.contains("(confidential)") && hiv.hasSuffix(",counsellor"), "\(hiv)")
        for code in codes { #expect(!csv.contains(code), "a clerk's register shows no HIV result: \(csv)") }
        #expect(csv.contains(",cxr,final,") && csv.contains("MÜLLER, Hans Peter"), "\(csv)")

        // The medical officer's register shows the result.
        let moFile = dir.appendingPathComponent("mo.csv")
        #expect(try cli.as("mo").run("report", "daily", "--date", Self.today, "--out", moFile.path).status == 0)
        let mo = try String(contentsOf: moFile, encoding: .utf8)
        #expect(codes.allSatisfy { mo.contains($0) } && !mo.contains("(confidential)"), "\(mo)")

        // Every role: only the counsellor and the medical officer see the HIV result.
        for (role, sees) in [("nurse", false), ("radiographer", false), ("radiologist", false), ("audiometrist", false),
                             ("admin", false), ("counsellor", true)] {
            let f = dir.appendingPathComponent("\(role).csv")
            let r = try cli.as(role).run("report", "daily", "--date", Self.today, "--out", f.path)
            #expect(r.status == 0, "\(role): \(r.stderr)")
            let text = try String(contentsOf: f, encoding: .utf8)
            // The HIV row: its result, or withheld. (Rows of other modules with read roles, the X-ray
            // for an audiometrist, are withheld too: `read_roles` hide result codes.)
            let hivRow = text.components(separatedBy: "\r\n").first { $0.contains(",hiv,") } ?? ""
            #expect(codes.allSatisfy { hivRow.contains($0) } == sees && hivRow.contains("(confidential)") == !sees, "\(role): \(text)")
        }

        // Never over an existing file without --force; never over a directory.
        let again = try cli.as("clerk").run("report", "daily", "--date", Self.today, "--out", clerkFile.path)
        #expect(again.status == 7 && again.stderr.contains("--force"), "\(again.stderr)")
        #expect(try cli.as("clerk").run("report", "daily", "--date", Self.today, "--out", clerkFile.path, "--force").status == 0)
        let toDir = try cli.as("clerk").run("report", "daily", "--date", Self.today, "--out", dir.path, "--force")
        #expect(toDir.status == 7 && toDir.stderr.contains("not a regular file"), "\(toDir.stderr)")
        // Another day is empty; a bad date names the field.
        let empty = dir.appendingPathComponent("empty.csv")
        #expect(try cli.run("report", "daily", "--date", "2001-01-01", "--out", empty.path).status == 0)
        #expect(try String(contentsOf: empty, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
        let bad = try cli.run("report", "daily", "--date", "03/12/2026", "--out", empty.path)
        #expect(bad.status == 6 && bad.stderr.contains("date"), "\(bad.stderr)")
        // Audited as an export.
        let audit = try cli.as("admin").run("audit", "log", "--action", "export", "--json")
        #expect(audit.array.contains { $0["entity"] as? String == "report" && $0["entity_id"] as? String == "daily-\(Self.today)" }, "\(audit.stdout)")
    }

    @Test func pdfPrintsTheRegisterWithNamesInTheirScript() throws {
        let (dir, cli, codes) = try Self.withHIV()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("register.pdf")
        let r = try cli.as("clerk").run("report", "daily", "--date", Self.today, "--format", "pdf", "--out", pdf.path, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        // HIV, and the X-ray (read by radiology, nurses and medical officers only).
        #expect(r.object["screenings"] as? Int == 3 && r.object["withheld"] as? Int == 2, "\(r.stdout)")
        let text = try pdftotext(pdf.path)
        #expect(text.contains("Daily register \(Self.today)"), "\(text)")
        #expect(text.contains("IVANOVA, MARIIA") && text.contains("Мария"), "\(text)")
        #expect(text.contains("(confidential)") && text.contains("2 confidential results withheld"), "\(text)")
        for code in codes { #expect(!text.contains(code), "\(text)") }
        let mo = dir.appendingPathComponent("mo.pdf")
        #expect(try cli.as("mo").run("report", "daily", "--date", Self.today, "--format", "pdf", "--out", mo.path).status == 0)
        let moText = try pdftotext(mo.path)
        #expect(codes.allSatisfy { moText.contains($0) }, "\(moText)")
    }
}
