import ClearanceCore
import Testing
@testable import ChestXRay

/// The overall code: not done, normal, and the most serious finding's category.
@Suite struct CXRResultCodeTests {
    let module = CXRFixtures.module
    let ctx = CXRFixtures.context

    @Test func normalFilm() {
        let a = CXRFixtures.reading("normal")
        #expect(module.validate(a, context: ctx).isEmpty)
        let d = module.derive(a, context: ctx)
        #expect(d.resultCodes == ["CXR-NORMAL"])
        #expect(d.values["xray_date"] == .date(CXRFixtures.xrayDate))
        #expect(!d.pending)
    }

    @Test func notDone() {
        let d = module.derive(CXRFixtures.notDone(), context: ctx)
        #expect(d.resultCodes == ["CXR-NOT-DONE"])
        #expect(d.values.isEmpty)
    }

    @Test(arguments: [("cavity", "CXR-TB-SUGGESTIVE"), ("miliary", "CXR-TB-SUGGESTIVE"),
                      ("discrete_nodule", "CXR-TB-SUGGESTIVE"), ("volume_loss", "CXR-TB-SUGGESTIVE"),
                      ("linear_opacity", "CXR-TB-SUGGESTIVE"), ("irregular_pleural_reaction", "CXR-TB-SUGGESTIVE"),
                      ("calcified_nodule", "CXR-ABN-NOACTION"), ("cardiac", "CXR-ABN-NOACTION"),
                      ("uk_4_7", "CXR-TB-SUGGESTIVE"), ("uk_3_3", "CXR-ABN-FOLLOWUP"), ("uk_1_1", "CXR-ABN-NOACTION")])
    func singleFinding(_ value: String, _ code: String) {
        let a = CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding(value)])
        #expect(module.validate(a, context: ctx).isEmpty)
        #expect(module.derive(a, context: ctx).resultCodes == [code])
    }

    @Test func mostSeriousFindingWins() {
        let a = CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("calcified_lymph_node"),
                                                           CXRFixtures.finding("uk_3_3"),
                                                           CXRFixtures.finding("infiltrate", side: "left")])
        let d = module.derive(a, context: ctx)
        #expect(d.resultCodes == ["CXR-TB-SUGGESTIVE"])
        #expect(d.values["tb_suggestive_findings"] == .choices(["infiltrate"]))
        #expect(d.values["followup_findings"] == .choices(["uk_3_3"]))
        #expect(d.values["no_action_findings"] == .choices(["calcified_lymph_node"]))
    }

    @Test func otherWithRemarksSuggestsTB() {
        let a = CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("other", remarks: "Bullous change right apex")])
        #expect(module.validate(a, context: ctx).isEmpty)
        #expect(module.derive(a, context: ctx).resultCodes == ["CXR-TB-SUGGESTIVE"])
    }

    @Test func manifestListsEveryCodeTranslated() {
        let m = module.manifest
        #expect(m.id == "cxr")
        #expect(ChestXRayModule.formFile == "cxr.yaml")
        #expect(m.version == SemanticVersion(2, 0, 0), "2.0.0: the corrected catalogue changes results")
        #expect(m.notDoneCodes == ["CXR-NOT-DONE"])
        #expect(m.resultCodes.map(\.code) == ["CXR-NORMAL", "CXR-TB-SUGGESTIVE", "CXR-ABN-FOLLOWUP",
                                              "CXR-ABN-NOACTION", "CXR-NOT-DONE"])
        for text in m.resultCodes.map(\.meaning) + [m.title] {
            #expect(Set(text.translations.keys) == ["en", "fr", "es"])
        }
        #expect(m.canRecord([.radiographer]) && m.canRecord([.radiologist]))
        #expect(!m.canRecord([.nurse]) && !m.canRead([.clerk]))
    }
}
