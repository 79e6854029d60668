import ClearanceCore
import Testing
@testable import TBScreening

/// Validation beyond sputum and the immune test: site of extrapulmonary TB, year of past TB.
@Suite struct TBValidationTests {
    let module = TBFixtures.module

    @Test func extrapulmonaryEvidenceNeedsSite() {
        var a = TBFixtures.adult()
        a["extrapulmonary"] = .bool(true)
        let issues = module.validate(a, context: TBFixtures.context())
        #expect(issues.map(\.path.description) == ["extrapulmonary_site"])
    }

    @Test func pastTBYearCannotBeInTheFutureOrBeforeBirth() {
        let person = PersonFacts(dateOfBirth: LocalDate("1990-05-01")!, sex: "M", nationality: "PHL")
        var a = TBFixtures.adult()
        a["tb_history"] = .bool(true)
        a["tb_history_treatment_completed"] = .bool(true)
        for (year, bad) in [(2027, true), (2026, false), (1990, false), (1989, true)] {
            a["tb_history_year"] = .integer(year)
            let issues = module.validate(a, context: TBFixtures.context(person: person))
            #expect(issues.map(\.path.description) == (bad ? ["tb_history_year"] : []), "year \(year)")
        }
    }
}
