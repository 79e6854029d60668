import ClearanceCore
import ClearanceService
import Foundation
import Testing

/// What the host needs from a module comes through its manifest: facts other modules may read
/// (held back from users who may not read a confidential module), programme settings,
/// attachment kinds, and the host API range, checked for compiled modules too.
@Suite("Module declarations")
struct ModuleDeclarationTests {
    /// A compiled wrapper around a declarative module that adds manifest declarations.
    struct Declaring: ScreeningModule {
        let inner: any ScreeningModule
        var facts: [ModuleFact] = []
        var kinds: [String] = []
        var hostAPI: VersionRange?
        var manifest: ModuleManifest {
            var m = inner.manifest
            m.facts = facts; m.attachmentKinds = kinds
            if let hostAPI { m.hostAPI = hostAPI }
            return m
        }
        var form: FormSpec { inner.form }
        func derive(_ answers: Answers, context: ModuleContext) -> Derivation { inner.derive(answers, context: context) }
    }

    @Test func aConfidentialModulesFactReachesOnlyUsersWhoMayReadIt() throws {
        let c = try Clinic(modules: { modules in
            modules.map { m in
                m.manifest.id == "secret"
                    ? Declaring(inner: m, facts: [ModuleFact("secret_known", "Secret known", whenCodes: ["SEC-P*"])])
                    : m
            }
        })
        defer { c.cleanup() }
        let caseID = try c.openCase()
        #expect(try c.service.recordingContext(module: "vitals", caseID: caseID, by: c.counsellor).facts.isEmpty)
        _ = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(true)]), by: c.counsellor)
        #expect(try c.service.recordingContext(module: "vitals", caseID: caseID, by: c.counsellor).hasFact("secret_known"))
        #expect(try !c.service.recordingContext(module: "vitals", caseID: caseID, by: c.nurse).hasFact("secret_known"),
                "a nurse may not read the confidential module, so its facts do not reach the nurse's rules")
    }

    @Test func factsMatchTheirCodesAndPatterns() {
        let fact = ModuleFact("known", "Known", whenCodes: ["X-POS", "Y-*-A"])
        #expect(fact.holds(for: ["X-POS"]))
        #expect(fact.holds(for: ["OTHER", "Y-12-A"]))
        #expect(!fact.holds(for: ["X-NEG", "Y-12-B"]))
    }

    @Test func programmeSettingsReachOnlyTheModulesThatDeclareThem() {
        let pack = RulePack(id: "p", version: "1", title: "P", destination: "D", requirements: [], outcomes: [],
                            validity: Validity(), hivAlgorithm: "algo-1")
        #expect(pack.parameters(for: "any", programmeSettings: ["hiv_algorithm"])["hiv_algorithm"] == .text("algo-1"))
        #expect(pack.parameters(for: "any")["hiv_algorithm"] == nil)
    }

    @Test func attachmentKindsAreTheHostsAndThoseModulesDeclare() throws {
        let c = try Clinic(modules: { $0.map { Declaring(inner: $0, kinds: $0.manifest.id == "vitals" ? ["ecg"] : []) } })
        defer { c.cleanup() }
        #expect(c.service.host.attachmentKinds.map(\.rawValue) == ["photo", "other", "ecg"])
        #expect(try c.service.host.attachmentKind(named: "ECG") == AttachmentKind("ecg"))
        #expect { try c.service.host.attachmentKind(named: "xray") } throws: { "\($0)".contains("photo, other, ecg") }
    }

    @Test func aCompiledModuleOutsideTheHostAPIIsRefused() throws {
        let form = try FormLoader.load(yaml: Clinic.vitals, origin: "vitals.yaml")
        let module = Declaring(inner: DeclarativeModule(form: form.form, spec: form.module!),
                               hostAPI: VersionRange(SemanticVersion(9), SemanticVersion(10)))
        let registry = ModuleRegistry.build(builtins: [module])
        #expect(registry.module("vitals") == nil)
        #expect(registry.refused.first?.message.contains("needs host API") == true, "\(registry.refused)")
    }
}

/// A confidential outcome shows no result codes in any view of a user who may not read it.
@Suite("Confidential outcomes in every view")
struct ConfidentialViewTests {
    /// The confidential test module, recordable by a clerk who may not read it.
    struct ClerkRecords: ScreeningModule {
        let inner: any ScreeningModule
        var manifest: ModuleManifest { var m = inner.manifest; m.recordRoles.insert(.clerk); return m }
        var form: FormSpec { inner.form }
        func derive(_ answers: Answers, context: ModuleContext) -> Derivation {
            var d = inner.derive(answers, context: context); d.values["score"] = .integer(7); return d
        }
    }

    @Test func everyViewOfAReaderWithoutTheRightHidesTheCodes() throws {
        let c = try Clinic(modules: { $0.map { $0.manifest.id == "secret" ? ClerkRecords(inner: $0) : $0 } })
        defer { c.cleanup() }
        let caseID = try c.openCase()
        let outcome = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(true)]), by: c.clerk)
        #expect(outcome.hidden && outcome.json["result_codes"] as? [String] == [], "\(outcome.json)")
        #expect((outcome.json["derived"] as? [String: Any])?.isEmpty == true)
        #expect(!outcome.text.contains("SEC-POS") && !outcome.text.contains("score"), "\(outcome.text)")

        let summary = try c.service.caseSummary(caseID, by: c.clerk)
        let listed = (summary.json["encounters"] as? [[String: Any]])?.first
        #expect(listed?["result_codes"] as? [String] == [] && listed?["confidential_hidden"] as? Bool == true, "\(summary.json)")
        let text = String(data: try JSONSerialization.data(withJSONObject: summary.json), encoding: .utf8) ?? ""
        #expect(!text.contains("SEC-POS"), "\(text)")

        let shown = try c.service.encounter(outcome.encounterID, by: c.clerk)
        #expect(shown.json["answers"] is NSNull && shown.json["derived"] is NSNull && shown.json["result_codes"] as? [String] == [], "\(shown.json)")

        // The counsellor, who may read it, sees the codes everywhere.
        let counsellorView = try c.service.encounter(outcome.encounterID, by: c.counsellor)
        #expect(counsellorView.json["result_codes"] as? [String] == ["SEC-POS"])
    }

    @Test func aHiddenSummaryEncodesNoCodesWhateverItHolds() {
        let s = EncounterSummary(id: 1, module: "m", moduleVersion: "1", formVersion: "1", status: "final", recordedBy: "x",
                                 recordedAt: "t", resultCodes: ["SEC-POS"], pending: false, hidden: true, current: true)
        #expect(s.json["result_codes"] as? [String] == [])
    }
}
