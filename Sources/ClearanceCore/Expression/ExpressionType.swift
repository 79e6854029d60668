/// The static type of an expression, worked out when the form loads.
///
/// Any value may also be *empty* at run time (an unanswered or non-relevant field); types say
/// what a value is when it is present. See `docs/FORMS.md` for the empty semantics.
public enum ExpressionType: Hashable, Sendable, CustomStringConvertible {
    case text
    /// Integers and decimals alike.
    case number
    case date
    /// The result of a comparison or of `and`/`or`/`not`.
    case bool
    /// A `yes_no` field: usable as a condition, and comparable with `'yes'`/`'no'`.
    case yesNo
    /// A `select_one` field whose values come from the named choice list.
    case choice(list: String)
    /// A `select_multiple` field (use `selected()` and `count_selected()`).
    case choices(list: String)
    /// A repeat group (use `count()`).
    case group
    /// An image field (use `answered()`).
    case image

    public var description: String {
        switch self {
        case .text: return "text"
        case .number: return "number"
        case .date: return "date"
        case .bool: return "condition"
        case .yesNo: return "yes/no"
        case .choice(let l): return "choice from '\(l)'"
        case .choices(let l): return "choices from '\(l)'"
        case .group: return "repeat group"
        case .image: return "image"
        }
    }

    /// Usable where a condition is expected (`relevant`, `and`, `if`).
    public var isCondition: Bool { self == .bool || self == .yesNo }
    /// Text or a single choice value.
    public var isTextual: Bool {
        if case .choice = self { return true }
        return self == .text
    }

    /// The type of a field's value in expressions, or nil for a note (which holds none).
    public init?(field: Field) {
        switch field.type {
        case .text: self = .text
        case .integer, .decimal: self = .number
        case .date: self = .date
        case .yesNo: self = .yesNo
        case .singleChoice: self = .choice(list: field.choiceList ?? "")
        case .multipleChoice: self = .choices(list: field.choiceList ?? "")
        case .image: self = .image
        case .repeatGroup: self = .group
        case .note: return nil
        }
    }

    /// Whether a `calculate` of this type can fill a field of `fieldType`.
    public func canFill(_ fieldType: FieldType) -> Bool {
        switch fieldType {
        case .text: return isTextual
        case .integer, .decimal: return self == .number
        case .date: return self == .date
        case .yesNo: return isCondition
        case .singleChoice: return isTextual
        case .multipleChoice: if case .choices = self { return true }; return false
        case .note, .image, .repeatGroup: return false
        }
    }

    /// The common type of two branches (`if`, `coalesce`), or nil when they do not agree.
    static func unify(_ a: ExpressionType, _ b: ExpressionType) -> ExpressionType? {
        if a == b { return a }
        if a.isTextual && b.isTextual { return .text }
        if a.isCondition && b.isCondition { return .bool }
        return nil
    }
}
