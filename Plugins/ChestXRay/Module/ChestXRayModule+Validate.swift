import ClearanceCore

extension ChestXRayModule {
    /// Checks the reading's cross-field rules.
    ///
    /// - A normal impression excludes every finding; an abnormal one needs at least one.
    /// - A finding "other" needs remarks.
    /// - Smooth pleural thickening at the costophrenic angle needs a lateral or decubitus view
    ///   (to exclude an effusion).
    ///
    /// - Parameters:
    ///   - answers: answers that already passed the form's own rules.
    ///   - context: unused by these rules.
    /// - Returns: one issue per problem, naming the field and what to do; empty when valid.
    public func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue] {
        let r = ChestXRayReading(answers)
        guard !r.notDone else { return [] }
        var issues: [ValidationIssue] = []
        if r.impression == "normal" && !r.findings.isEmpty {
            issues.append(ValidationIssue(field: CXRField.impression, message:
                "The impression is Normal but \(r.findings.count) finding(s) are recorded: "
                + "remove the findings or choose Abnormal."))
        }
        if r.impression == "abnormal" && r.findings.isEmpty {
            issues.append(ValidationIssue(field: CXRField.findings, message:
                "The impression is Abnormal but no finding is recorded: add the findings or choose Normal."))
        }
        let lateralView = r.views.contains("lateral") || r.views.contains("decubitus")
        for f in r.findings {
            if f.value == "other" && (f.remarks ?? "").allSatisfy(\.isWhitespace) {
                issues.append(ValidationIssue(path: ChestXRayReading.path(f.index, CXRField.Finding.remarks), message:
                    "Finding \(f.index) is Other: describe it in the remarks."))
            }
            if f.value == "smooth_pleural_thickening" && f.costophrenicAngle && !lateralView {
                issues.append(ValidationIssue(path: ChestXRayReading.path(f.index, CXRField.Finding.costophrenicAngle),
                    message: "Finding \(f.index): smooth pleural thickening at the costophrenic angle needs a lateral "
                        + "or decubitus view to exclude effusion: take one and tick it under the views taken."))
            }
        }
        return issues
    }
}
