import ClearanceBuiltins
import ClearanceForms
import Foundation
import Testing
@testable import ClearanceCore

/// The modules a standard host installs: the compiled ones and the bundled declarative files.
let standardRegistry: ModuleRegistry = {
    let built = ModuleRegistry.build(builtins: Builtins.load().modules, bundled: bundledDeclarativeFiles())
    return ModuleRegistry(modules: built.modules)
}()

/// A small rule pack around `body` (its `requires:`, `parameters:` and `outcomes:` sections).
func packYAML(_ body: String) -> String {
    """
    programme:
      id: test-pack
      version: "1"
      title: Test pack
      destination: Testland
    \(body)
    certificate:
      validity_months: 6
    """
}

/// Every problem of a pack: parsing first, then the checks against the installed modules.
func packProblems(_ yaml: String, origin: String = "packs/test.yaml") -> [String] {
    do {
        _ = try RulePack.load(yaml: yaml, origin: origin, checkedAgainst: standardRegistry)
        return []
    } catch let e as FormLoadError {
        return e.problems.map(\.description)
    } catch { return ["\(error)"] }
}

@Suite("Rule packs are checked against the installed modules (never FIT by omission)")
struct RulePackCheckTests {
    @Test func shippedPacksLoadCleanAgainstTheStandardModules() throws {
        let files = embeddedForms.filter { $0.key.hasPrefix("programmes/") }
        #expect(files.count == 5)
        for (name, text) in files {
            #expect(packProblems(text, origin: name) == [], "\(name)")
        }
    }

    /// A parameter table (us-panel's vaccine table): each cell is the parameter ROW_COLUMN,
    /// checked like any other, so a misspelt column or a wrong type is refused with its line.
    @Test func aParameterTableGivesOneParameterPerCell() throws {
        let pack = try RulePack.load(yaml: try #require(embeddedForms["programmes/us-panel.yaml"]), origin: "us-panel.yaml",
                                     checkedAgainst: standardRegistry)
        let p = pack.parameters["vaccination"] ?? [:]
        #expect(p["mmr_min_age_months"] == .integer(12) && p["hepatitis_a_min_interval_days"] == .integer(180))
        #expect(p["covid19_required"] == .bool(false) && p["influenza_required"] == .bool(true))
        let yaml = """
            programme: {id: p, version: "1", title: P, destination: D}
            requires: [{module: vaccination}]
            parameters:
              vaccination:
                vaccines:
                  mmr: {min_age_month: 12}
                  polio: {min_age_months: twelve}
            certificate: {validity_months: 6}
            """
        let problems = packProblems(yaml)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("packs/test.yaml:6:") && $0.contains("no parameter 'mmr_min_age_month'; did you mean 'mmr_min_age_months'?") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("packs/test.yaml:7:") && $0.contains("polio_min_age_months") }, "\(problems)")
    }

    @Test func misspeltResultCodeIsRefusedAtItsLineAndColumn() {
        let yaml = packYAML("""
            requires:
              - {module: malaria}
            outcomes:
              - name: malaria-untreated
                codes: [MAL-POS-TREATED, MAL-UNTREATD]
                decision: FIT-WITH-CONDITIONS
                reason: Treated malaria
                conditions: Follow-up
            """)
        let problems = packProblems(yaml)
        #expect(problems.count == 1)
        // `MAL-UNTREATD` is on line 10, the second item of the flow list (column 30).
        #expect(problems.first?.hasPrefix("packs/test.yaml:10:30: outcome rule 'malaria-untreated': no installed module produces a result code matching 'MAL-UNTREATD'") == true,
                "\(problems)")
        let near = packProblems(packYAML("requires: [{module: tb}]\noutcomes:\n  - {name: b2, codes: [TB-B22], decision: UNFIT, reason: x}"))
        #expect(near.first?.contains("did you mean 'TB-B2'?") == true, "\(near)")
    }

    @Test func lowerCaseCodesAreRefusedWhenParsed() {
        let problems = packProblems(packYAML("""
            requires: [{module: tb}]
            outcomes:
              - {name: a, codes: [tb-a], decision: UNFIT, reason: Active}
            """))
        #expect(problems == ["packs/test.yaml:8:23: result code 'tb-a' in outcome rule 'a' is not upper case; result codes are upper case: write 'TB-A'"],
                "\(problems)")
    }

    @Test func impossibleAgeRangeIsRefused() {
        let problems = packProblems(packYAML("requires:\n  - {module: cxr, min_age: 15, max_age: 14}"))
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("packs/test.yaml:7:28: module 'cxr': min_age 15 is above max_age 14") == true, "\(problems)")
    }

    @Test func unknownModulesAndParametersAreRefusedNamingWhatIsInstalled() {
        let problems = packProblems(packYAML("""
            requires:
              - {module: cxrr}
            parameters:
              hearing:
                calibration_max_months: 12
              tb:
                immune_test_min_age: two
                tst_treshold_mm: 10
                high_incidence_countries: [AFG, in]
              cxr:
                catalogue_followup: [linear_opacty]
            """))
        #expect(problems.count == 6, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("packs/test.yaml:7:14: requires module 'cxrr', which is not installed; did you mean 'cxr'?") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("packs/test.yaml:9:3: parameters are given for module 'hearing', which is not installed") }, "\(problems)")
        #expect(problems.contains { $0 == "packs/test.yaml:12:26: parameter 'immune_test_min_age' of 'tb': must be a whole number from 0 to 120; found the text 'two'" }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("packs/test.yaml:13:22: module 'tb' has no parameter 'tst_treshold_mm'; did you mean 'tst_threshold_mm'?") }, "\(problems)")
        #expect(problems.contains { $0.contains("'in' is not an ISO 3166-1 alpha-3 country code") }, "\(problems)")
        #expect(problems.contains { $0.contains("'linear_opacty' is not one of the values this module knows; did you mean 'linear_opacity'?") }, "\(problems)")
    }

    @Test func aWrongHIVAlgorithmAndAnUnknownValidityAnchorAreRefused() {
        let yaml = """
            programme: {id: p, version: "1", title: P, destination: D, hiv_algorithm: who-3test-2042}
            requires: [{module: hiv}]
            certificate: {validity_months: 6, valid_from: xray}
            """
        let problems = packProblems(yaml)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("hiv_algorithm: 'who-3test-2042' is not one of who-3test-2024, who-3test-2019; did you mean 'who-3test-2024'?") }, "\(problems)")
        #expect(problems.contains { $0.contains("valid_from names module 'xray', which is not installed") }, "\(problems)")
    }

    // MARK: - Proposals

    static let xrayPack = try! RulePack.load(yaml: packYAML("""
        requires:
          - {module: tb}
          - {module: cxr, min_age: 15}
          - {module: cxr, min_age: 2, max_age: 14, when_results: [TB-B2, TB-B3]}
        """), origin: "x.yaml")

    @Test func aRequiredXRayNotDoneIsPendingNeverFit() {
        let p = Self.xrayPack.propose(CaseResults(codes: ["tb": ["TB-NONE"], "cxr": ["CXR-NOT-DONE"]],
                                                  required: ["tb", "cxr"], notDoneCodes: ["CXR-NOT-DONE", "HIV-DECLINED"]))
        #expect(p.decision == .pending)
        #expect(p.reasons.map(\.rule) == ["required-not-done"])
        #expect(p.reasons.first?.message.contains("record it when done, or the rule pack must name an outcome for CXR-NOT-DONE") == true)
        // Not required (a child without indication): a declined X-ray does not hold the case up.
        let child = Self.xrayPack.propose(CaseResults(codes: ["tb": ["TB-NONE"], "cxr": ["CXR-NOT-DONE"]],
                                                      required: ["tb"], notDoneCodes: ["CXR-NOT-DONE"]))
        #expect(child.decision == .fit)
    }

    @Test func aPackNamingTheNotDoneCodeDecidesItExplicitly() throws {
        let pack = try RulePack.load(yaml: packYAML("""
            requires: [{module: cxr}]
            outcomes:
              - {name: xray-deferred, codes: [CXR-NOT-DONE], decision: FIT-WITH-CONDITIONS, reason: X-ray deferred, conditions: X-ray after delivery}
              - {name: any-cxr, codes: [CXR-*], decision: PENDING, reason: patterns do not count as naming}
            """), origin: "p.yaml")
        let p = pack.propose(CaseResults(codes: ["cxr": ["CXR-NOT-DONE"]], required: ["cxr"], notDoneCodes: ["CXR-NOT-DONE"]))
        #expect(p.reasons.map(\.rule) == ["xray-deferred", "any-cxr"])
        let patternOnly = try RulePack.load(yaml: packYAML("""
            requires: [{module: cxr}]
            outcomes:
              - {name: any-cxr, codes: [CXR-*], decision: FIT-WITH-CONDITIONS, reason: any, conditions: c}
            """), origin: "p.yaml")
        let q = patternOnly.propose(CaseResults(codes: ["cxr": ["CXR-NOT-DONE"]], required: ["cxr"], notDoneCodes: ["CXR-NOT-DONE"]))
        #expect(q.decision == .pending && q.reasons.map(\.rule).contains("required-not-done"))
    }

    @Test func aDraftOnlyModuleIsPendingAndSaysSo() {
        let p = Self.xrayPack.propose(CaseResults(codes: ["tb": ["TB-NONE"]], missing: ["cxr"], drafts: ["cxr"], required: ["tb", "cxr"]))
        #expect(p.decision == .pending)
        #expect(p.reasons.map(\.rule) == ["draft-only"])
        #expect(p.reasons.first?.message == "module 'cxr' is required by test-pack and recorded only as a draft; finalise it")
    }

    @Test func anotherModulesResultCanRequireAModule() {
        // Section 2: an X-ray for a child 2-14 only when the immune test is positive (or a contact).
        #expect(Self.xrayPack.requiredModules(age: 9, sex: "F", results: ["TB-NONE"]) == ["tb"])
        #expect(Self.xrayPack.requiredModules(age: 9, sex: "F", results: ["TB-B2"]) == ["tb", "cxr"])
        #expect(Self.xrayPack.requiredModules(age: 1, sex: "F", results: ["TB-B2"]) == ["tb"])
        #expect(Self.xrayPack.requiredModules(age: 40, sex: "M") == ["tb", "cxr"])
    }

    @Test func gccListsEveryCriterionAsARequiredModule() throws {
        let pack = try RulePack.load(yaml: try #require(embeddedForms["programmes/gcc-labour.yaml"]), origin: "gcc-labour.yaml")
        #expect(pack.requiredModules(age: 30, sex: "F") == ["exam", "pregnancy", "cxr", "tb", "lab", "hiv", "hepatitis", "malaria", "sti", "audiometry"])
        #expect(pack.requiredModules(age: 30, sex: "M").contains("pregnancy") == false)
        // Only TB, X-ray and HIV recorded, all clear: PENDING on the criteria still missing.
        let p = pack.propose(CaseResults(codes: ["tb": ["TB-NONE"], "cxr": ["CXR-NORMAL"], "hiv": ["HIV-NEG"]],
                                         missing: ["exam", "lab", "hepatitis", "malaria", "sti", "audiometry"],
                                         required: pack.requiredModules(age: 30, sex: "M")))
        #expect(p.decision == .pending)
        #expect(p.reasons.compactMap(\.code) == ["exam", "lab", "hepatitis", "malaria", "sti", "audiometry"])
        for (code, decision) in [("HBV-POS", FitnessDecision.unfit), ("HCV-POS", .unfit), ("MAL-POS-TREATED", .unfit),
                                 ("SYPH-POS-UNTREATED", .unfit), ("EXAM-HANSEN-SUSPECT", .unfit), ("CXR-ABN-NOACTION", .unfit)] {
            #expect(pack.propose(CaseResults(codes: ["x": [code]])).decision == decision, "\(code)")
        }
    }

    @Test func declarativeModulesDeclareTheParametersTheirFormsRead() throws {
        let vision = try #require(standardRegistry.module("vision")?.manifest.parameters)
        #expect(vision.map(\.name) == ["refer_below"])
        let problems = packProblems(packYAML("""
            requires: [{module: vision}]
            parameters:
              vision: {refer_below: half, refer_bellow: 0.4}
            """))
        #expect(Set(problems) == ["packs/test.yaml:8:25: parameter 'refer_below' of 'vision': must be a number; found the text 'half'",
                             "packs/test.yaml:8:45: module 'vision' has no parameter 'refer_bellow'; did you mean 'refer_below'? (it reads: refer_below)"],
                "\(problems)")
        #expect(packProblems(packYAML("requires: [{module: vision}]\nparameters:\n  vision: {refer_below: 0.3}")) == [])
    }

    @Test func declarativeModulesDeclareTheirNotDoneCodes() throws {
        #expect(standardRegistry.module("pregnancy")?.manifest.notDoneCodes == ["PREG-NOT-TESTED"])
        #expect(standardRegistry.module("vision")?.manifest.notDoneCodes == ["VIS-NOT-DONE"])
        #expect(standardRegistry.module("cxr")?.manifest.notDoneCodes == ["CXR-NOT-DONE"])
        #expect(standardRegistry.module("hiv")?.manifest.notDoneCodes == ["HIV-DECLINED", "HIV-NOT-TESTED"])
        let bad = moduleYAML(id: "nd").replacingOccurrences(of: "  rules:", with: "  not_done_codes: [X-SKIPPED]\n  rules:")
        let problems = FormLoader.report(yaml: bad, origin: "nd.yaml").problems.map(\.description)
        #expect(problems.contains { $0.contains("not-done code 'X-SKIPPED' is not in result_codes; declare it there") }, "\(problems)")
    }
}
