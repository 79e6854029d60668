import ClearanceCore
import Testing
@testable import HIVScreening

/// The WHO 2019 revision (reference section 4): a new algorithm version beside the 2024
/// three-test strategy, which keeps its own behaviour.
@Suite struct WHO2019AlgorithmTests {
    let algorithm = WHO2019Algorithm()
    let v2019: [String: Value] = ["hiv_algorithm": .text("who-3test-2019")]

    func outcome(_ a1: HIVAssayResult?, _ a2: HIVAssayResult? = nil, _ a3: HIVAssayResult? = nil,
                 retest: HIVAssayResult? = nil, repeats: [Int: HIVAssayResult] = [:]) -> HIVAlgorithmOutcome {
        algorithm.classify([HIVAssay(position: 1, result: a1, repeatResult: repeats[1], retestResult: retest),
                            HIVAssay(position: 2, result: a2, repeatResult: repeats[2]),
                            HIVAssay(position: 3, result: a3, repeatResult: repeats[3])])
    }

    @Test func isANewVersionedAlgorithmBesideTheOldOne() {
        #expect(algorithm.id == "who-3test-2019" && algorithm.version == SemanticVersion(1, 0, 0))
        #expect(HIVAlgorithms.named("who-3test-2019")?.id == "who-3test-2019")
        #expect(HIVAlgorithms.named("who-3test-2024")?.id == "who-3test-2024")
        #expect(HIVAlgorithms.defaultID == "who-3test-2024")
        #expect(algorithm.retestsA1AfterDiscordance && !WHOThreeTestAlgorithm().retestsA1AfterDiscordance)
    }

    @Test func workedExamplesOfTheRevision() {
        #expect(outcome(.nonReactive) == .negative)
        #expect(outcome(.reactive, .reactive, .reactive) == .positive)
        #expect(outcome(.reactive, .nonReactive) == .retestNeeded(position: 1))
        #expect(outcome(.reactive, .nonReactive, retest: .nonReactive) == .negative)
        #expect(outcome(.reactive, .nonReactive, retest: .reactive)
                == .inconclusive(reason: "A1 reactive, A2 non-reactive, A1 repeated reactive"))
        #expect(outcome(.reactive, .reactive, .nonReactive) == .inconclusive(reason: "A1 reactive, A2 reactive, A3 non-reactive"))
        if case .inconclusive = outcome(.reactive, .nonReactive, retest: .invalid) {} else { Issue.record("an invalid retest is inconclusive") }
    }

    @Test func invalidAndMissingAssaysAsBefore() {
        #expect(outcome(nil) == .notTested)
        #expect(outcome(.reactive) == .incomplete(position: 2, repeat: false))
        #expect(outcome(.invalid) == .incomplete(position: 1, repeat: true))
        #expect(outcome(.reactive, .invalid, repeats: [2: .nonReactive]) == .retestNeeded(position: 1))
        #expect(outcome(.reactive, .invalid, repeats: [2: .nonReactive]) == outcome(.reactive, .nonReactive))
    }

    @Test func theModuleDerivesWithTheRulePacksAlgorithm() {
        let discordant = ["a1_result": "reactive", "a2_result": "non-reactive"]
        let waiting = hiv.derive(tested(discordant), context: context(v2019))
        #expect(waiting.resultCodes == [] && waiting.pending && waiting.values["next_assay"] == .text("A1 retest"))
        #expect(hiv.validate(tested(discordant), context: context(v2019)).map(\.path.description) == ["a1_retest_result"])

        let negative = hiv.derive(tested(discordant.merging(["a1_retest_result": "non-reactive"]) { $1 }), context: context(v2019))
        #expect(negative.resultCodes == ["HIV-NEG"] && !negative.pending)
        #expect(negative.values["hiv_algorithm_id"] == .text("who-3test-2019"))

        let inconclusive = tested(discordant.merging(["a1_retest_result": "reactive"]) { $1 })
        let d = hiv.derive(inconclusive, context: context(v2019))
        #expect(d.resultCodes == ["HIV-INCONCLUSIVE"])
        #expect(d.values["retest_date"] == .date(LocalDate(year: 2026, month: 12, day: 4)!))
        #expect(hiv.validate(inconclusive, context: context(v2019)).isEmpty)
    }

    @Test func theOldAlgorithmKeepsItsResultsAndRefusesTheRetest() {
        let discordant = ["a1_result": "reactive", "a2_result": "non-reactive"]
        let old = hiv.derive(tested(discordant), context: context())
        #expect(old.resultCodes == ["HIV-INCONCLUSIVE"] && old.values["hiv_algorithm_id"] == .text("who-3test-2024"))
        let retested = tested(discordant.merging(["a1_retest_result": "non-reactive"]) { $1 })
        let issues = hiv.validate(retested, context: context())
        #expect(issues.map(\.path.description) == ["a1_retest_result"] && issues[0].message.contains("who-3test-2024"), "\(issues)")
    }
}
