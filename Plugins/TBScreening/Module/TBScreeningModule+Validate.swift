import ClearanceCore

extension TBScreeningModule {
    /// Checks the rules the form language cannot express.
    ///
    /// - Sputum required (X-ray `CXR-TB-SUGGESTIVE`, any symptom yes, or HIV known positive on
    ///   the worksheet or by the case's `HIV-POS`): three specimens. A reason coming from HIV,
    ///   either way, reads "the medical officer requires them": whoever corrects the worksheet
    ///   later (a clerk) may not read HIV status, so the message never names it.
    /// - Specimens collected on different days (always).
    /// - A TST or IGRA for a child in the rule pack's age range from a high-incidence country
    ///   (see ``TBParameters``).
    /// - Extrapulmonary evidence names its anatomic site.
    /// - Year of previous TB neither in the future nor before the year of birth.
    ///
    /// - Parameters:
    ///   - answers: answers that already passed the form's own rules.
    ///   - context: the case's other results, the person and the rule pack parameters.
    /// - Returns: one issue per problem, naming the field and what to do; empty when valid.
    public func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue] {
        let a = TBAssessment(answers, context: context)
        let parameters = TBParameters(context.parameters)
        var issues: [ValidationIssue] = []

        if a.sputumRequired && a.specimens.count < TBAssessment.requiredSpecimenCount {
            var reasons: [String] = []
            if a.cxrSuggestive { reasons.append("the chest X-ray suggests TB") }
            if a.anySymptom { reasons.append("a TB symptom is reported") }
            // HIV status is confidential (the worksheet's field and the case's own result alike):
            // the reason is named only as the medical officer's (section 2 of the reference).
            if a.hivPositive { reasons.append("the medical officer requires them") }
            issues.append(ValidationIssue(field: TBField.specimens, message:
                "\(TBAssessment.requiredSpecimenCount) sputum specimens are required because "
                + reasons.joined(separator: " and ") + "; \(a.specimens.count) recorded. "
                + "Add the missing specimens, each collected on a different day."))
        }

        var firstOnDay: [LocalDate: Int] = [:]
        for s in a.specimens {
            guard let day = s.collectionDate else { continue }
            if let earlier = firstOnDay[day] {
                issues.append(ValidationIssue(
                    path: FieldPath([.init(name: TBField.specimens, index: s.index),
                                     .init(name: TBField.Specimen.collectionDate)]),
                    message: "Specimen \(s.index) was collected on \(day), the same day as specimen \(earlier); "
                        + "each specimen must be collected on a different day: correct the date or collect another specimen."))
            } else {
                firstOnDay[day] = s.index
            }
        }

        if parameters.immuneTestRequired(for: context.person, on: context.today),
           a.immuneTest == nil || a.immuneTest == "not_done", let person = context.person {
            issues.append(ValidationIssue(field: TBField.immuneTest, message:
                "A TST or IGRA is required for children aged \(parameters.immuneTestMinAge)-\(parameters.immuneTestMaxAge) "
                + "from a high-incidence country (age \(person.age(on: context.today)), nationality \(person.nationality)): "
                + "record the test and its result."))
        }

        if a.extrapulmonary && answers[TBField.extrapulmonarySite]?.string == nil {
            issues.append(ValidationIssue(field: TBField.extrapulmonarySite, message:
                "Extrapulmonary TB evidence needs its anatomic site: choose the site."))
        }

        return issues
    }
}
