import ClearanceCore
import Testing
@testable import ChestXRay

/// The finding catalogue: defaults, and the rule pack's overrides.
@Suite struct CXRCatalogueTests {
    @Test func defaultTableCoversTheThreeCategoriesAndUKNumbers() {
        let c = FindingCatalogue()
        #expect(c.category(of: "pleural_effusion") == .tbSuggestive)
        // Corrected reference section 3: inactive or old TB findings need smears and cultures too.
        for old in ["linear_opacity", "discrete_nodule", "volume_loss", "irregular_pleural_reaction"] {
            #expect(c.category(of: old) == .tbSuggestive, "\(old)")
        }
        #expect(c.category(of: "uk_3_1") == .followUp)
        #expect(c.category(of: "diaphragmatic_tenting") == .noAction)
        #expect(c.category(of: "uk_4_1") == .tbSuggestive)
        #expect(c.category(of: "uk_2_2") == .noAction)
        #expect(c.category(of: "finding_from_a_newer_form") == .tbSuggestive)
    }

    @Test func gulfPackTreatsOldChangesAsTB() {
        let params: [String: Value] = ["catalogue_tb_suggestive": .choices(["calcified_nodule", "smooth_pleural_thickening"]),
                                       "catalogue_no_action": .choices(["calcified_nodule"])]
        let c = FindingCatalogue(parameters: params)
        #expect(c.category(of: "calcified_nodule") == .tbSuggestive)
        #expect(c.category(of: "smooth_pleural_thickening") == .tbSuggestive)
        #expect(c.category(of: "cardiac") == .noAction)

        let ctx = ModuleContext(today: CXRFixtures.today, programme: "gcc-labour", parameters: params)
        let a = CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("calcified_nodule")])
        #expect(CXRFixtures.module.derive(a, context: ctx).resultCodes == ["CXR-TB-SUGGESTIVE"])
    }

    @Test func packCanDowngradeAFinding() {
        let c = FindingCatalogue(parameters: ["catalogue_followup": .text("uk_4_1, uk_4_2")])
        #expect(c.category(of: "uk_4_1") == .followUp)
        #expect(c.category(of: "uk_4_2") == .followUp)
        #expect(c.category(of: "uk_4_3") == .tbSuggestive)
    }
}
