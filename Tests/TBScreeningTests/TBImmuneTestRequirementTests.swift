import ClearanceCore
import Testing
@testable import TBScreening

/// TST or IGRA for children of the rule pack's age range from high-incidence countries.
@Suite struct TBImmuneTestRequirementTests {
    let module = TBFixtures.module
    let list: [String: Value] = ["high_incidence_countries": .choices(["AFG", "PHL", "IND"])]

    /// A child who is `age` on TBFixtures.today.
    func child(_ age: Int, _ nationality: String = "AFG") -> PersonFacts {
        PersonFacts(dateOfBirth: LocalDate(year: 2026 - age, month: 1, day: 15)!, sex: "F", nationality: nationality)
    }

    @Test(arguments: [(1, false), (2, true), (9, true), (14, true), (15, false)])
    func requiredOnlyWithinTheAgeRange(_ age: Int, _ required: Bool) {
        let ctx = TBFixtures.context(person: child(age), parameters: list)
        let issues = module.validate(TBFixtures.adult(), context: ctx)
        #expect(issues.map(\.path.description) == (required ? ["immune_test"] : []))
        #expect(module.derive(TBFixtures.adult(), context: ctx).values["immune_test_required"] == .bool(required))
    }

    @Test func recordedTestSatisfiesTheRule() {
        var a = TBFixtures.adult()
        a["immune_test"] = .choice("igra_qft")
        a["igra_result"] = .choice("negative")
        #expect(module.validate(a, context: TBFixtures.context(person: child(9), parameters: list)).isEmpty)
    }

    @Test func notRequiredForOtherNationalitiesOrWithoutList() {
        #expect(module.validate(TBFixtures.adult(), context: TBFixtures.context(person: child(9, "FRA"), parameters: list)).isEmpty)
        #expect(module.validate(TBFixtures.adult(), context: TBFixtures.context(person: child(9))).isEmpty)
        #expect(module.validate(TBFixtures.adult(), context: TBFixtures.context(person: nil, parameters: list)).isEmpty)
    }

    @Test func parametersAcceptTextListsAndOtherAges() {
        let params: [String: Value] = ["high_incidence_countries": .text("pak, AFG"),
                                       "immune_test_min_age": .integer(5), "immune_test_max_age": .decimal(17)]
        let p = TBParameters(params)
        #expect(p.highIncidenceCountries == ["PAK", "AFG"])
        #expect(p.immuneTestRequired(for: child(16, "PAK"), on: TBFixtures.today))
        #expect(!p.immuneTestRequired(for: child(4, "PAK"), on: TBFixtures.today))
        let message = module.validate(TBFixtures.adult(), context: TBFixtures.context(person: child(16, "PAK"), parameters: params))
            .first?.message ?? ""
        #expect(message.contains("aged 5-17"))
        #expect(message.contains("nationality PAK"))
    }
}
