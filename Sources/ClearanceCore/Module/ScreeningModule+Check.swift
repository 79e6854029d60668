// MARK: - The recording rules, as one function

extension ScreeningModule {
    /// The rules every write of answers goes through, in the save path's order: the form's own
    /// rules (``FormEvaluator/check(_:submitted:)``), then, for final answers that pass them,
    /// the module's ``validate(_:context:)``. Call ``derive(_:context:)`` on the returned answers
    /// when there is no issue. The recording pipeline and `clearance modules test` both use it,
    /// so a module behaves the same under test as when recorded.
    ///
    /// ```swift
    /// let checked = module.check(answers, context: context)
    /// if checked.issues.isEmpty { let codes = module.derive(checked.answers, context: context).resultCodes }
    /// ```
    /// - Parameters:
    ///   - submitted: the part of `answers` the user gave (a correction's changes); nil: all.
    ///   - final: false for a draft: only problems of fields that hold an answer count and the
    ///     module's own validation is not run.
    ///   - visible: whether the user may see a field; issues on other fields are left out (the
    ///     user cannot act on them), before the module's validation is decided on.
    public func check(_ answers: Answers, submitted: Answers? = nil, context: ModuleContext, final: Bool = true,
                      visible: (FieldPath) -> Bool = { _ in true }) -> FormCheck {
        var result = FormEvaluator(form: form, context: context).check(answers, submitted: submitted)
        var issues = result.issues.filter { visible($0.path) }
        if !final {
            issues = issues.filter { result.answers.value(at: $0.path) != nil }
        } else if issues.isEmpty {
            issues = validate(result.answers, context: context)
        }
        result.issues = issues
        return result
    }
}
