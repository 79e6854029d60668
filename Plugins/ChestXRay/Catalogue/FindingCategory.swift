/// What a chest X-ray finding calls for, from most to least serious.
public enum FindingCategory: String, CaseIterable, Comparable, Sendable {
    /// Suggests TB: sputum smears and cultures are needed (`CXR-TB-SUGGESTIVE`).
    case tbSuggestive = "tb_suggestive"
    /// A non-TB abnormality needing follow-up, no smears and cultures (`CXR-ABN-FOLLOWUP`).
    case followUp = "followup"
    /// Recorded, no action needed (`CXR-ABN-NOACTION`).
    case noAction = "no_action"

    /// The rule pack parameter whose list puts findings in this category.
    public var parameterName: String {
        switch self {
        case .tbSuggestive: return "catalogue_tb_suggestive"
        case .followUp: return "catalogue_followup"
        case .noAction: return "catalogue_no_action"
        }
    }

    /// The overall code of a film whose most serious finding is in this category.
    public var result: CXRResult {
        switch self {
        case .tbSuggestive: return .tbSuggestive
        case .followUp: return .abnormalFollowUp
        case .noAction: return .abnormalNoAction
        }
    }

    /// More serious first: `tbSuggestive < followUp < noAction`.
    public static func < (a: FindingCategory, b: FindingCategory) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
