/// What a module derives from valid answers: result codes and computed values.
///
/// Several codes may hold at once (`TB-B2` and `TB-B3`). Computed values (PTA4, grade,
/// retest date) are stored with the encounter beside the answers.
public struct Derivation: Hashable, Sendable {
    public var resultCodes: [String]
    public var values: [String: Value]
    /// True while results are outstanding (a culture pending): no fitness decision can be made.
    public var pending: Bool

    public init(resultCodes: [String] = [], values: [String: Value] = [:], pending: Bool = false) {
        self.resultCodes = resultCodes; self.values = values; self.pending = pending
    }
}
