/// The kinds of field a form can hold. The raw value is the name used in form files.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case text
    case integer
    case decimal
    case date
    /// Yes/no with no default: an unanswered yes/no is missing, never "no".
    case yesNo = "yes_no"
    case singleChoice = "select_one"
    case multipleChoice = "select_multiple"
    /// Read-only text shown to the user; holds no answer.
    case note
    /// A PNG attachment; the answer is the attachment id.
    case image
    /// A repeated group of sub-fields (sputum specimens 1-3, HIV assays).
    case repeatGroup = "repeat"
}
