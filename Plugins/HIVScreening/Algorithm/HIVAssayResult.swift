/// The reading of one HIV rapid test (or immunoassay): the choice values of the form's
/// `a1_result` ... `a3_result` fields.
public enum HIVAssayResult: String, Sendable, Hashable, CaseIterable {
    case nonReactive = "non-reactive"
    case reactive
    case invalid
}
