import ClearanceCore
import Testing
@testable import TBScreening

/// Validation beyond sputum and the immune test: site of extrapulmonary TB (the year of past TB
/// is the form's own constraint: TBFormLoadingTests).
@Suite struct TBValidationTests {
    let module = TBFixtures.module

    @Test func extrapulmonaryEvidenceNeedsSite() {
        var a = TBFixtures.adult()
        a["extrapulmonary"] = .bool(true)
        let issues = module.validate(a, context: TBFixtures.context())
        #expect(issues.map(\.path.description) == ["extrapulmonary_site"])
    }

}
