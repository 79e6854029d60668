import Foundation
/// Runs a form's rules (types, bounds, choices, required, relevant, constraint, calculate)
/// against answers. The single engine behind every front end and the save path.
///
/// Every question is answered from *normalized* answers: calculations worked out in dependency
/// order and answers of non-relevant fields dropped, so a chain of skip logic always agrees
/// with what will be stored.
///
/// ```swift
/// let ev = FormEvaluator(form: form, context: ModuleContext(today: LocalDate("2026-03-01")!))
/// let issues = ev.validate(answers)          // [] when the answers can be saved
/// let stored = ev.normalized(answers)        // what gets stored
/// ```
public struct FormEvaluator: Sendable {
    public let form: FormSpec
    public let context: ModuleContext

    /// The fields with a `relevant` or a `calculate`, in dependency order: the only ones
    /// normalization has work for. Computed once per form (see ``CalculationOrderCache``).
    let calculationOrder: [(path: [String], field: Field)]

    public init(form: FormSpec, context: ModuleContext) {
        self.form = form; self.context = context
        self.calculationOrder = CalculationOrderCache.shared.order(for: form)
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
    /// notes and answers to calculated fields that differ from the computed value.
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
