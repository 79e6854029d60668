import ClearanceCore

/// Which category each chest X-ray finding (a choice value of the `findings` list in
/// `Forms/cxr.yaml`) falls in: the default table, overridable by the programme rule pack.
///
/// Rule pack parameters (each a choice list of finding values; all optional):
/// `catalogue_tb_suggestive`, `catalogue_followup`, `catalogue_no_action`. A finding listed in
/// a parameter takes that category, whatever the default table says; listed in several, the
/// most serious wins. A finding in neither the parameters nor the default table (a value
/// a newer form added) counts as suggesting TB, so it is never silently cleared.
///
/// ```swift
/// // Gulf labour programmes: a calcified nodule counts like a TB finding.
/// let gulf = FindingCatalogue(parameters: ["catalogue_tb_suggestive": .choices(["calcified_nodule"])])
/// gulf.category(of: "calcified_nodule")   // .tbSuggestive
/// ```
public struct FindingCatalogue: Hashable, Sendable {
    /// Categories set by the rule pack, overriding ``defaultTable``.
    public var overrides: [String: FindingCategory]

    /// Builds the catalogue of a rule pack.
    /// - Parameter parameters: the rule pack's parameters for the `cxr` module.
    public init(parameters: [String: Value] = [:]) {
        var overrides: [String: FindingCategory] = [:]
        // Least serious first, so a finding listed twice keeps the more serious category.
        for category in FindingCategory.allCases.reversed() {
            for value in parameters[category.parameterName].findingList { overrides[value] = category }
        }
        self.overrides = overrides
    }

    /// The category of a finding value.
    public func category(of finding: String) -> FindingCategory {
        overrides[finding] ?? Self.defaultTable[finding] ?? .tbSuggestive
    }

    /// The default table: the US panel categories of the domain reference (section 3, as
    /// corrected: active-looking *and* inactive or old TB findings both suggest TB and need
    /// smears and cultures), and the UK pre-entry numbered findings (1.x and 2.x no action,
    /// 3.x follow-up, 4.x suggests TB). Only a non-TB finding set by a rule pack
    /// (`catalogue_followup`) gives `CXR-ABN-FOLLOWUP`.
    public static let defaultTable: [String: FindingCategory] = {
        var table: [String: FindingCategory] = [:]
        // Active-looking TB.
        for v in ["infiltrate", "reticular_fibrosis", "cavity", "nodule_poorly_defined", "pleural_effusion",
                  "adenopathy", "miliary", "other",
                  "uk_4_1", "uk_4_2", "uk_4_3", "uk_4_4", "uk_4_5", "uk_4_6", "uk_4_7"] {
            table[v] = .tbSuggestive
        }
        // Inactive or old TB: also smears and cultures (negative ones then give TB-B1-PULM).
        for v in ["linear_opacity", "discrete_nodule", "volume_loss", "irregular_pleural_reaction"] {
            table[v] = .tbSuggestive
        }
        for v in ["uk_3_1", "uk_3_2", "uk_3_3", "uk_3_4", "uk_3_5"] {
            table[v] = .followUp
        }
        for v in ["smooth_pleural_thickening", "diaphragmatic_tenting", "calcified_nodule", "calcified_lymph_node",
                  "cardiac", "musculoskeletal", "uk_1_1", "uk_1_2", "uk_2_1", "uk_2_2", "uk_2_3"] {
            table[v] = .noAction
        }
        return table
    }()
}

extension Optional where Wrapped == Value {
    /// A parameter read as a list of finding values: a choice list, one choice, or
    /// comma-separated text; anything else is the empty list.
    var findingList: [String] {
        switch self {
        case .choices(let c)?: return c
        case .choice(let c)?: return [c]
        case .text(let s)?: return s.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
        default: return []
        }
    }
}
