import ClearanceCore

extension AudiometryModule {
    /// Rules beyond the form's own: calibration age, quiet period before a baseline, and
    /// flags that name a threshold with no value.
    ///
    /// - The calibration date is on or before the test date and at most
    ///   `calibration_max_months` (12) months before it.
    /// - A baseline test needs at least `quiet_hours_min` (14) hours since the last noise
    ///   exposure.
    /// - A threshold listed as masked or no response must have a value (for no response, the
    ///   maximum level presented).
    /// - Returns: one issue per problem, naming the field and what to do.
    public func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue] {
        let p = Parameters(context.parameters)
        var issues: [ValidationIssue] = []
        let tested = answers[FieldName.testDate]?.date
        if let tested, let calibrated = answers[FieldName.calibrationDate]?.date {
            let oldest = tested.adding(months: -p.calibrationMaxMonths)
            if calibrated > tested {
                issues.append(ValidationIssue(field: FieldName.calibrationDate, message:
                    "the calibration date \(calibrated) is after the test date \(tested): correct one of the two dates"))
            } else if calibrated < oldest {
                issues.append(ValidationIssue(field: FieldName.calibrationDate, message:
                    "the audiometer was calibrated on \(calibrated), more than \(p.calibrationMaxMonths) months "
                    + "before the test date \(tested) (oldest allowed \(oldest)): have it recalibrated, then test again"))
            }
        }
        if answers[FieldName.testType]?.string == "baseline",
           let hours = answers[FieldName.hoursSinceNoise]?.number, hours < Double(p.quietHoursMin) {
            issues.append(ValidationIssue(field: FieldName.hoursSinceNoise, message:
                "a baseline test needs at least \(p.quietHoursMin) hours without noise exposure "
                + "(\(Int(hours)) recorded): test again later, or record it as a monitoring test"))
        }
        for ear in Ear.allCases {
            for flagField in [AudiogramPoint.maskedField(ear), AudiogramPoint.noResponseField(ear)] {
                for flag in answers[flagField]?.selections ?? [] {
                    let field = "\(ear.rawValue)_\(flag)"
                    if answers[field] == nil {
                        issues.append(ValidationIssue(field: flagField, message:
                            "\(flag) is flagged but \(field) has no value: enter the threshold "
                            + "(for no response, the maximum level presented) or remove the flag"))
                    }
                }
            }
        }
        return issues
    }
}
