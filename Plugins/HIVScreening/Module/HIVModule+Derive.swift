import ClearanceCore

extension HIVModule {
    /// The HIV status code and the values stored with it.
    ///
    /// - consent no: `HIV-DECLINED` (no algorithm is applied).
    /// - consent yes: the rule pack's algorithm classifies the assays; its id and version are
    ///   stored as `hiv_algorithm_id` / `hiv_algorithm_version`. No assay: `HIV-NOT-TESTED`.
    ///   Inconclusive: `HIV-INCONCLUSIVE`, `retest_date` = test date (or today) +
    ///   `hiv_retest_days` (14), and `inconclusive_reason`.
    /// - `pending` is true while an assay the algorithm needs is missing (`next_assay` names it),
    ///   while a positive or inconclusive result has not had post-test counselling, and when the
    ///   rule pack names an unknown algorithm (``validate(_:context:)`` reports that).
    /// - Parameters:
    ///   - answers: the encounter's answers.
    ///   - context: the recording date and the rule-pack parameters.
    /// - Returns: at most one status code, with the derived values.
    public func derive(_ answers: Answers, context: ModuleContext) -> Derivation {
        switch consent(in: answers) {
        case false?:
            return Derivation(resultCodes: [Code.declined])
        case nil:
            return Derivation(resultCodes: [Code.notTested])
        case true?:
            break
        }
        guard let algorithm = HIVAlgorithms.named(algorithmID(context)) else {
            return Derivation(resultCodes: [], pending: true)
        }
        var values: [String: Value] = [
            DerivedName.algorithmID: .text(algorithm.id),
            DerivedName.algorithmVersion: .text(algorithm.version.description),
        ]
        let counselled = answers[FieldName.postTestDone]?.bool == true
        switch algorithm.classify(assays(in: answers)) {
        case .notTested:
            return Derivation(resultCodes: [Code.notTested], values: values)
        case .negative:
            return Derivation(resultCodes: [Code.negative], values: values)
        case .positive:
            return Derivation(resultCodes: [Code.positive], values: values, pending: !counselled)
        case .inconclusive(let reason):
            let tested = answers[FieldName.testDate]?.date ?? context.today
            values[DerivedName.retestDate] = .date(tested.adding(days: retestDays(context)))
            values[DerivedName.inconclusiveReason] = .text(reason)
            return Derivation(resultCodes: [Code.inconclusive], values: values, pending: !counselled)
        case .incomplete(let position, let isRepeat):
            values[DerivedName.nextAssay] = .text(isRepeat ? "A\(position) repeat" : "A\(position)")
            return Derivation(resultCodes: [], values: values, pending: true)
        case .retestNeeded(let position):
            values[DerivedName.nextAssay] = .text("A\(position) retest")
            return Derivation(resultCodes: [], values: values, pending: true)
        }
    }
}
