import ClearanceCore

/// An HIV testing algorithm: the order in which assays are run and how their readings combine
/// into a status.
///
/// Algorithms are versioned and selected by the programme rule pack's `hiv_algorithm`
/// parameter (see ``HIVAlgorithms``); the id and version used are stored with every encounter
/// so that a result can always be traced to the rules that produced it. A new national
/// algorithm is a new conforming type with its own id, never an edit of a shipped one.
public protocol HIVTestingAlgorithm: Sendable {
    /// Stable identifier used in rule packs (`who-3test-2024`).
    var id: String { get }
    /// Version of this implementation; bump it whenever its logic changes.
    var version: SemanticVersion { get }
    /// Concludes from the assays recorded (positions 1...n, possibly not run).
    /// - Parameter assays: the assays A1, A2, A3 in order; missing ones are `result == nil`.
    /// - Returns: the status, or which assay is still needed.
    func classify(_ assays: [HIVAssay]) -> HIVAlgorithmOutcome
    /// Whether A1 is repeated after a reactive A1 and a non-reactive A2 (`a1_retest_result`);
    /// an algorithm that does not (the default) refuses that answer.
    var retestsA1AfterDiscordance: Bool { get }
}

extension HIVTestingAlgorithm {
    public var retestsA1AfterDiscordance: Bool { false }
}
