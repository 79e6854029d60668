/// One field of a form, as declared in its form file.
public struct Field: Hashable, Sendable {
    /// Machine name, unique within its level of the form: `cough_2w`.
    public var name: String
    public var type: FieldType
    public var label: LocalizedText
    /// One line of help shown for the focused field (`?` in line mode).
    public var hint: LocalizedText?
    /// When an answer is required (only ever checked while the field is relevant).
    public var required: Requirement
    /// What to tell the user when a required answer is missing (`required_message`); nil uses
    /// the host's own message in the user's language.
    public var requiredMessage: LocalizedText?
    /// Skip logic: the field is asked only while this holds. Nil means always.
    public var relevant: Expression?
    /// Must hold for a given answer (`.` is the answer); `constraintMessage` says why not.
    public var constraint: Expression?
    public var constraintMessage: LocalizedText?
    /// A computed field's formula; such a field is never typed by the user.
    public var calculate: Expression?
    /// Unit shown beside a number (`mm`, `dB HL`, `IU/mL`).
    public var unit: String?
    /// Bounds and step for integer and decimal fields (inclusive).
    public var min: Double?
    public var max: Double?
    public var step: Double?
    /// The choice list of a select_one / select_multiple field.
    public var choiceList: String?
    /// Which choices are offered (`choice_filter`): a condition checked for each choice, where
    /// `.` is the choice's value and `choice('name')` one of its attributes. Nil offers all.
    public var choiceFilter: Expression?
    /// Sub-fields of a repeat group.
    public var fields: [Field]
    /// Instance bounds of a repeat group, when they are constants (`min_count: 1`).
    public var minCount: Int?
    public var maxCount: Int?
    /// Instance bounds computed from other answers (`min_count: "${doses_due}"`), evaluated
    /// where the group is declared; use ``FormEvaluator/instanceBounds(_:in:)`` for the bounds
    /// that apply to given answers.
    public var minCountExpression: Expression?
    public var maxCountExpression: Expression?
    /// Roles that may see and answer this field; nil means whoever may record the module.
    /// A user without one of these roles is neither shown the field nor allowed to answer it.
    public var roles: Set<Role>?
    /// Roles that may read a stored answer to this field (`read_roles:`), apart from who may
    /// answer it: TB's `hiv_status` is answered by the nurse who asks the applicant but read back
    /// only by counsellors and medical officers. Nil means the same as ``roles``.
    /// See ``readers`` for the set that applies.
    public var readRoles: Set<Role>?
    /// Answered later, by its ``roles``, after another role saved the rest of the form
    /// (`awaited: true`: the X-ray reading after the radiographer's acquisition). A recorder
    /// who may not answer a required awaited field saves the encounter awaiting it; whoever may
    /// completes that same encounter. Other restricted fields are simply not asked of them.
    public var awaited: Bool = false
    /// Line of the field's declaration in its form file (for error messages).
    public var line: Int
    /// Longest accepted answer of a text field, in characters (`max_length:` in the form file);
    /// nil: ``defaultMaxTextLength``.
    public var maxLength: Int?
    /// A plausible answer (`example:` in the form file) that ``FormSpec/template()`` uses in
    /// preference to its generic guess. Checked against the field's type, bounds and choices at load.
    public var example: Value?

    public init(name: String, type: FieldType, label: LocalizedText, hint: LocalizedText? = nil,
                required: Requirement = .never, relevant: Expression? = nil, constraint: Expression? = nil,
                constraintMessage: LocalizedText? = nil, calculate: Expression? = nil, unit: String? = nil,
                min: Double? = nil, max: Double? = nil, step: Double? = nil, choiceList: String? = nil,
                fields: [Field] = [], minCount: Int? = nil, maxCount: Int? = nil, roles: Set<Role>? = nil, line: Int = 0,
                example: Value? = nil, readRoles: Set<Role>? = nil) {
        self.name = name; self.type = type; self.label = label; self.hint = hint; self.required = required
        self.relevant = relevant; self.constraint = constraint; self.constraintMessage = constraintMessage
        self.calculate = calculate; self.unit = unit; self.min = min; self.max = max; self.step = step
        self.choiceList = choiceList; self.fields = fields; self.minCount = minCount; self.maxCount = maxCount
        self.roles = roles; self.line = line; self.example = example; self.readRoles = readRoles
    }

    /// The longest text answer a field takes when its form says nothing (`max_length:`): 2,000 characters.
    public static let defaultMaxTextLength = 2000
    /// The largest `max_length:` a form may give: 100,000 characters.
    public static let largestMaxTextLength = 100_000

    /// The longest answer this text field takes, in characters.
    public var textLimit: Int { maxLength ?? Self.defaultMaxTextLength }
    /// The roles that may read a stored answer: ``readRoles`` when declared, else ``roles``
    /// (nil: whoever may read the module).
    public var readers: Set<Role>? { readRoles ?? roles }

    /// Whether the field collects an answer from the user (not a note, not calculated).
    public var isInput: Bool { type != .note && calculate == nil }
}

/// When a field must be answered.
public enum Requirement: Hashable, Sendable {
    case never
    case always
    /// Required while the expression holds (`has_result('cxr', 'CXR-TB-SUGGESTIVE')`).
    case when(Expression)
}

/// One entry of a choice list: the stored value and its translated label.
public struct Choice: Hashable, Sendable {
    public var value: String
    public var label: LocalizedText
    /// Extra keys of the choice (`{value: mmr, label: MMR, live: yes, min_age_months: 12}`),
    /// read by a field's `choice_filter` as `choice('live')`. Every choice of a list has the same ones.
    public var attributes: [String: Value]
    /// Line of the choice's value in its form file (for messages).
    public var line: Int
    public init(value: String, label: LocalizedText, attributes: [String: Value] = [:], line: Int = 0) {
        self.value = value; self.label = label; self.attributes = attributes; self.line = line
    }
}

/// The values choice attributes may hold, and their types in expressions.
enum ChoiceAttribute {
    /// `yes`/`no`/`true`/`false` are conditions, numbers are numbers, the rest text.
    static func type(of v: Value) -> ExpressionType {
        switch v {
        case .integer, .decimal: return .number
        case .bool: return .yesNo
        default: return .text
        }
    }
}
