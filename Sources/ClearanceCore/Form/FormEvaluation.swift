// MARK: - One set of answers, evaluated once

/// A form's rules worked out for one set of answers (and, optionally, one user's roles):
/// what a front end asks many questions of between two keystrokes.
///
/// ``FormEvaluator``'s per-question methods (``FormEvaluator/isRelevant(_:in:)``,
/// ``FormEvaluator/isRequired(_:in:)``, ``FormEvaluator/issues(for:in:)``) each normalize the
/// answers first, O(fields) a question and so O(fields²) for a screen of them. An evaluation
/// normalizes once and answers every question from those normalized answers with the
/// evaluator's own code, so it gives exactly what the per-question methods give.
///
/// With `roles`, fields whose `roles:` exclude the user (``FormSpec/restriction(of:for:)``) are
/// not shown, not required of the user and have no issues for them: they are not theirs to answer.
///
/// ```swift
/// let e = evaluator.evaluation(of: answers, roles: [.nurse])
/// let shown = form.fields.map { FieldPath(field: $0.name) }.filter(e.isShown)
/// let better = e.value(at: FieldPath(field: "better_eye"))   // a calculated value
/// ```
public struct FormEvaluation: Sendable {
    /// The evaluator (form and context) the answers were evaluated with.
    public let evaluator: FormEvaluator
    /// The answers as given.
    public let answers: Answers
    /// ``FormEvaluator/normalized(_:)`` of ``answers``: calculations done, answers of
    /// non-relevant fields and unknown names dropped. What would be stored.
    public let normalized: Answers
    /// The user's roles, or nil to evaluate for a user who may see every field.
    public let roles: Set<Role>?
    /// Whether any field can be hidden from ``roles`` (false spares every path lookup).
    private let restricts: Bool

    /// Evaluates `answers` with `evaluator`, for a user holding `roles` (nil: every field is visible).
    public init(_ evaluator: FormEvaluator, answers: Answers, roles: Set<Role>? = nil) {
        self.evaluator = evaluator; self.answers = answers; self.roles = roles
        self.normalized = evaluator.normalized(answers)
        self.restricts = roles != nil && evaluator.form.hasRestrictedFields
    }

    /// Whether the user may see and answer the field at `path` (always true without ``roles``).
    public func isVisible(_ path: FieldPath) -> Bool {
        guard restricts, let roles else { return true }
        return evaluator.form.isVisible(path, to: roles)
    }

    /// Whether the field at `path` is asked, given the answers: its own `relevant` and that of
    /// every repeat group around it hold. Roles play no part (see ``isShown(_:)``).
    public func isRelevant(_ path: FieldPath) -> Bool { evaluator.isRelevant(path, normalized: normalized) }

    /// Whether the field at `path` is put to the user: visible to them and relevant.
    public func isShown(_ path: FieldPath) -> Bool { isVisible(path) && isRelevant(path) }

    /// Whether the user must answer the field at `path`: shown, an input field, and its `required` holds.
    public func isRequired(_ path: FieldPath) -> Bool {
        isVisible(path) && evaluator.isRequired(path, normalized: normalized)
    }

    /// Problems with the answer at `path` (empty when fine, not relevant or not visible to the user).
    public func issues(for path: FieldPath) -> [ValidationIssue] {
        guard isVisible(path) else { return [] }
        return evaluator.issues(for: path, normalized: normalized)
    }

    /// Every problem of the normalized answers in form order
    /// (``FormEvaluator/validate(normalized:)``), leaving out fields the user may not see.
    /// Unknown names and answers to notes were dropped by normalization and are not reported
    /// here; ``FormEvaluator/validate(_:)`` of the raw answers reports them.
    public var issues: [ValidationIssue] {
        let all = evaluator.validate(normalized: normalized)
        return restricts ? all.filter { isVisible($0.path) } : all
    }

    /// The normalized value at `path`: the answer, or a calculated field's computed value;
    /// nil when unanswered or not relevant.
    public func value(at path: FieldPath) -> Value? { normalized.value(at: path) }

    /// The choices offered for the select field at `path`: its list, or those its
    /// `choice_filter` keeps given the answers, in list order (``FormEvaluator/choices(for:in:)``).
    /// A choice not offered is refused by ``issues(for:)``, so a front end offers only these.
    public func choices(for path: FieldPath) -> [Choice] {
        guard let f = evaluator.form.field(at: path) else { return [] }
        return evaluator.choices(for: f, at: path, normalized: normalized)
    }

    /// The rows the repeat group at `path` must have given the answers: its `min_count` (at
    /// least 1 while required) and `max_count` (nil: no limit), constants or expressions
    /// (``FormEvaluator/instanceBounds(_:in:)``). What a front end uses to offer "add a row".
    public func rowBounds(_ path: FieldPath) -> (min: Int, max: Int?) {
        guard let f = evaluator.form.field(at: path), f.type == .repeatGroup else { return (0, nil) }
        return evaluator.bounds(f, at: path, normalized: normalized)
    }
}

extension FormEvaluator {
    /// The answers evaluated once, to ask many questions of (see ``FormEvaluation``).
    /// - Parameters:
    ///   - answers: the answers as given (a draft, what a user has typed so far).
    ///   - roles: the user's roles; fields restricted to other roles count as not shown. Nil: no user.
    public func evaluation(of answers: Answers, roles: Set<Role>? = nil) -> FormEvaluation {
        FormEvaluation(self, answers: answers, roles: roles)
    }
}
