/// Runs a form's rules (types, bounds, choices, required, relevant, constraint, calculate)
/// against answers. The single engine behind every front end and the save path.
///
/// CONTRACT STUB: the signatures are fixed; the forms work fills in the bodies.
public struct FormEvaluator: Sendable {
    public let form: FormSpec
    public let context: ModuleContext

    public init(form: FormSpec, context: ModuleContext) {
        self.form = form; self.context = context
    }

    /// The answers with calculated fields computed and answers of non-relevant fields removed:
    /// what gets validated and stored.
    public func normalized(_ answers: Answers) -> Answers { answers }

    /// Whether the field at `path` is asked, given the other answers.
    public func isRelevant(_ path: FieldPath, in answers: Answers) -> Bool { true }

    /// Whether the field at `path` must be answered, given the other answers.
    public func isRequired(_ path: FieldPath, in answers: Answers) -> Bool {
        guard let f = form.field(at: path) else { return false }
        if case .always = f.required { return true }
        return false
    }

    /// Problems with one field's answer: type, bounds and step, choice values, constraint,
    /// missing while required. Empty when the field is fine or not relevant.
    public func issues(for path: FieldPath, in answers: Answers) -> [ValidationIssue] { [] }

    /// Every problem in the whole form, in form order; also unknown field names.
    public func validate(_ answers: Answers) -> [ValidationIssue] { [] }

    /// Evaluates an expression. `current` is the value `.` stands for; `scope` is the path of
    /// the repeat instance whose sibling fields `${name}` may name (nil at top level).
    public func evaluate(_ expression: Expression, in answers: Answers, current: Value? = nil,
                         scope: FieldPath? = nil) -> Value? { nil }
}
