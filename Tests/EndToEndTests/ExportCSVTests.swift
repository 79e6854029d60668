import Foundation
import Testing

/// `export csv` through the binary: files a spreadsheet opens cleanly, repeat groups linked to
/// their parent rows, restricted columns only for their roles, formula cells defused.
@Suite("CSV export (binary)")
struct ExportCSVTests {
    /// RFC 4180 records of a CSV file (quoted fields may hold commas, quotes and line breaks).
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        chars.append("\r\n")
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" { if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false } } else { field.append(ch) }
            } else if ch == "\"" { quoted = true
            } else if ch == "," { record.append(field); field = ""
            } else if ch == "\r\n" || ch == "\n" {
                record.append(field); field = ""
                if record != [""] { records.append(record) }
                record = []
            } else { field.append(ch) }
            i += 1
        }
        return records
    }

    static func table(_ dir: URL, _ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        let records = parse(text)
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func modulesGroupsAndCodebook() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        // An abnormal chest X-ray with two findings whose remarks need quoting, and a reader name
        // that a spreadsheet would run as a formula.
        var cxr = try Exchange.template(cli, "cxr")
        cxr["reader"] = "=HYPERLINK(\"http://evil.example\",\"click\")"
        cxr["impression"] = "abnormal"
        cxr["findings"] = [["finding": "other", "remarks": "small nodule, \"calcified\"\nleft apex"],
                           ["finding": "other", "remarks": "-2 cm scar"]]
        let cxrID = try Exchange.record(cli, dir: dir, "cxr", caseID: 3, as: "radiologist", cxr)
        var audiometry = try Exchange.template(cli, "audiometry")
        audiometry["right_air_500"] = -10
        try Exchange.record(cli, dir: dir, "audiometry", caseID: 3, as: "audiometrist", audiometry)

        let out = dir.appendingPathComponent("cxr-export")
        let r = try cli.as("mo").run("export", "csv", "--module", "cxr", "--out", out.path, "--json")
        #expect(r.status == 0, "\(r.stderr)\(r.stdout)")
        let raw = try Data(contentsOf: out.appendingPathComponent("cxr.csv"))
        #expect(raw.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark")
        #expect(String(decoding: raw, as: UTF8.self).dropFirst().hasPrefix("KEY,case,person,"))
        let rows = try Self.table(out, "cxr.csv")
        #expect(rows.count == 2, "the demo's case 1 and case 3: \(rows)")
        let mine = try #require(rows.first { $0["KEY"] == "cxr-\(cxrID)" })
        #expect(mine["case"] == "3" && mine["impression"] == "abnormal")
        #expect(mine["reader"] == "'" + (cxr["reader"] as! String), "a formula is defused: \(mine["reader"] ?? "")")
        let findings = try Self.table(out, "cxr-findings.csv").filter { $0["PARENT_KEY"] == "cxr-\(cxrID)" }
        #expect(findings.map { $0["findings/remarks"] ?? "" } == ["small nodule, \"calcified\"\nleft apex", "'-2 cm scar"], "\(findings)")
        #expect(findings.map { $0["KEY"] ?? "" } == ["cxr-\(cxrID)/findings[1]", "cxr-\(cxrID)/findings[2]"])
        let codebook = try Self.table(out, "cxr-codebook.csv")
        let impression = try #require(codebook.first { $0["column"] == "impression" })
        #expect(impression["type"] == "select_one" && (impression["choices"] ?? "").contains("abnormal="), "\(impression)")
        #expect(codebook.contains { $0["file"] == "cxr-findings.csv" && $0["column"] == "PARENT_KEY" })

        // A plain negative number is left as it is.
        let aud = dir.appendingPathComponent("aud")
        #expect(try cli.as("mo").run("export", "csv", "--module", "audiometry", "--out", aud.path).status == 0)
        #expect(try Self.table(aud, "audiometry.csv").first?["right_air_500"] == "-10")

        // Existing files are kept unless --force; the export is audited per case.
        let again = try cli.as("mo").run("export", "csv", "--module", "cxr", "--out", out.path)
        #expect(again.status == 7 && again.stderr.contains("--force"), "\(again.stderr)")
        #expect(try cli.as("mo").run("export", "csv", "--module", "cxr", "--out", out.path, "--force").status == 0)
        let audit = try cli.as("admin").run("audit", "log", "--action", "export", "--case", "3", "--json").array
        #expect(audit.contains { ($0["detail"] as? String ?? "").contains("\"csv\"") }, "\(audit)")
    }

    @Test func confidentialColumnsAndModulesOnlyForTheirRoles() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        try Exchange.record(cli, dir: dir, "hiv", caseID: 3, as: "counsellor", try Exchange.template(cli, "hiv"))
        // TB's hiv_status column is for counsellors and medical officers only: nurses answer
        // it but do not read it back (`read_roles`), clerks neither.
        let nurseDir = dir.appendingPathComponent("nurse"), clerkDir = dir.appendingPathComponent("clerk")
        let moDir = dir.appendingPathComponent("mo")
        #expect(try cli.as("nurse").run("export", "csv", "--module", "tb", "--out", nurseDir.path).status == 0)
        #expect(try cli.as("mo").run("export", "csv", "--module", "tb", "--out", moDir.path).status == 0)
        let clerk = try cli.run("export", "csv", "--module", "tb", "--out", clerkDir.path)
        #expect(clerk.status == 0 && clerk.stdout.contains("hiv_status"), "\(clerk.stdout)")
        let nurseHeader = Self.parse(try String(contentsOf: nurseDir.appendingPathComponent("tb.csv"), encoding: .utf8)).first ?? []
        let clerkText = try String(contentsOf: clerkDir.appendingPathComponent("tb.csv"), encoding: .utf8)
        #expect(!nurseHeader.contains("hiv_status"), "\(nurseHeader)")
        #expect((Self.parse(try String(contentsOf: moDir.appendingPathComponent("tb.csv"), encoding: .utf8)).first ?? []).contains("hiv_status"))
        #expect(!(Self.parse(clerkText).first ?? []).contains("hiv_status"))
        #expect(!(try String(contentsOf: clerkDir.appendingPathComponent("tb-codebook.csv"), encoding: .utf8)).contains("hiv_status"))
        // The HIV module itself: counsellors yes, clerks no (and nothing is written).
        let refused = try cli.run("export", "csv", "--module", "hiv", "--out", dir.appendingPathComponent("hiv-clerk").path)
        #expect(refused.status == 4 && refused.stderr.contains("counsellor"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("hiv-clerk").path))
        let hivDir = dir.appendingPathComponent("hiv")
        #expect(try cli.as("counsellor").run("export", "csv", "--module", "hiv", "--out", hivDir.path).status == 0)
        #expect(try Self.table(hivDir, "hiv.csv").count == 1)
        #expect(try cli.run("export", "csv", "--module", "nosuch", "--out", hivDir.path).status == 5)
    }
}
