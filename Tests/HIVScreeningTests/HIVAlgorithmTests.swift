import ClearanceCore
import Testing
@testable import HIVScreening

@Suite struct WHOThreeTestAlgorithmTests {
    let algorithm = WHOThreeTestAlgorithm()

    func outcome(_ a1: HIVAssayResult?, _ a2: HIVAssayResult? = nil, _ a3: HIVAssayResult? = nil,
                 repeats: [Int: HIVAssayResult] = [:]) -> HIVAlgorithmOutcome {
        algorithm.classify([HIVAssay(position: 1, result: a1, repeatResult: repeats[1]),
                            HIVAssay(position: 2, result: a2, repeatResult: repeats[2]),
                            HIVAssay(position: 3, result: a3, repeatResult: repeats[3])])
    }

    @Test func identityIsVersioned() {
        #expect(algorithm.id == "who-3test-2024")
        #expect(algorithm.version == SemanticVersion(1, 0, 0))
        #expect(HIVAlgorithms.named("who-3test-2024")?.id == "who-3test-2024")
        #expect(HIVAlgorithms.named("who-2test-2015") == nil)
    }

    @Test func workedExamples() {
        #expect(outcome(.nonReactive) == .negative)
        #expect(outcome(.reactive, .reactive, .reactive) == .positive)
        #expect(outcome(.reactive, .nonReactive) == .inconclusive(reason: "A1 reactive, A2 non-reactive"))
        #expect(outcome(.reactive, .reactive, .nonReactive)
                == .inconclusive(reason: "A1 reactive, A2 reactive, A3 non-reactive"))
    }

    @Test func missingAssays() {
        #expect(outcome(nil) == .notTested)
        #expect(outcome(.reactive) == .incomplete(position: 2, repeat: false))
        #expect(outcome(.reactive, .reactive) == .incomplete(position: 3, repeat: false))
    }

    @Test func invalidAssayIsRepeatedAndTheRepeatCounts() {
        #expect(outcome(.invalid) == .incomplete(position: 1, repeat: true))
        #expect(outcome(.invalid, repeats: [1: .nonReactive]) == .negative)
        #expect(outcome(.invalid, .reactive, .reactive, repeats: [1: .reactive]) == .positive)
        #expect(outcome(.reactive, .invalid, .reactive, repeats: [2: .reactive]) == .positive)
        #expect(outcome(.reactive, .reactive, .invalid) == .incomplete(position: 3, repeat: true))
        if case .inconclusive(let reason) = outcome(.invalid, repeats: [1: .invalid]) {
            #expect(reason.contains("new specimen"))
        } else {
            Issue.record("invalid twice must be inconclusive")
        }
    }

    @Test func assaysAfterAConclusionAreIgnored() {
        #expect(outcome(.nonReactive, .reactive, .reactive) == .negative)
    }
}
