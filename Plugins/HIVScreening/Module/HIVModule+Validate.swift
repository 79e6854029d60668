import ClearanceCore

extension HIVModule {
    /// Rules beyond the form's own: consent, the assay sequence, kit expiry, post-test
    /// counselling and the rule pack's algorithm.
    ///
    /// - Consent no: every assay answer (and the test date) is rejected — testing without
    ///   consent is never acceptable, whatever reached the save path (JSON import included).
    /// - An assay is answered only where the algorithm asks for it: A2 after a reactive A1,
    ///   A3 after a reactive A2, a repeat only after an invalid reading.
    /// - A kit must not have expired before the test date.
    /// - A positive or inconclusive result is final only after post-test counselling.
    /// - The rule pack's `hiv_algorithm` must name an algorithm this build knows.
    /// - Returns: one issue per problem, naming the field and what to do.
    public func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue] {
        if consent(in: answers) == false { return withoutConsentIssues(answers) }
        var issues: [ValidationIssue] = []
        let id = algorithmID(context)
        guard let algorithm = HIVAlgorithms.named(id) else {
            let known = HIVAlgorithms.all.map(\.id).joined(separator: ", ")
            return [ValidationIssue(field: "hiv_algorithm", message:
                "the programme's rule pack names HIV testing algorithm '\(id)', which this version does not know "
                + "(known: \(known)); correct the rule pack's hiv_algorithm parameter")]
        }
        issues += sequenceIssues(answers)
        issues += kitExpiryIssues(answers)
        if answers[FieldName.retestResult] != nil, !algorithm.retestsA1AfterDiscordance {
            issues.append(ValidationIssue(field: FieldName.retestResult, message:
                "the programme's HIV algorithm \(algorithm.id) does not repeat A1 after a non-reactive A2 "
                + "(the result is inconclusive, retest in \(retestDays(context)) days): remove the A1 retest result"))
        }
        switch algorithm.classify(assays(in: answers)) {
        case .positive, .inconclusive:
            if answers[FieldName.postTestDone]?.bool != true {
                issues.append(ValidationIssue(field: FieldName.postTestDone, message:
                    "a reactive or inconclusive result is final only after post-test counselling; "
                    + "counsel the client and answer yes, or keep the encounter as a draft"))
            }
        case .incomplete(let position, let isRepeat):
            let field = isRepeat ? FieldName.repeatResult(position) : FieldName.result(position)
            let what = isRepeat ? "A\(position) was invalid: repeat it and record the repeat's result"
                                : "the algorithm needs A\(position): run it and record its result"
            issues.append(ValidationIssue(field: field, message: what))
        case .retestNeeded(let position):
            issues.append(ValidationIssue(field: FieldName.retestResult, message:
                "A\(position) was reactive and A\(position + 1) non-reactive: under \(algorithm.id) repeat A\(position) and record the repeat's result"))
        case .negative, .notTested:
            break
        }
        return issues
    }

    /// Consent refused: any assay answer or test date is an error.
    private func withoutConsentIssues(_ answers: Answers) -> [ValidationIssue] {
        let fields = [FieldName.testDate] + FieldName.assayPositions.flatMap(FieldName.assayFields)
        return fields.filter { answers[$0] != nil }.map {
            ValidationIssue(field: $0, message:
                "consent is 'no', so no HIV test may be recorded: remove this answer, "
                + "or correct the consent answer if the client did consent")
        }
    }

    /// Assays answered where the algorithm does not ask for them.
    private func sequenceIssues(_ answers: Answers) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let recorded = assays(in: answers)
        for assay in recorded {
            let p = assay.position
            if assay.result != .invalid, answers[FieldName.repeatResult(p)] != nil {
                issues.append(ValidationIssue(field: FieldName.repeatResult(p), message:
                    "A\(p) is repeated only when its first result is invalid: remove the repeat result"))
            }
            guard p > 1 else { continue }
            let previous = recorded[p - 2].effectiveResult
            let answered = FieldName.assayFields(p).filter { answers[$0] != nil }
            if previous != .resolved(.reactive), let first = answered.first {
                issues.append(ValidationIssue(field: first, message:
                    "A\(p) is run only after a reactive A\(p - 1): remove the A\(p) answers "
                    + "or correct the A\(p - 1) result"))
            }
        }
        return issues
    }

    /// Kits that expired before the test date.
    private func kitExpiryIssues(_ answers: Answers) -> [ValidationIssue] {
        guard let tested = answers[FieldName.testDate]?.date else { return [] }
        return FieldName.assayPositions.compactMap { p in
            guard let expiry = answers[FieldName.kitExpiry(p)]?.date, expiry < tested else { return nil }
            return ValidationIssue(field: FieldName.kitExpiry(p), message:
                "the A\(p) kit expired on \(expiry), before the test date \(tested): "
                + "a result from an expired kit is not valid; repeat the test with an in-date kit")
        }
    }
}
