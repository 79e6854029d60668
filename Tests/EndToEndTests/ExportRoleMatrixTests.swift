import Foundation
import Testing

/// Every role against every exchange read path, as an attacker with an account would try them:
/// HIV answers, codes and encounters reach only counsellors and medical officers.
@Suite("Exchange: every role against every export (binary)")
struct ExportRoleMatrixTests {
    static let roles = ["clerk", "nurse", "counsellor", "radiographer", "radiologist", "audiometrist", "mo", "admin"]
    static let readHIV: Set<String> = ["counsellor", "mo"]
    static let exportRecords: Set<String> = ["clerk", "nurse", "counsellor", "mo"]
    /// TB's `hiv_status` is answered by nurses but read back (`read_roles`) by these only.
    static let seeHIVStatus: Set<String> = ["counsellor", "mo"]

    @Test func confidentialDataReachesOnlyItsReaders() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        var hiv = try Exchange.template(cli, "hiv")
        hiv["counsellor"] = "Confidential Counsellor Name"
        let hivID = try Exchange.record(cli, dir: dir, "hiv", caseID: 2, as: "counsellor", hiv)
        var tb = try Exchange.template(cli, "tb")
        tb["hiv_status"] = "negative"
        try Exchange.record(cli, dir: dir, "tb", caseID: 2, as: "nurse", tb)
        let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))

        for role in Self.roles {
            let file = dir.appendingPathComponent("\(role).json").path
            let fhir = try cli.as(role).run("export", "fhir", "--case", "2", "--out", file)
            guard Self.exportRecords.contains(role) else {
                #expect(fhir.status == 4, "\(role) exported records: \(fhir.stderr)")
                #expect(!FileManager.default.fileExists(atPath: file), "\(role): a refused export leaves no file")
                continue
            }
            #expect(fhir.status == 0, "\(role): \(fhir.stderr)")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let seesHIV = Self.readHIV.contains(role)
            #expect(text.contains("encounter-\(hivID)") == seesHIV, "\(role): HIV encounter")
            #expect(text.contains("Confidential Counsellor Name") == seesHIV, "\(role): HIV answers")
            #expect(text.contains("89365-1") == seesHIV, "\(role): HIV results")
            #expect(text.contains("tb.hiv_status") == Self.seeHIVStatus.contains(role), "\(role): TB's restricted hiv_status field")

            let csvDir = dir.appendingPathComponent("csv-\(role)")
            let csv = try cli.as(role).run("export", "csv", "--module", "hiv", "--out", csvDir.path)
            #expect(csv.status == (seesHIV ? 0 : 4), "\(role): hiv csv \(csv.stderr)")
        }
        for role in Self.roles {
            // Aggregates are for everyone; HIV codes only for the readers.
            let r = try cli.as(role).run("report", "aggregate", "--period", month, "--by", "result", "--json")
            #expect(r.status == 0, "\(role): \(r.stderr)")
            let columns = r.object["columns"] as? [String] ?? []
            #expect(columns.contains { $0.hasPrefix("HIV") } == Self.readHIV.contains(role), "\(role): \(columns)")
        }
        // The database file itself: the exports wrote no answers anywhere but the audit log, which
        // names the confidential module and never a value.
        let db = dir.appendingPathComponent("demo.sqlite").path
        let details = try sqlite(db, "SELECT detail FROM audit_log WHERE action = 'export'")
        #expect(!details.contains("Confidential Counsellor Name") && details.contains("hiv"), "\(details)")
    }
}
