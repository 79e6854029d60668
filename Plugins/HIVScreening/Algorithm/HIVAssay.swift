/// One assay of the testing algorithm as recorded: its position (A1, A2, A3), first reading
/// and, when the first reading was invalid, the reading of the repeated test.
///
/// An invalid assay is repeated with the same kit type; its outcome for the algorithm is the
/// repeat's reading (see ``effectiveResult``).
///
/// ```swift
/// let a1 = HIVAssay(position: 1, result: .invalid, repeatResult: .reactive)
/// a1.effectiveResult   // .resolved(.reactive)
/// ```
public struct HIVAssay: Sendable, Hashable {
    /// 1 for A1, 2 for A2, 3 for A3.
    public var position: Int
    /// The first reading, nil when the assay was not run.
    public var result: HIVAssayResult?
    /// The repeated test's reading (only meaningful when ``result`` is `.invalid`).
    public var repeatResult: HIVAssayResult?
    /// A1 only: the reading of A1 repeated after a reactive A1 and a non-reactive A2, which the
    /// WHO 2019 revision asks for (``WHO2019Algorithm``); nil when it was not repeated.
    public var retestResult: HIVAssayResult?

    public init(position: Int, result: HIVAssayResult?, repeatResult: HIVAssayResult? = nil, retestResult: HIVAssayResult? = nil) {
        self.position = position; self.result = result; self.repeatResult = repeatResult; self.retestResult = retestResult
    }

    /// What the algorithm may use from this assay.
    public var effectiveResult: Effective {
        switch (result, repeatResult) {
        case (nil, _): return .notRun
        case (.invalid?, nil): return .awaitingRepeat
        case (.invalid?, .invalid?): return .invalidTwice
        case (.invalid?, let r?): return .resolved(r)
        case (let r?, _): return .resolved(r)
        }
    }

    /// The usable outcome of an assay.
    public enum Effective: Sendable, Hashable {
        /// The assay was not run.
        case notRun
        /// Invalid; the repeat has not been read yet.
        case awaitingRepeat
        /// Invalid, and invalid again when repeated: a new specimen is needed.
        case invalidTwice
        /// A reactive or non-reactive reading (first or repeat).
        case resolved(HIVAssayResult)
    }
}
