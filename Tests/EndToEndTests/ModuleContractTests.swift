import Foundation
import Testing

/// The modules issue's contract: from `modules template MODULE`, change the named fields, record,
/// and get the reference's result codes (SCREENING.md section 8), through the built binary.
@Suite("Module contract (binary)")
struct ModuleContractTests {
    func template(_ cli: CLI, _ module: String) throws -> [String: Any] {
        let r = try cli.run("modules", "template", module)
        #expect(r.status == 0)
        return r.object
    }

    func record(_ cli: CLI, _ module: String, case caseID: Int, _ answers: [String: Any]) throws -> CLI.Result {
        let data = try JSONSerialization.data(withJSONObject: answers)
        // Each worked example is recorded on the same case again: it replaces the one before.
        return try cli.run(["record", module, "--case", String(caseID), "--answers", "-", "--json", "--supersede", "--reason", "next worked example"],
                           stdin: String(decoding: data, as: UTF8.self))
    }

    func codes(_ r: CLI.Result) -> [String] { r.object["result_codes"] as? [String] ?? [] }

    @Test func everyModuleTemplateRecordsAsIs() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let who = ["tb": "nurse", "cxr": "radiologist", "hiv": "counsellor", "audiometry": "audiometrist", "fit-to-travel": "nurse", "vision": "nurse"]
        let expected = ["tb": ["TB-NONE"], "cxr": ["CXR-NORMAL"], "hiv": ["HIV-NEG"], "audiometry": ["AUD-NORMAL"], "fit-to-travel": ["FTT-FIT"]]
        for (module, user) in who.sorted(by: { $0.key < $1.key }) {
            for caseID in [2, 4, 5] {  // a woman, a man, a Nigerian child (us-panel)
                let r = try record(cli.as(user), module, case: caseID, try template(cli, module))
                if module == "tb" && caseID == 5 {
                    // us-panel lists NGA as high-incidence: a child of 2-14 needs an IGRA or TST.
                    #expect(r.status == 6 && r.stderr.contains("immune_test"), "\(r.stderr)")
                    continue
                }
                #expect(r.status == 0, "\(module) template on case \(caseID): \(r.stderr)")
                if let e = expected[module] { #expect(codes(r) == e, "\(module) on case \(caseID): \(r.stdout)") }
            }
        }
    }

    @Test func audiometryWorkedExamplesAndBoundaries() throws {
        let (dir, cli0) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cli = cli0.as("audiometrist")
        let base = try template(cli, "audiometry")
        func with(right: [Int], left: [Int]) -> [String: Any] {
            var a = base
            for (hz, v) in zip([500, 1000, 2000, 4000], right) { a["right_air_\(hz)"] = v }
            for (hz, v) in zip([500, 1000, 2000, 4000], left) { a["left_air_\(hz)"] = v }
            return a
        }
        let ex1 = try record(cli, "audiometry", case: 3, with(right: [10, 15, 20, 25], left: [40, 45, 50, 55]))
        #expect(codes(ex1) == ["AUD-NORMAL", "AUD-UNILATERAL"], "\(ex1.stdout) \(ex1.stderr)")
        let derived = ex1.object["derived"] as? [String: Any] ?? [:]
        #expect(derived["right_pta4"] as? Double == 17.5 && derived["left_pta4"] as? Double == 47.5)
        let ex2 = try record(cli, "audiometry", case: 4, with(right: [35, 40, 45, 50], left: [30, 35, 40, 45]))
        #expect(codes(ex2).first == "AUD-MODERATE", "\(ex2.stdout)")
        #expect((ex2.object["derived"] as? [String: Any])?["better_pta4"] as? Double == 37.5)
        var edge = base
        edge["right_air_500"] = -10; edge["left_air_8000"] = 120
        #expect(try record(cli, "audiometry", case: 2, edge).status == 0)
        var bad = base
        bad["right_air_1000"] = 12; bad["left_air_500"] = -15; bad["left_air_2000"] = 125
        let r = try record(cli, "audiometry", case: 2, bad)
        #expect(r.status == 6)
        for f in ["right_air_1000", "left_air_500", "left_air_2000"] { #expect(r.stderr.contains(f), "\(f) not named: \(r.stderr)") }
    }

    @Test func hivAlgorithmFromTheTemplate() throws {
        let (dir, cli0) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cli = cli0.as("counsellor")
        let base = try template(cli, "hiv")
        func with(_ changes: [String: Any]) -> [String: Any] { base.merging(changes) { _, new in new } }
        #expect(codes(try record(cli, "hiv", case: 2, with(["a1_result": "non-reactive"]))) == ["HIV-NEG"])
        #expect(codes(try record(cli, "hiv", case: 2, with(["a1_result": "reactive", "a2_result": "reactive", "a3_result": "reactive"]))) == ["HIV-POS"])
        let inc = try record(cli, "hiv", case: 2, with(["a1_result": "reactive", "a2_result": "non-reactive"]))
        #expect(codes(inc) == ["HIV-INCONCLUSIVE"])
        let testDate = base["test_date"] as? String ?? ""
        #expect((inc.object["derived"] as? [String: Any])?["retest_date"] as? String != nil && testDate.count == 10)
        #expect(codes(try record(cli, "hiv", case: 2, with(["consent": "no"]))) == ["HIV-DECLINED"])
        let expired = try record(cli, "hiv", case: 2, with(["a1_kit_expiry": "2020-01-01"]))
        #expect(expired.status == 6 && expired.stderr.contains("a1_kit_expiry"), "\(expired.stderr)")
        // A nurse can neither record nor read HIV.
        #expect(try record(cli0.as("nurse"), "hiv", case: 2, base).status == 4)
    }

    @Test func aTBSuggestiveXRayMakesSputumRequiredAndPendingCulturesBlock() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        var cxr = try template(cli, "cxr")
        cxr["impression"] = "abnormal"
        cxr["findings"] = [["finding": "infiltrate", "side": "right", "zone": "upper"]]
        let x = try record(cli.as("radiologist"), "cxr", case: 3, cxr)
        #expect(codes(x) == ["CXR-TB-SUGGESTIVE"], "\(x.stdout) \(x.stderr)")

        var tb = try template(cli, "tb")
        let refused = try record(cli.as("nurse"), "tb", case: 3, tb)
        #expect(refused.status == 6 && refused.stderr.contains("specimens"), "sputum must be required: \(refused.stderr)")

        let today = tb["screening_date"] as? String ?? (cxr["xray_date"] as? String ?? "")
        func day(_ n: Int) -> String {
            let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd"; f.timeZone = TimeZone(identifier: "UTC")
            let d = f.date(from: today) ?? Date()
            return f.string(from: d.addingTimeInterval(Double(-n) * 86400))
        }
        func specimen(_ n: Int, culture: String) -> [String: Any] {
            var s: [String: Any] = ["collection_date": day(n), "method": "spontaneous", "smear": "negative", "naat": "not_done", "culture": culture]
            if culture != "pending" { s["date_final"] = day(0) }
            return s
        }
        tb["specimens"] = [1, 2, 3].map { specimen($0, culture: $0 == 2 ? "pending" : "negative") }
        let pending = try record(cli.as("nurse"), "tb", case: 3, tb)
        #expect(pending.status == 0, "\(pending.stderr)")
        #expect(codes(pending).contains("TB-PENDING"))
        #expect(pending.object["pending"] as? Bool == true)
        let shown = try cli.as("mo").run("case", "show", "3", "--json")
        #expect((shown.object["proposed_fitness"] as? [String: Any])?["decision"] as? String == "PENDING")

        // The rest of the us-panel exam, normal, so the proposal turns on TB alone.
        for m in ["exam", "pregnancy", "sti", "vaccination", "mental-health"] {
            #expect(try record(cli.as(m == "mental-health" ? "mo" : "nurse"), m, case: 3, try template(cli, m)).status == 0, "\(m)")
        }
        tb["specimens"] = [1, 2, 3].map { specimen($0, culture: "negative") }
        let cleared = try record(cli.as("nurse"), "tb", case: 3, tb)
        #expect(codes(cleared) == ["TB-B1-PULM"], "\(cleared.stdout) \(cleared.stderr)")
        let after = try cli.as("mo").run("case", "show", "3", "--json")
        let proposal = after.object["proposed_fitness"] as? [String: Any] ?? [:]
        #expect(proposal["decision"] as? String == "FIT-WITH-CONDITIONS", "\(after.stdout)")
        #expect((proposal["reasons"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "TB-B1-PULM" && $0["rule"] as? String == "tb-class-b" })
    }

    @Test func normalXRayWithAFindingIsRefused() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        var cxr = try template(cli, "cxr")
        cxr["findings"] = [["finding": "infiltrate"]]
        let r = try record(cli.as("radiologist"), "cxr", case: 3, cxr)
        #expect(r.status == 6 && r.stderr.contains("impression"), "\(r.stderr)")
    }

    @Test func caseShowListsMissingModulesAndTheProposal() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gcc = try cli.as("mo").run("case", "show", "2", "--json")
        // Every gcc-labour criterion is a required module (the demo worker is a woman: pregnancy too).
        #expect(Set(gcc.object["missing"] as? [String] ?? []) == ["cxr", "tb", "hiv", "audiometry", "exam", "hepatitis", "malaria", "sti", "pregnancy", "lab"],
                "\(gcc.stdout)")
        let uk = try cli.as("mo").run("case", "show", "1", "--json")
        #expect(uk.object["missing"] as? [String] == [])
        #expect((uk.object["proposed_fitness"] as? [String: Any])?["decision"] as? String == "FIT", "\(uk.stdout)")
    }

    @Test func anXRayRecordedAfterTheTBFormFlagsTheMissingSputum() throws {
        let (dir, cli) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try record(cli.as("nurse"), "tb", case: 4, try template(cli, "tb")).status == 0)
        var cxr = try template(cli, "cxr")
        cxr["impression"] = "abnormal"
        cxr["findings"] = [["finding": "infiltrate"]]
        #expect(try record(cli.as("radiologist"), "cxr", case: 4, cxr).status == 0)
        let shown = try cli.as("mo").run("case", "show", "4", "--json")
        let attention = shown.object["attention"] as? [[String: Any]] ?? []
        #expect(attention.contains { ($0["field"] as? String)?.hasPrefix("tb.specimens") == true }, "\(shown.stdout)")
        #expect((shown.object["proposed_fitness"] as? [String: Any])?["decision"] as? String != "FIT")
    }
}
