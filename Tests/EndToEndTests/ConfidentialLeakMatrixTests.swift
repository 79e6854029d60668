import Foundation
import Testing

/// Every role against every read path, as an attacker with an account would try them, on a
/// GCC labour case with an `HIV-POS` result (its rule `hiv-positive` makes the proposal UNFIT)
/// and a confidential declarative module that is then uninstalled: a role that may not read a
/// module finds no trace of its result, its code or the rule name and reason it produced.
@Suite("Confidential results: every role against every read path (binary)")
struct ConfidentialLeakMatrixTests {
    static let roles = ["clerk", "nurse", "counsellor", "radiographer", "radiologist", "audiometrist", "mo", "admin"]
    static let readHIV: Set<String> = ["counsellor", "mo"]

    /// Traces of the HIV result: its code, the GCC rule name and reason, the TB reasons.
    static let hivTraces = ["HIV-POS", "hiv-positive", "infectious disease list", "HIV is known", "HIV infection"]
    /// Traces of the confidential declarative module (read by medical officers only).
    static let geneticTraces = ["GEN-CARRIER", "Secret Genotype Answer", "carrier-secret"]

    static let geneticModule = """
    form:
      id: genetic
      version: "1"
      title: Genetic carrier screen
      languages: [en]
    module:
      id: genetic
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [medical-officer]
      read_roles: [medical-officer]
      confidential: true
      result_codes:
        - {code: GEN-CARRIER, meaning: carrier-secret}
        - {code: GEN-NONE, meaning: Not a carrier}
      rules:
        - {code: GEN-CARRIER, when: "${carrier} = 'yes'"}
        - {code: GEN-NONE, when: "${carrier} = 'no'"}
    fields:
      - {name: carrier, type: yes_no, label: Carrier, required: true}
      - {name: genotype, type: text, label: Genotype, required: true}
    """

    @Test func noRoleReadsWhatItMayNot() throws {
        let (dir, plain) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let modules = dir.appendingPathComponent("modules")
        try FileManager.default.createDirectory(at: modules, withIntermediateDirectories: true)
        try Self.geneticModule.write(to: modules.appendingPathComponent("genetic.yaml"), atomically: true, encoding: .utf8)
        var installed = plain
        installed.environment["CLEARANCE_MODULES_PATH"] = modules.path

        let (tb, tbID, hivID) = try Self.recordHIVPositiveCase(plain, dir: dir)
        let genID = try Exchange.record(installed, dir: dir, "genetic", caseID: 2, as: "mo",
                                        ["carrier": "yes", "genotype": "Secret Genotype Answer"])
        // The medical officer's own TB worksheet with sputum made required only by HIV-POS:
        // `sputum_required: yes` with no symptom would tell.
        let mo = try installed.as("mo").run(["record", "tb", "--case", "2", "--draft", "--answers", "-", "--json"],
                                            stdin: String(decoding: try JSONSerialization.data(withJSONObject: tb), as: UTF8.self))
        #expect(mo.status == 0, "\(mo.stderr)")
        let moTB = mo.object["encounter"] as? Int ?? 0
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))

        // Positive control: the medical officer reads all of it while the module is installed.
        let moReview = try installed.as("mo").run("case", "review", "2")
        #expect(moReview.stdout.contains("HIV-POS") && moReview.stdout.contains("hiv-positive"), "\(moReview.stdout)")
        #expect(try installed.as("mo").run("encounter", "show", String(genID)).stdout.contains("Secret Genotype Answer"))

        for (label, cli) in [("installed", installed), ("uninstalled", plain)] {
            for role in Self.roles {
                let me = cli.as(role)
                var seen: [(String, String)] = []
                func look(_ what: String, _ args: [String], file: URL? = nil) throws {
                    let r = try me.run(args)
                    var text = r.stdout + r.stderr
                    if let file, let written = try? String(contentsOf: file, encoding: .utf8) { text += written }
                    seen.append((what, text))
                }
                for c in [["case", "show", "2"], ["case", "show", "2", "--json"], ["case", "review", "2"], ["case", "list"],
                          ["case", "list", "--json"], ["person", "show", "2"], ["audit", "log"], ["audit", "log", "--json"]] {
                    try look(c.joined(separator: " "), c)
                }
                for id in [tbID, hivID, genID, moTB] {
                    try look("encounter show \(id)", ["encounter", "show", String(id), "--json"])
                    try look("encounter show \(id) text", ["encounter", "show", String(id)])
                }
                let fhir = dir.appendingPathComponent("\(label)-\(role).json")
                try look("export fhir", ["export", "fhir", "--case", "2", "--out", fhir.path], file: fhir)
                let daily = dir.appendingPathComponent("\(label)-\(role).csv")
                try look("report daily", ["report", "daily", "--date", today, "--out", daily.path], file: daily)
                // Error messages: a correction that now fails validation (sputum required by HIV-POS),
                // and a final TB without specimens.
                try look("encounter correct", ["encounter", "correct", String(tbID), "--set", "fever=no", "--reason", "re-asked"])
                let tbFile = dir.appendingPathComponent("tb-\(label)-\(role).json")
                try JSONSerialization.data(withJSONObject: tb).write(to: tbFile)
                try look("record tb", ["record", "tb", "--case", "2", "--answers", tbFile.path])

                let mayReadHIV = Self.readHIV.contains(role)
                let mayReadGenetic = role == "mo"
                for (what, text) in seen {
                    if !mayReadHIV {
                        for t in Self.hivTraces { #expect(!text.contains(t), "\(label) \(role) \(what): \(t) in\n\(text)") }
                        #expect(!text.contains("\"sputum_required\" : true") && !text.contains("sputum_required: yes"),
                                "\(label) \(role) \(what): sputum_required implies HIV\n\(text)")
                    }
                    if !mayReadGenetic {
                        for t in Self.geneticTraces { #expect(!text.contains(t), "\(label) \(role) \(what): \(t) in\n\(text)") }
                    }
                }
            }
        }
        // Fail closed: uninstalled, the module's answers still reach the medical officer, nobody else.
        #expect(try plain.as("mo").run("encounter", "show", String(genID)).stdout.contains("Secret Genotype Answer"))
        // The clerk still learns that the proposal exists and whose the reason is.
        let clerk = try plain.as("clerk").run("case", "review", "2")
        #expect(clerk.stdout.contains("the reason is for the medical officer"), "\(clerk.stdout)")
        // A correction the HIV result makes fail names the medical officer, not HIV.
        let correct = try plain.as("clerk").run("encounter", "correct", String(tbID), "--set", "fever=no", "--reason", "re-asked")
        #expect(correct.status == 6 && correct.stderr.contains("the medical officer requires them"), "\(correct.stderr)")
        // The proposal exists for the clerk, pending the medical officer: UNFIT, reached only by
        // the HIV rule while the other modules are missing, would tell.
        let shown = try plain.as("clerk").run("case", "show", "2", "--json").object
        #expect((shown["proposed_fitness"] as? [String: Any])?["decision"] as? String == "PENDING", "\(shown)")
        let moShown = try plain.as("mo").run("case", "show", "2", "--json").object
        #expect((moShown["proposed_fitness"] as? [String: Any])?["decision"] as? String == "UNFIT", "\(moShown)")
    }
}
