import ClearanceCore

/// The WHO three-test strategy (consolidated guidelines on HIV testing services), as
/// simplified for migration screening: id `who-3test-2024`, version 1.0.0.
///
/// - A1 non-reactive: HIV-negative.
/// - A1 reactive: run A2. A2 non-reactive: inconclusive (discordant).
/// - A1 and A2 reactive: run A3. A3 reactive: HIV-positive; A3 non-reactive: inconclusive.
/// - An invalid assay is repeated and the repeat's reading counts; invalid twice is
///   inconclusive (a new specimen is needed on the retest date).
///
/// Assays recorded after the algorithm has concluded are ignored here; the module's
/// validation rejects them.
public struct WHOThreeTestAlgorithm: HIVTestingAlgorithm {
    public let id = "who-3test-2024"
    public let version = SemanticVersion(1, 0, 0)

    public init() {}

    public func classify(_ assays: [HIVAssay]) -> HIVAlgorithmOutcome {
        func assay(_ position: Int) -> HIVAssay {
            assays.first { $0.position == position } ?? HIVAssay(position: position, result: nil)
        }
        // Each step: non-reactive ends the algorithm, reactive moves on to the next assay.
        var previousReactive: [Int] = []
        for position in 1...3 {
            switch assay(position).effectiveResult {
            case .notRun:
                return position == 1 ? .notTested : .incomplete(position: position, repeat: false)
            case .awaitingRepeat:
                return .incomplete(position: position, repeat: true)
            case .invalidTwice, .resolved(.invalid):
                return .inconclusive(reason: "A\(position) invalid on repeat: collect a new specimen")
            case .resolved(.nonReactive):
                if position == 1 { return .negative }
                let reactive = previousReactive.map { "A\($0) reactive" }.joined(separator: ", ")
                return .inconclusive(reason: "\(reactive), A\(position) non-reactive")
            case .resolved(.reactive):
                previousReactive.append(position)
            }
        }
        return .positive
    }
}
