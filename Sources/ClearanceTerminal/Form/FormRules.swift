import ClearanceCore

/// The rules a form front end asks about while the user types: which fields are asked,
/// which are required, what is wrong with an answer.
///
/// ``FormEvaluator`` is the implementation every front end uses, so the terminal form, the
/// line prompts and the save path agree. The protocol exists so the core can be driven in
/// isolation (benchmarks, tests of the front end alone).
public protocol FormRules: Sendable {
    /// Whether the field at `path` is asked, given the other answers.
    func isRelevant(_ path: FieldPath, in answers: Answers) -> Bool
    /// Whether the field at `path` must be answered, given the other answers.
    func isRequired(_ path: FieldPath, in answers: Answers) -> Bool
    /// Problems with one field's answer (empty when fine or not relevant).
    func issues(for path: FieldPath, in answers: Answers) -> [ValidationIssue]
    /// Every problem in the whole form, in form order.
    func validate(_ answers: Answers) -> [ValidationIssue]
    /// Answers with calculated fields computed and non-relevant answers dropped.
    func normalized(_ answers: Answers) -> Answers
}

extension FormEvaluator: FormRules {}
