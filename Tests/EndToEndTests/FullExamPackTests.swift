import Foundation
import Testing

/// Worked examples of the full immigration medical through the binary (domain reference
/// EXAM.md): for each rule pack, a case with every module it requires recorded, and
/// `case show`/`case review` proposing the programme's outcome; a missing or not-done item keeps
/// it PENDING; us-panel, gcc-labour and it-labour cases reach a signed certificate.
@Suite("Full exam: rule packs propose the programme's outcome", .serialized)
struct FullExamPackTests {
    static let day: DateFormatter = { let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd"; f.timeZone = TimeZone(identifier: "UTC"); return f }()
    /// The day `n` days from today (UTC), as the binary's recording date sees it.
    static func date(_ n: Int = 0) -> String { day.string(from: Date().addingTimeInterval(Double(n) * 86400)) }

    /// Answers of a fit person for each declarative module (today's dates).
    static func fit(_ module: String) -> [String: Any] {
        let t = date(), y = date(-1)
        switch module {
        case "exam":
            var a: [String: Any] = ["exam_date": t, "temperature_c": 36.8, "pulse": 72, "bp_systolic": 118, "bp_diastolic": 76, "respiratory_rate": 14,
                                    "spo2": 99, "height_cm": 170.0, "weight_kg": 68.0, "acuity_right": "6/6", "acuity_left": "6/9", "corrective_lenses": "no",
                                    "anaesthetic_patches": "no", "thickened_nerves": "no", "genitourinary": "not_indicated"]
            for h in ["past_illness", "hospitalisation", "surgery", "medicines", "allergies", "disability"] { a[h] = "no" }
            for s in ["general", "skin", "eyes", "ent", "heart", "lungs", "abdomen", "musculoskeletal", "neurological", "lymph_nodes"] { a[s] = "normal" }
            return a
        case "pregnancy": return ["tested": "yes", "test_date": t, "result": "negative"]
        case "sti": return ["test_date": y, "screen_method": "rpr", "screen": "non_reactive", "gc_specimen": "urine", "gc_test_date": y, "gc_result": "not_detected"]
        case "hepatitis": return ["test_date": y, "kit_lot": "HB-1", "kit_expiry": "2030-01-31", "hbsag": "non_reactive", "hcv_kit_lot": "HC-1",
                                  "hcv_kit_expiry": "2030-01-31", "anti_hcv": "non_reactive"]
        case "malaria": return ["test_date": y, "method": "rdt", "rdt_kit": "Pf/Pan", "rdt_lot": "MR-1", "rdt_expiry": "2030-01-31", "result": "negative"]
        case "mental-health": return ["assessment_date": t, "disorder": "no", "substance_use": "no"]
        case "vaccination":
            func d(_ s: String) -> [[String: Any]] { [["given_on": s, "source": "written_record"]] }
            return ["record_date": t, "mmr_doses": d(date(-2000)), "tdap_doses": d(date(-1500)), "varicella_doses": d(date(-1000)),
                    "influenza_doses": d(y), "influenza_exception": NSNull()]
        case "lab":
            var a: [String: Any] = ["haemoglobin": 13.8, "white_cells": 6.2, "platelets": 240, "urine_protein": "negative", "urine_glucose": "negative",
                                    "urine_blood": "negative", "urine_leucocytes": "negative", "stool_ova": "not_seen", "stool_cysts": "not_seen",
                                    "stool_parasites": "not_seen", "creatinine": 0.8, "urea": 28.0, "alt": 22, "ast": 20, "bilirubin": 0.5,
                                    "blood_glucose": 92, "fasting": "yes"]
            for p in ["cbc", "urine", "stool", "kidney", "liver", "glucose"] {
                a["\(p)_done"] = "yes"; a["\(p)_lab"] = "Central Laboratory"; a["\(p)_specimen"] = "S-\(p)"; a["\(p)_date"] = y
            }
            return a
        case "spirometry":
            return ["test_date": t, "height_cm": 170.0, "blows": [["fev1": 3.4, "fvc": 4.1, "acceptable": "yes"], ["fev1": 3.3, "fvc": 4.0, "acceptable": "yes"],
                                                               ["fev1": 3.35, "fvc": 4.05, "acceptable": "yes"]]]
        case "pdms":
            return ["departure_date": date(2), "cough_2w": "no", "haemoptysis": "no", "fever": "no", "night_sweats": "no", "weight_loss": "no",
                    "temperature_c": 36.7, "pulse": 70, "bp_systolic": 115, "bp_diastolic": 75, "spo2": 98, "weight_kg": 62.0,
                    "loa_loa_endemic": "no", "outcome": "fit"]
        default: return [:]
        }
    }

    static let recorder = ["cxr": "radiologist", "tb": "nurse", "hiv": "counsellor", "audiometry": "audiometrist", "mental-health": "mo"]

    let dir: URL
    let cli: CLI
    init() throws { (dir, cli) = try demoDatabase() }

    /// A new person and case; returns the case id.
    func openCase(_ programme: String, sex: String, age: Int, nationality: String = "EGY") throws -> String {
        let dob = Self.date(-(age * 365 + age / 4 + 30))
        let doc = "X\(UUID().uuidString.prefix(7).uppercased())"
        let added = try cli.run("person", "add", "--surname", "Example", "--given", "Case", "--dob", dob, "--sex", sex,
                                "--nationality", nationality, "--document-number", doc, "--json")
        let person = try #require(added.object["id"] as? Int, "\(added.stderr)")
        let opened = try cli.run("case", "open", "--person", String(person), "--programme", programme, "--json")
        return String(try #require(opened.object["id"] as? Int, "\(opened.stderr)"))
    }

    /// Records a module: its template for the compiled ones, else the fit answers, changed by `set`.
    @discardableResult
    func record(_ module: String, case id: String, set: [String: Any?] = [:]) throws -> CLI.Result {
        var answers: [String: Any]
        if let _ = Self.recorder[module], module != "mental-health" {
            let t = try cli.run("modules", "template", module)
            answers = try #require(try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any])
        } else {
            answers = Self.fit(module)
        }
        for (k, v) in set { answers[k] = v ?? NSNull() }
        answers = answers.filter { !($0.value is NSNull) }
        let file = dir.appendingPathComponent("\(module)-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: answers).write(to: file)
        let r = try cli.as(Self.recorder[module] ?? "nurse").run("record", module, "--case", id, "--answers", file.path, "--supersede", "--reason", "recorded again for this example", "--json")
        #expect(r.status == 0, "\(module): \(r.stderr)")
        return r
    }

    func proposal(_ id: String) throws -> (decision: String, rules: [String], missing: [String]) {
        let shown = try cli.as("mo").run("case", "show", id, "--json")
        let p = shown.object["proposed_fitness"] as? [String: Any] ?? [:]
        let rules = (p["reasons"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        return (p["decision"] as? String ?? "?", rules, shown.object["missing"] as? [String] ?? [])
    }

    func codes(_ r: CLI.Result) -> [String] { r.object["result_codes"] as? [String] ?? [] }

    /// Decides as proposed, signs and exports the certificate; returns the PDF's text.
    func certify(_ id: String, decision: String) throws -> String {
        let decided = try cli.as("mo").run("case", "decide", id, "--decision", decision)
        #expect(decided.status == 0, "\(decided.stderr)")
        _ = try cli.as("admin").run("keys", "init", "--json")
        let issued = try cli.as("mo").run("certificate", "issue", "--case", id, "--no-photo-reason", "Photo taken at the border post", "--json")
        #expect(issued.status == 0, "\(issued.stderr)")
        let cert = try #require(issued.object["id"] as? String, "\(issued.stdout)")
        let pdf = dir.appendingPathComponent("\(cert).pdf")
        #expect(try cli.run("certificate", "export", cert, "--out", pdf.path).status == 0)
        let p = Process(); p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext"); p.arguments = ["-layout", pdf.path, "-"]
        let out = Pipe(); p.standardOutput = out; try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self); p.waitUntilExit()
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func usPanelFullExamReachesASignedCertificate() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try openCase("us-panel", sex: "F", age: 30)
        let order = ["exam", "pregnancy", "tb", "cxr", "sti", "vaccination", "mental-health"]
        for (i, m) in order.enumerated() {
            #expect(try proposal(id).decision == "PENDING", "before \(m)")
            let r = try record(m, case: id)
            if i == 0 { #expect(codes(r) == ["EXAM-NORMAL"]) }
        }
        let p = try proposal(id)
        #expect(p.decision == "FIT" && p.missing.isEmpty, "\(p)")
        // The review reads in the order the physician works: the pack's order of modules.
        let review = try cli.as("mo").run("case", "review", id).stdout
        #expect(review.contains("Required by programme: exam, pregnancy, tb, cxr, sti, vaccination, mental-health"), "\(review)")
        let text = try certify(id, decision: "FIT")
        #expect(text.contains("EXAMPLE"), "\(text)")
    }

    @Test func usPanelClassAUntilTreatedOrReviewed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try openCase("us-panel", sex: "M", age: 40)
        for m in ["exam", "tb", "cxr", "vaccination", "mental-health"] { try record(m, case: id) }
        // A man: pregnancy is not required.
        #expect(try proposal(id).missing == ["sti"])
        let syph = try record("sti", case: id, set: ["screen": "reactive", "rpr_titre": "1:32", "confirmatory_method": "tppa", "confirmatory": "positive",
                                                    "past_treatment": "no", "stage": "late_latent",
                                                    "treatment_doses": [["given_on": Self.date(-1)]]])
        #expect(codes(syph) == ["SYPH-POS-UNTREATED", "GC-NEG"])
        var p = try proposal(id)
        #expect(p.decision == "UNFIT" && p.rules.contains("sti-class-a"), "\(p)")
        // Untreated gonorrhoea is Class A too; treated syphilis and gonorrhoea are Class B.
        _ = try record("sti", case: id, set: ["gc_result": "detected"])
        p = try proposal(id)
        #expect(p.decision == "UNFIT" && p.rules == ["sti-class-a"], "\(p)")
        _ = try record("sti", case: id, set: ["screen": "reactive", "rpr_titre": "1:32", "confirmatory_method": "tppa", "confirmatory": "positive",
                                             "past_treatment": "no", "stage": "primary", "treatment_doses": [["given_on": Self.date(-1)]],
                                             "gc_result": "detected", "gc_treated_on": Self.date()])
        p = try proposal(id)
        #expect(p.decision == "FIT-WITH-CONDITIONS" && p.rules == ["sti-class-b", "sti-class-b"] || p.rules == ["sti-class-b"], "\(p)")
        // Class A mental health: not cleared until reviewed; sustained remission is Class B.
        _ = try record("mental-health", case: id, set: ["disorder": "yes", "diagnosis": "Psychosis", "harmful_behaviour": "yes", "harm_to": ["others"],
                                                       "behaviour_current": "yes", "notes": "Violent last week"])
        p = try proposal(id)
        #expect(p.decision == "UNFIT" && p.rules.contains("mental-health-class-a"), "\(p)")
        _ = try record("mental-health", case: id, set: ["substance_use": "yes", "substances": ["alcohol"], "last_use": Self.date(-400),
                                                       "substance_disorder": "yes", "notes": "Abstinent"])
        p = try proposal(id)
        #expect(p.decision == "FIT-WITH-CONDITIONS" && p.rules.contains("mental-health-class-b"), "\(p)")
    }

    @Test func usPanelVaccinesIncompleteOrDeclinedArePending() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try openCase("us-panel", sex: "M", age: 25)
        for m in ["exam", "tb", "cxr", "sti", "mental-health"] { try record(m, case: id) }
        let missing = try record("vaccination", case: id, set: ["varicella_doses": nil])
        #expect(codes(missing) == ["VACC-INCOMPLETE"])
        #expect(try proposal(id).rules == ["vaccines-incomplete"])
        let declined = try record("vaccination", case: id, set: ["varicella_doses": nil, "varicella_exception": "declined"])
        #expect(Set(codes(declined)) == ["VACC-INCOMPLETE", "VACC-WAIVER-NEEDED"])
        #expect(try proposal(id).decision == "PENDING")
        _ = try record("vaccination", case: id, set: ["varicella_doses": nil, "varicella_exception": "contraindicated", "varicella_contraindication": "Immunosuppressed"])
        #expect(try proposal(id).decision == "FIT")
    }

    @Test func gccLabourFullExamAndEachUnfitCriterion() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try openCase("gcc-labour", sex: "M", age: 28)
        for m in ["exam", "cxr", "tb", "hiv", "hepatitis", "malaria", "sti", "audiometry"] { try record(m, case: id) }
        // The laboratory panel is a criterion: without it the worker is never FIT.
        var p = try proposal(id)
        #expect(p.decision == "PENDING" && p.missing == ["lab"], "\(p)")
        try record("lab", case: id)
        p = try proposal(id)
        #expect(p.decision == "FIT", "\(p)")
        // Syphilis only (no gonorrhoea fields), set by the pack.
        #expect(codes(try record("sti", case: id)) == ["SYPH-NEG"])
        let text = try certify(id, decision: "FIT")
        #expect(text.contains("FIT"), "\(text)")

        for (module, set, rule) in [("hepatitis", ["hbsag": "reactive"], "hepatitis-positive"),
                                    ("malaria", ["result": "falciparum", "treated": "yes", "treatment_drug": "AL", "treatment_date": Self.date()], "malaria-positive"),
                                    ("sti", ["screen": "reactive", "rpr_titre": "1:8", "confirmatory_method": "tpha", "confirmatory": "positive", "past_treatment": "no",
                                             "stage": "primary", "treatment_doses": [["given_on": Self.date()]]], "syphilis-positive"),
                                    ("lab", ["stool_ova": "seen", "stool_species": "Hookworm"], "stool-parasites")] as [(String, [String: Any], String)] {
            let other = try openCase("gcc-labour", sex: "M", age: 30)
            for m in ["exam", "cxr", "tb", "hiv", "hepatitis", "malaria", "sti", "audiometry", "lab"] where m != module { try record(m, case: other) }
            try record(module, case: other, set: set)
            let q = try proposal(other)
            #expect(q.rules.contains(rule) && q.decision == (rule == "stool-parasites" ? "PENDING" : "UNFIT"), "\(module): \(q)")
        }
    }

    @Test func pregnancyNotApplicableNeverKeepsTheCasePending() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // gcc-labour requires pregnancy of every woman; at 52 she is out of the child-bearing ages.
        let id = try openCase("gcc-labour", sex: "F", age: 52)
        for m in ["exam", "cxr", "tb", "hiv", "hepatitis", "malaria", "sti", "audiometry", "lab"] { try record(m, case: id) }
        #expect(try proposal(id).missing == ["pregnancy"])
        let na = try record("pregnancy", case: id, set: ["tested": "no", "test_date": nil, "result": nil, "reason_not_tested": "not_applicable"])
        #expect(codes(na) == ["PREG-NOT-APPLICABLE"])
        #expect(try proposal(id).decision == "FIT")
        // Declined is not done: PENDING; a woman of 30 cannot be marked not applicable.
        _ = try record("pregnancy", case: id, set: ["tested": "no", "test_date": nil, "result": nil, "reason_not_tested": "declined"])
        #expect(try proposal(id).decision == "PENDING")
        let young = try openCase("gcc-labour", sex: "F", age: 30)
        let file = dir.appendingPathComponent("na.json")
        try #"{"tested": "no", "reason_not_tested": "not_applicable"}"#.write(to: file, atomically: true, encoding: .utf8)
        let refused = try cli.as("nurse").run("record", "pregnancy", "--case", young, "--answers", file.path)
        #expect(refused.status == 6 && refused.stderr.contains("reason_not_tested"), "\(refused.stderr)")
        let pos = try record("pregnancy", case: young, set: ["result": "positive", "gestation_source": "scan", "scan_weeks": 12, "multiple": "no",
                                                              "complications": ["none"], "xray_plan": "deferred"])
        #expect(codes(pos) == ["PREG-POS"])
        #expect(try proposal(young).rules.contains("pregnant"))
    }

    @Test func itLabourFullExamReachesASignedCertificate() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try openCase("it-labour", sex: "M", age: 32)
        for m in ["exam", "cxr", "lab", "hepatitis", "audiometry"] { try record(m, case: id) }
        var p = try proposal(id)
        #expect(p.decision == "PENDING" && p.missing == ["spirometry"], "\(p)")
        let spiro = try record("spirometry", case: id)
        #expect(codes(spiro) == ["SPIRO-NORMAL"], "\(spiro.stdout)")
        p = try proposal(id)
        #expect(p.decision == "FIT", "\(p)")
        let text = try certify(id, decision: "FIT")
        #expect(text.contains("Italy") || text.contains("Italian"), "\(text)")
        // A flag is for the medical officer's judgement: PENDING, never UNFIT or FIT by itself.
        let other = try openCase("it-labour", sex: "M", age: 45)
        for m in ["exam", "cxr", "lab", "hepatitis", "audiometry"] { try record(m, case: other) }
        _ = try record("spirometry", case: other, set: ["blows": [["fev1": 2.2, "fvc": 4.1, "acceptable": "yes"], ["fev1": 2.1, "fvc": 4.0, "acceptable": "yes"],
                                                               ["fev1": 2.0, "fvc": 4.05, "acceptable": "yes"]]])
        p = try proposal(other)
        #expect(p.decision == "PENDING" && p.rules.contains("lung-function"), "\(p)")
        _ = try record("spirometry", case: other, set: ["blows": [["fev1": 3.4, "fvc": 4.1, "acceptable": "yes"], ["fev1": 3.4, "fvc": 4.1, "acceptable": "no"],
                                                                  ["fev1": 3.4, "fvc": 4.1, "acceptable": "no"]]])
        #expect(try proposal(other).rules.contains("required-not-done"))
    }

    @Test func iomFitToTravelPregnancyLimitsAndTheWindow() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try openCase("iom-fit-to-travel", sex: "F", age: 27)
        try record("pdms", case: id, set: ["pregnant": "no"])
        #expect(try proposal(id).missing == ["pregnancy"])
        let preg: [String: Any?] = ["result": "positive", "gestation_source": "scan", "multiple": "no", "complications": ["none"], "xray_plan": "not_required"]
        var s = preg; s["scan_weeks"] = 30
        _ = try record("pregnancy", case: id, set: s)
        var p = try proposal(id)
        #expect(p.decision == "FIT-WITH-CONDITIONS" && p.rules == ["pregnancy-letter"], "\(p)")
        s["scan_weeks"] = 37
        _ = try record("pregnancy", case: id, set: s)
        p = try proposal(id)
        #expect(p.decision == "UNFIT" && p.rules == ["pregnancy-past-flying-limit"], "\(p)")
        s["scan_weeks"] = 33; s["multiple"] = "yes"
        _ = try record("pregnancy", case: id, set: s)
        #expect(try proposal(id).rules == ["pregnancy-past-flying-limit"])
        _ = try record("pregnancy", case: id)
        #expect(try proposal(id).decision == "FIT")
        // A flight four days away is outside the 72 hours.
        var late = Self.fit("pdms"); late["departure_date"] = Self.date(4); late["pregnant"] = "no"
        let file = dir.appendingPathComponent("late.json")
        try JSONSerialization.data(withJSONObject: late).write(to: file)
        let refused = try cli.as("nurse").run("record", "pdms", "--case", id, "--answers", file.path)
        #expect(refused.status == 6 && refused.stderr.contains("72 hours"), "\(refused.stderr)")
        _ = try record("pdms", case: id, set: ["pregnant": "no", "outcome": "deferred", "new_date": Self.date(20), "remarks": "Fever"])
        #expect(try proposal(id).decision == "PENDING")
        // A listed origin needs the malaria RDT.
        let cod = try openCase("iom-fit-to-travel", sex: "M", age: 27, nationality: "COD")
        let plain = dir.appendingPathComponent("plain.json")
        try JSONSerialization.data(withJSONObject: Self.fit("pdms")).write(to: plain)
        let r = try cli.as("nurse").run("record", "pdms", "--case", cod, "--answers", plain.path)
        #expect(r.status == 6 && r.stderr.contains("malaria_rdt"), "\(r.stderr)")
        let rdt = try record("pdms", case: cod, set: ["malaria_rdt": "negative", "rdt_lot": "L1", "rdt_expiry": "2030-01-01"])
        #expect(codes(rdt) == ["PDMS-FIT"])
    }

    @Test func ukTBRecordsPregnancyBeforeTheXRay() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = try openCase("uk-tb", sex: "F", age: 24)
        try record("cxr", case: id); try record("tb", case: id)
        let p = try proposal(id)
        #expect(p.decision == "PENDING" && p.missing == ["pregnancy"], "\(p)")
        try record("pregnancy", case: id)
        #expect(try proposal(id).decision == "FIT")
        // Pregnant, recorded before the X-ray: the X-ray is deferred, so the one X-ray encounter
        // is recorded as not done; the case stays PENDING with what is outstanding, never FIT.
        let pregnant = try openCase("uk-tb", sex: "F", age: 24)
        try record("tb", case: pregnant)
        _ = try record("pregnancy", case: pregnant, set: ["result": "positive", "gestation_source": "scan", "scan_weeks": 20, "multiple": "no",
                                                           "complications": ["none"], "xray_plan": "deferred"])
        let waiting = try proposal(pregnant)
        #expect(waiting.decision == "PENDING" && waiting.missing == ["cxr"], "\(waiting)")
        let deferred = dir.appendingPathComponent("deferred.json")
        try #"{"acquisition": "not_done", "reason_not_done": "pregnant"}"#.write(to: deferred, atomically: true, encoding: .utf8)
        let cxr = try cli.as("radiologist").run("record", "cxr", "--case", pregnant, "--answers", deferred.path, "--json")
        #expect(codes(cxr) == ["CXR-NOT-DONE"], "\(cxr.stderr)")
        let after = try proposal(pregnant)
        #expect(after.decision == "PENDING" && after.rules.contains("required-not-done"), "\(after)")
    }

    @Test func everyPackAndModuleLintsAndTestsThroughTheBinary() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for pack in ["us-panel", "uk-tb", "gcc-labour", "iom-fit-to-travel", "it-labour"] {
            let r = try cli.run("modules", "lint", root.appendingPathComponent("Forms/programmes/\(pack).yaml").path)
            #expect(r.status == 0, "\(pack): \(r.stdout)\(r.stderr)")
        }
        for m in ["exam", "vaccination", "sti", "hepatitis", "pregnancy", "malaria", "lab", "spirometry", "mental-health", "pdms"] {
            let r = try cli.run("modules", "test", root.appendingPathComponent("Forms/modules/\(m).yaml").path)
            #expect(r.status == 0 && r.stdout.contains(" passed, 0 failed"), "\(m): \(r.stdout)\(r.stderr)")
        }
        let listed = try cli.run("modules", "list", "--json")
        let ids = Set((listed.json as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(Set(["exam", "vaccination", "sti", "hepatitis", "pregnancy", "malaria", "lab", "spirometry", "mental-health", "pdms"]).isSubset(of: ids), "\(listed.stdout)")
        let programmes = try cli.run("programmes", "list")
        #expect(programmes.stdout.contains("it-labour") && !programmes.stdout.contains("refused"), "\(programmes.stdout)")
    }
}
