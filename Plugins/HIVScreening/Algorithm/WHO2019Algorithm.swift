import ClearanceCore

/// The WHO 2019 revision of the three-test strategy (consolidated guidelines on HIV testing
/// services, 2019), id `who-3test-2019`, version 1.0.0. It differs from ``WHOThreeTestAlgorithm``
/// only after a reactive A1 and a non-reactive A2: A1 is repeated (`a1_retest_result`), and the
/// repeat decides.
///
/// - A1 non-reactive: HIV-negative.
/// - A1 reactive, A2 non-reactive: repeat A1. Repeat non-reactive: HIV-negative; repeat
///   reactive: inconclusive.
/// - A1 and A2 reactive: run A3. A3 reactive: HIV-positive; A3 non-reactive: inconclusive.
/// - An invalid assay is repeated and the repeat's reading counts; invalid twice is
///   inconclusive. An invalid A1 retest is read again the same way (invalid: inconclusive).
///
/// Encounters recorded under ``WHOThreeTestAlgorithm`` keep the codes and the algorithm id and
/// version stored with them; this type is a new algorithm, never an edit of that one.
public struct WHO2019Algorithm: HIVTestingAlgorithm {
    public let id = "who-3test-2019"
    public let version = SemanticVersion(1, 0, 0)
    public var retestsA1AfterDiscordance: Bool { true }

    public init() {}

    public func classify(_ assays: [HIVAssay]) -> HIVAlgorithmOutcome {
        func assay(_ position: Int) -> HIVAssay {
            assays.first { $0.position == position } ?? HIVAssay(position: position, result: nil)
        }
        for position in 1...3 {
            switch assay(position).effectiveResult {
            case .notRun:
                return position == 1 ? .notTested : .incomplete(position: position, repeat: false)
            case .awaitingRepeat:
                return .incomplete(position: position, repeat: true)
            case .invalidTwice, .resolved(.invalid):
                return .inconclusive(reason: "A\(position) invalid on repeat: collect a new specimen")
            case .resolved(.nonReactive):
                switch position {
                case 1: return .negative
                case 2:
                    switch assay(1).retestResult {
                    case nil: return .retestNeeded(position: 1)
                    case .nonReactive?: return .negative
                    case .reactive?: return .inconclusive(reason: "A1 reactive, A2 non-reactive, A1 repeated reactive")
                    case .invalid?: return .inconclusive(reason: "A1 reactive, A2 non-reactive, A1 repeat invalid: collect a new specimen")
                    }
                default: return .inconclusive(reason: "A1 reactive, A2 reactive, A3 non-reactive")
                }
            case .resolved(.reactive):
                continue
            }
        }
        return .positive
    }
}
