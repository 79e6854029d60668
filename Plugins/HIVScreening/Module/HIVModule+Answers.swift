import ClearanceCore

/// Reading the HIV form's answers and the rule pack's parameters.
extension HIVModule {
    /// The consent answer: true (yes), false (no) or nil (unanswered).
    func consent(in answers: Answers) -> Bool? {
        answers[FieldName.consent]?.bool
    }

    /// The assays A1...A3 as recorded; an answer that is not a known result reads as not run.
    func assays(in answers: Answers) -> [HIVAssay] {
        FieldName.assayPositions.map { position in
            HIVAssay(position: position,
                     result: assayResult(answers[FieldName.result(position)]),
                     repeatResult: assayResult(answers[FieldName.repeatResult(position)]),
                     retestResult: position == 1 ? assayResult(answers[FieldName.retestResult]) : nil)
        }
    }

    private func assayResult(_ value: Value?) -> HIVAssayResult? {
        value?.string.flatMap(HIVAssayResult.init(rawValue:))
    }

    /// The rule pack's algorithm id (`hiv_algorithm`), or the default.
    func algorithmID(_ context: ModuleContext) -> String {
        context.parameters["hiv_algorithm"]?.string ?? HIVAlgorithms.defaultID
    }

    /// Days from the test date to the retest of an inconclusive result (`hiv_retest_days`, 14).
    func retestDays(_ context: ModuleContext) -> Int {
        guard let n = context.parameters["hiv_retest_days"]?.number, n >= 1, n <= 365 else { return 14 }
        return Int(n)
    }
}
