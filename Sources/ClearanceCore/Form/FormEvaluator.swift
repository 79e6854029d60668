import Foundation
/// Runs a form's rules (types, bounds, choices, required, relevant, constraint, calculate)
/// against answers. The single engine behind every front end and the save path.
///
/// Every question is answered from *normalized* answers: calculations worked out in dependency
/// order and answers of non-relevant fields dropped, so a chain of skip logic always agrees
/// with what will be stored.
///
/// Messages (issues) are in the context's language (``ModuleContext/language``), with the
/// form's texts falling back to English.
///
/// ```swift
/// let ev = FormEvaluator(form: form, context: ModuleContext(today: LocalDate("2026-03-01")!), language: "fr")
/// let checked = ev.check(answers)            // what gets stored, and every issue
/// checked.issues                             // [] when the answers can be saved
/// ```
public struct FormEvaluator: Sendable {
    public let form: FormSpec
    public let context: ModuleContext
    /// The language of messages: ``ModuleContext/language``.
    public var language: String { context.language }

    /// The fields with a `relevant` or a `calculate`, in dependency order: the only ones
    /// normalization has work for. Computed once per form (see ``CalculationOrderCache``).
    let calculationOrder: [(path: [String], field: Field)]

    /// - Parameter language: the language of messages, when not the context's (it is stored
    ///   in ``context``; nil keeps ``ModuleContext/language``).
    public init(form: FormSpec, context: ModuleContext, language: String? = nil) {
        var context = context
        if let language { context.language = language }
        self.form = form; self.context = context
        self.calculationOrder = CalculationOrderCache.shared.order(for: form)
    }

    /// This evaluator with messages in `language` (itself when that is its language already):
    /// for a front end whose user switches language while filling the form.
    public func inLanguage(_ language: String) -> FormEvaluator {
        language == self.language ? self : FormEvaluator(form: form, context: context, language: language)
    }

    /// Checks answers given by a user, as the save path does: normalizes them once and
    /// finds every problem, including names the form does not have, answers to notes and a
    /// submitted value of a calculated field that differs from the computed one (refused,
    /// naming the field).
    ///
    /// ```swift
    /// let checked = ev.check(stored.merging(changes), submitted: changes)   // a correction
    /// guard checked.issues.isEmpty else { throw ... }
    /// save(checked.answers)
    /// ```
    /// - Parameters:
    ///   - answers: all the answers (for a correction: the stored ones with the changes applied).
    ///   - submitted: the part the user gave, when not all of `answers`; calculated values
    ///     outside it (stored with an earlier version of the other answers) are worked out again
    ///     silently. Nil: all of `answers` was submitted.
    public func check(_ answers: Answers, submitted: Answers? = nil) -> FormCheck {
        let normalized = normalize(answers)
        return FormCheck(answers: normalized, issues: validateAll(answers, normalized: normalized, submitted: submitted ?? answers))
    }

    /// The rows the repeat group at `path` must have given the other answers: its `min_count`
    /// (at least 1 while it is required) and `max_count` (nil: no limit), whether constants
    /// or expressions. What a front end uses to offer "add a row".
    public func instanceBounds(_ path: FieldPath, in answers: Answers) -> (min: Int, max: Int?) {
        guard let f = form.field(at: path), f.type == .repeatGroup else { return (0, nil) }
        return bounds(f, at: path, normalized: normalize(answers))
    }

    /// The choices offered for the select field at `path` given the other answers: all of its
    /// list, or those its `choice_filter` keeps, in list order. Empty for other fields.
    public func choices(for path: FieldPath, in answers: Answers) -> [Choice] {
        guard let f = form.field(at: path) else { return [] }
        return choices(for: f, at: path, normalized: normalize(answers))
    }

    /// The answers with calculated fields computed and answers of non-relevant fields removed:
    /// what gets validated and stored. Unknown names and answers to notes are dropped too
    /// (``validate(_:)`` reports them).
    public func normalized(_ answers: Answers) -> Answers { normalize(answers) }

    /// Whether the field at `path` is asked, given the other answers: its own `relevant` and
    /// that of every repeat group around it hold. False for a path the form does not have.
    public func isRelevant(_ path: FieldPath, in answers: Answers) -> Bool {
        isRelevant(path, normalized: normalize(answers))
    }

    /// Whether the field at `path` must be answered, given the other answers: it is relevant,
    /// holds an answer (not a note, not calculated) and its `required` holds.
    public func isRequired(_ path: FieldPath, in answers: Answers) -> Bool {
        isRequired(path, normalized: normalize(answers))
    }

    /// Problems with one field's answer: type, bounds and step, choice values, constraint,
    /// missing while required, instance count of a repeat. Empty when the field is fine or not relevant.
    public func issues(for path: FieldPath, in answers: Answers) -> [ValidationIssue] {
        issues(for: path, normalized: normalize(answers))
    }

    /// Every problem in the whole form, in form order; also unknown field names, answers to
    /// notes and answers to calculated fields that differ from the computed value
    /// (``check(_:submitted:)``'s issues).
    public func validate(_ answers: Answers) -> [ValidationIssue] { validateAll(answers) }

    /// ``validate(_:)`` for answers that already went through ``normalized(_:)``: the same
    /// issues, without normalizing a second time (the save path validates what it will store).
    public func validate(normalized answers: Answers) -> [ValidationIssue] { validateAll(answers, normalized: answers) }

    /// Evaluates an expression. `current` is the value `.` stands for; `scope` is the path of
    /// the repeat instance whose sibling fields `${name}` may name (nil at top level).
    /// - Returns: the value, or nil when it is empty (see `docs/FORMS.md`, "empty").
    public func evaluate(_ expression: Expression, in answers: Answers, current: Value? = nil,
                         scope: FieldPath? = nil) -> Value? {
        eval(expression.root, answers, current: current, scope: scope)
    }

    /// Whether a condition holds: true only for a `true` (or yes) value; false, empty and
    /// anything else count as false.
    public func holds(_ expression: Expression, in answers: Answers, current: Value? = nil, scope: FieldPath? = nil) -> Bool {
        evaluate(expression, in: answers, current: current, scope: scope)?.bool == true
    }
}

/// Answers as they will be stored (normalized), and every problem with them.
public struct FormCheck: Hashable, Sendable {
    /// Calculations worked out, answers of non-relevant fields dropped.
    public var answers: Answers
    /// Every problem, in form order (empty: the answers can be saved).
    public var issues: [ValidationIssue]
    public init(answers: Answers, issues: [ValidationIssue]) { self.answers = answers; self.issues = issues }
}

/// Each form's calculation order, computed once per process (forms are frozen after load).
final class CalculationOrderCache: @unchecked Sendable {
    static let shared = CalculationOrderCache()
    private let lock = NSLock()
    private var orders: [String: [(path: [String], field: Field)]] = [:]

    /// The form's fields that have a `relevant` or a `calculate`, in dependency order.
    func order(for form: FormSpec) -> [(path: [String], field: Field)] {
        // Keyed by the source's SHA-256 (worked out once per form): two forms with the same
        // text have the same graph. Hashing the source text itself cost more than a validation.
        let key = form.source.isEmpty ? nil : form.hash
        if let key { lock.lock(); defer { lock.unlock() }; if let o = orders[key] { return o } }
        let order = FormGraph(form: form).order.compactMap { def -> (path: [String], field: Field)? in
            guard let f = form.definition(def), f.relevant != nil || f.calculate != nil else { return nil }
            return (def, f)
        }
        if let key { lock.lock(); orders[key] = order; lock.unlock() }
        return order
    }
}
