/// What a testing algorithm concludes from the assays recorded so far.
public enum HIVAlgorithmOutcome: Sendable, Hashable {
    /// Consent was given but no assay was run (`HIV-NOT-TESTED`).
    case notTested
    /// HIV-negative (`HIV-NEG`).
    case negative
    /// HIV-positive (`HIV-POS`).
    case positive
    /// Status cannot be given today (`HIV-INCONCLUSIVE`); `reason` says why, in English,
    /// for the counsellor ("A1 reactive, A2 non-reactive").
    case inconclusive(reason: String)
    /// The algorithm needs another reading before it can conclude: assay `position` (1-3) is
    /// to be run, or repeated when `repeat` is true.
    case incomplete(position: Int, repeat: Bool)
    /// Assay `position` is to be repeated after a discordant next assay (WHO 2019: A1 after a
    /// reactive A1 and a non-reactive A2), before the algorithm can conclude.
    case retestNeeded(position: Int)
}
