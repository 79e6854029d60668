import ClearanceCore

extension TBScreeningModule {
    /// Classifies the screening (US panel TB classes); several codes may hold at once.
    ///
    /// In order of precedence:
    /// - `TB-B0` when treatment was given under the clinic, directly observed and completed,
    ///   and no specimen collected after completion is positive; otherwise
    ///   `TB-A` for a positive smear, NAAT or culture (M. tuberculosis complex), or a clinical
    ///   diagnosis.
    /// - `TB-PENDING` (and `pending: true`) while any culture is pending or contaminated, or
    ///   sputum is required and fewer than three specimens are recorded.
    /// - Without A or B0: `TB-B1-EXTRA` for extrapulmonary evidence; `TB-B1-PULM` when sputum
    ///   was required and the complete series is negative, or for past TB with treatment
    ///   completed (not while pending); `TB-B2` for a positive IGRA or a TST at or above the
    ///   threshold (10 mm, 5 mm for a contact) when nothing else is found and nothing is
    ///   pending; `TB-B3` for a recent contact.
    /// - `TB-NONE` when no other code holds.
    ///
    /// Values: `sputum_required` (bool), `specimen_count`, `cultures_pending` (integers),
    /// `immune_test_required` (bool), and `tst_threshold_mm` when a TST was read.
    ///
    /// - Parameters:
    ///   - answers: answers that passed the form's rules and ``validate(_:context:)``.
    ///   - context: the chest X-ray result (`caseResults["cxr"]`), the person and the
    ///     rule pack parameters (see ``TBParameters``).
    /// - Returns: the codes in manifest order, the computed values and the pending flag.
    public func derive(_ answers: Answers, context: ModuleContext) -> Derivation {
        let a = TBAssessment(answers, context: context)
        let parameters = TBParameters(context.parameters)
        var codes: Set<TBResult> = []

        let relapseAfterTreatment = a.dotCompletedOn.map { done in
            a.specimens.contains { s in s.bacteriologicallyPositive && (s.collectionDate.map { $0 > done } ?? true) }
        } ?? false
        let disease = a.clinicalDiagnosis || a.specimens.contains(where: \.bacteriologicallyPositive)
        if a.dotCompletedOn != nil && !relapseAfterTreatment {
            codes.insert(.classB0)
        } else if disease {
            codes.insert(.classA)
        }

        let outstanding = a.specimens.contains { $0.culturePending || $0.culture == "contaminated" }
            || (a.sputumRequired && a.specimens.count < TBAssessment.requiredSpecimenCount)
        if codes.isEmpty {
            if a.extrapulmonary { codes.insert(.classB1Extrapulmonary) }
            if !outstanding && ((a.sputumRequired && !a.specimens.isEmpty) || a.pastTBTreated) {
                codes.insert(.classB1Pulmonary)
            }
            if !outstanding && codes.isEmpty && (a.igraPositive || a.tstPositive(parameters)) {
                codes.insert(.classB2)
            }
            if a.contact { codes.insert(.classB3) }
        }
        if outstanding { codes.insert(.pending) }
        if codes.isEmpty { codes.insert(.none) }

        var values: [String: Value] = [
            "sputum_required": .bool(a.sputumRequired),
            "specimen_count": .integer(a.specimens.count),
            "cultures_pending": .integer(a.culturesPending),
            "immune_test_required": .bool(parameters.immuneTestRequired(for: context.person, on: context.today)),
        ]
        if a.immuneTest == "tst" { values["tst_threshold_mm"] = .integer(a.tstThreshold(parameters)) }

        return Derivation(resultCodes: TBResult.allCases.filter(codes.contains).map(\.code),
                          values: values, pending: outstanding)
    }
}
