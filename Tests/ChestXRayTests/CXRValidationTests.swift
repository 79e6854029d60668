import ClearanceCore
import Testing
@testable import ChestXRay

/// Normal excludes findings; "other" needs remarks; costophrenic thickening needs a lateral view.
@Suite struct CXRValidationTests {
    let module = CXRFixtures.module
    let ctx = CXRFixtures.context

    @Test func normalWithAFindingIsInvalid() {
        let a = CXRFixtures.reading("normal", findings: [CXRFixtures.finding("calcified_nodule")])
        let issues = module.validate(a, context: ctx)
        #expect(issues.map(\.path.description) == ["impression"])
        #expect(issues.first?.message.contains("remove the findings or choose Abnormal") == true)
    }

    @Test func abnormalWithoutFindingIsInvalid() {
        #expect(module.validate(CXRFixtures.reading("abnormal"), context: ctx).map(\.path.description) == ["findings"])
    }

    @Test(arguments: [nil, "", "   "])
    func otherWithoutRemarksIsInvalid(_ remarks: String?) {
        let a = CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("cavity"),
                                                           CXRFixtures.finding("other", remarks: remarks)])
        let issues = module.validate(a, context: ctx)
        #expect(issues.map(\.path.description) == ["findings[2].remarks"])
    }

    @Test func costophrenicThickeningNeedsLateralOrDecubitus() {
        let thickening = CXRFixtures.finding("smooth_pleural_thickening", side: "left", costophrenic: true)
        let pa = CXRFixtures.reading("abnormal", findings: [thickening], views: ["pa"])
        #expect(module.validate(pa, context: ctx).map(\.path.description) == ["findings[1].costophrenic_angle"])
        for views in [["pa", "lateral"], ["pa", "decubitus"]] {
            let ok = CXRFixtures.reading("abnormal", findings: [thickening], views: views)
            #expect(module.validate(ok, context: ctx).isEmpty)
            #expect(module.derive(ok, context: ctx).resultCodes == ["CXR-ABN-NOACTION"])
        }
        let apical = CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("smooth_pleural_thickening",
                                                                                   costophrenic: false)])
        #expect(module.validate(apical, context: ctx).isEmpty)
    }

    @Test func notDoneHasNothingToCheck() {
        #expect(module.validate(CXRFixtures.notDone("declined"), context: ctx).isEmpty)
    }
}
