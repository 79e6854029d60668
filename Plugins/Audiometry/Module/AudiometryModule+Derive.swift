import ClearanceCore

extension AudiometryModule {
    /// The grade code of the better ear and the flag codes, with the computed values.
    ///
    /// Codes, in order: one of `AUD-NORMAL` ... `AUD-COMPLETE` (when both ears or one ear has
    /// its four PTA frequencies), then `AUD-UNILATERAL`, `AUD-CONDUCTIVE`, `AUD-STS` as they hold.
    ///
    /// Values (decimals rounded to 0.01 dB): `right_pta4`, `left_pta4`,
    /// `right_pta4_no_response` / `left_pta4_no_response` (true when the average includes a
    /// no-response level, so the real average is higher), `better_ear` (`right`, `left` or
    /// `equal`), `better_pta4`, `grade` (`normal` ... `complete`), `right_hfa` / `left_hfa`
    /// (2-3-4 kHz air average), `right_abg_500` ... (air-bone gap per frequency), and with a
    /// baseline `right_sts_shift` / `left_sts_shift`.
    /// - Parameters:
    ///   - answers: the encounter's answers.
    ///   - context: the baseline audiogram and the rule-pack parameters.
    public func derive(_ answers: Answers, context: ModuleContext) -> Derivation {
        let p = Parameters(context.parameters)
        let h = HearingAssessment(audiogram: Audiogram(answers: answers),
                                  baseline: context.baseline.map(Audiogram.init(answers:)),
                                  conductiveGapDB: p.conductiveGapDB, shiftDB: p.shiftDB)
        var values: [String: Value] = [:]
        func decimal(_ d: Double) -> Value { .decimal((d * 100).rounded() / 100) }
        for ear in Ear.allCases {
            let e = ear.rawValue
            if let pta = h.pta4[ear] { values["\(e)_pta4"] = decimal(pta) }
            if h.pta4IncludesNoResponse.contains(ear) { values["\(e)_pta4_no_response"] = .bool(true) }
            if let hfa = h.highFrequencyAverage[ear] { values["\(e)_hfa"] = decimal(hfa) }
            if let shift = h.thresholdShift[ear] { values["\(e)_sts_shift"] = decimal(shift) }
            for (hz, gap) in h.airBoneGap[ear] ?? [:] { values["\(e)_abg_\(hz)"] = .integer(gap) }
        }
        var codes: [String] = []
        if let grade = h.grade, let better = h.betterPTA4 {
            codes.append(grade.code)
            values["grade"] = .text(grade.rawValue)
            values["better_pta4"] = decimal(better)
            if h.pta4.count == 2 { values["better_ear"] = .text(h.betterEar?.rawValue ?? "equal") }
        }
        if h.unilateral { codes.append(Code.unilateral) }
        if h.conductive { codes.append(Code.conductive) }
        if h.standardThresholdShift { codes.append(Code.thresholdShift) }
        return Derivation(resultCodes: codes, values: values)
    }
}
