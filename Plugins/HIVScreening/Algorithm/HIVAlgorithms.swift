/// The catalogue of HIV testing algorithms this build knows, looked up by the rule pack's
/// `hiv_algorithm` parameter.
///
/// ```swift
/// HIVAlgorithms.named("who-3test-2024")?.version   // 1.0.0
/// ```
public enum HIVAlgorithms {
    /// The algorithm used when the programme names none.
    public static let defaultID = "who-3test-2024"

    /// Every known algorithm, by id.
    public static let all: [any HIVTestingAlgorithm] = [WHOThreeTestAlgorithm(), WHO2019Algorithm()]

    /// The algorithm with this id, or nil when this build does not know it.
    public static func named(_ id: String) -> (any HIVTestingAlgorithm)? {
        all.first { $0.id == id }
    }
}
