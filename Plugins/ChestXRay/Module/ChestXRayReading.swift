import ClearanceCore

/// The facts the chest X-ray rules need, read once from the answers (total: a missing or
/// ill-typed answer reads as "not said").
struct ChestXRayReading {
    struct Finding {
        var index: Int
        var value: String?
        var costophrenicAngle: Bool
        var remarks: String?
    }

    var notDone: Bool
    var impression: String?
    var views: [String]
    var xrayDate: LocalDate?
    var findings: [Finding]

    init(_ answers: Answers) {
        notDone = answers[CXRField.acquisition]?.string == "not_done"
        impression = answers[CXRField.impression]?.string
        views = answers[CXRField.views]?.selections ?? []
        xrayDate = answers[CXRField.xrayDate]?.date
        findings = (answers[CXRField.findings]?.instances ?? []).enumerated().map { i, f in
            Finding(index: i + 1, value: f[CXRField.Finding.finding]?.string,
                    costophrenicAngle: f[CXRField.Finding.costophrenicAngle]?.bool == true,
                    remarks: f[CXRField.Finding.remarks]?.string)
        }
    }

    /// The path of a sub-field of finding `index` (1-based): `findings[2].remarks`.
    static func path(_ index: Int, _ field: String) -> FieldPath {
        FieldPath([.init(name: CXRField.findings, index: index), .init(name: field)])
    }
}
