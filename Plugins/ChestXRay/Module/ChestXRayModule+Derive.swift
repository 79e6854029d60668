import ClearanceCore

extension ChestXRayModule {
    /// The overall code of the film, and the findings sorted by category.
    ///
    /// `CXR-NOT-DONE` when not done (or never read); `CXR-NORMAL` for a normal impression;
    /// for an abnormal one, the code of the most serious finding's category (an abnormal film
    /// with no finding reads as `CXR-ABN-FOLLOWUP`). Categories come from
    /// ``FindingCatalogue`` with the rule pack's parameters.
    ///
    /// Values: `xray_date` (date, when taken), and `tb_suggestive_findings`,
    /// `followup_findings`, `no_action_findings` (choice lists, when not empty).
    ///
    /// - Parameters:
    ///   - answers: answers that passed the form's rules and ``validate(_:context:)``.
    ///   - context: the rule pack parameters (`catalogue_*`).
    /// - Returns: exactly one code; never pending.
    public func derive(_ answers: Answers, context: ModuleContext) -> Derivation {
        let r = ChestXRayReading(answers)
        var values: [String: Value] = [:]
        if !r.notDone, let date = r.xrayDate { values["xray_date"] = .date(date) }

        let result: CXRResult
        if r.notDone {
            result = .notDone
        } else if r.impression == "normal" {
            result = .normal
        } else if r.impression == "abnormal" {
            let catalogue = FindingCatalogue(parameters: context.parameters)
            var byCategory: [FindingCategory: [String]] = [:]
            for f in r.findings {
                guard let v = f.value else { continue }
                let c = catalogue.category(of: v)
                if !(byCategory[c] ?? []).contains(v) { byCategory[c, default: []].append(v) }
            }
            for (category, list) in byCategory {
                values["\(category.rawValue)_findings"] = .choices(list)
            }
            result = byCategory.keys.min()?.result ?? .abnormalFollowUp
        } else {
            result = .notDone
        }
        return Derivation(resultCodes: [result.code], values: values, pending: false)
    }

    /// The certificate line: "Chest X-ray", dated by the X-ray date, which is also the
    /// validity anchor; "not done" (no anchor) when the X-ray was not taken.
    /// - Parameters:
    ///   - answers: the encounter's answers.
    ///   - derivation: its derivation.
    ///   - recordedOn: the day it was recorded, used when no X-ray date is known.
    public func certificateEntry(_ answers: Answers, derivation: Derivation, recordedOn: LocalDate) -> CertificateEntry? {
        let r = ChestXRayReading(answers)
        let done = !r.notDone && !derivation.resultCodes.contains(CXRResult.notDone.code)
        return CertificateEntry(test: manifest.title.en, date: (done ? r.xrayDate : nil) ?? recordedOn,
                                done: done, anchorDate: done ? r.xrayDate : nil)
    }
}
