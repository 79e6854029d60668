import ClearanceCore

/// HIV counselling and testing (module id `hiv`): WHO's five Cs — consent, confidentiality,
/// counselling, correct results, connection to care.
///
/// The form (`Forms/hiv.yaml`) records the pre-test session and consent, up to three assays
/// (A1, A2, A3, each repeated once when invalid), post-test counselling and referral. The
/// status comes from a versioned testing algorithm chosen by the rule pack (see
/// ``HIVAlgorithms``). The module is confidential: only counsellors and medical officers read
/// it, and the certificate says only that counselling and testing was done.
///
/// Rule-pack parameters read (all optional):
/// - `hiv_algorithm` (text, default `who-3test-2024`): the testing algorithm's id
///   (`who-3test-2024`, or the WHO 2019 revision `who-3test-2019`).
/// - `hiv_retest_days` (integer, default 14): days from the test date to the retest of an
///   inconclusive result.
///
/// ```swift
/// let module = HIVModule(form: form)
/// let d = module.derive(Answers(["consent": .bool(true), "a1_result": .choice("non-reactive")]),
///                       context: ModuleContext(today: LocalDate("2026-11-20")!))
/// d.resultCodes   // ["HIV-NEG"]
/// ```
public struct HIVModule: ScreeningModule {
    /// The form file, under `Forms/`, the host loads for this module.
    public static let formFile = "hiv.yaml"
    /// The module id, equal to the form's id.
    public static let id = "hiv"

    public let form: FormSpec

    /// - Parameter form: the loaded `Forms/hiv.yaml`.
    public init(form: FormSpec) { self.form = form }
}

// MARK: - Result codes

extension HIVModule {
    /// The result codes this module produces; exactly one holds for a complete encounter.
    public enum Code {
        public static let negative = "HIV-NEG"
        public static let positive = "HIV-POS"
        public static let inconclusive = "HIV-INCONCLUSIVE"
        public static let declined = "HIV-DECLINED"
        public static let notTested = "HIV-NOT-TESTED"
    }
}

// MARK: - Field names

extension HIVModule {
    /// Names of the form's fields that the Swift rules read (the contract with `hiv.yaml`).
    public enum FieldName {
        public static let consent = "consent"
        public static let testDate = "test_date"
        public static let postTestDone = "post_test_done"
        /// Positions of the assays in the algorithm.
        public static let assayPositions = 1...3
        /// `a1_result`: the first reading of assay `position`.
        public static func result(_ position: Int) -> String { "a\(position)_result" }
        /// `a1_repeat_result`: the repeat's reading when the first was invalid.
        public static func repeatResult(_ position: Int) -> String { "a\(position)_repeat_result" }
        /// `a1_retest_result`: A1 repeated after a non-reactive A2 (WHO 2019 revision).
        public static let retestResult = "a1_retest_result"
        /// `a1_kit_expiry`: the expiry date of the kit used.
        public static func kitExpiry(_ position: Int) -> String { "a\(position)_kit_expiry" }
        /// Every answer that belongs to assay `position` (rejected without consent).
        public static func assayFields(_ position: Int) -> [String] {
            ["kit", "lot", "kit_expiry", "operator", "result", "repeat_result"].map { "a\(position)_\($0)" }
        }
    }

    /// Names of the values ``derive(_:context:)`` computes.
    /// Programme-wide rule-pack settings the module reads.
    public enum Parameter {
        /// The testing algorithm's id (`who-3test-2024`).
        public static let algorithm = "hiv_algorithm"
    }

    /// Facts its results establish for other modules (``ModuleContext/hasFact(_:)``).
    public enum Fact {
        /// A positive result in this case.
        public static let infectionKnown = "hiv_infection_known"
    }

    public enum DerivedName {
        public static let algorithmID = "hiv_algorithm_id"
        public static let algorithmVersion = "hiv_algorithm_version"
        public static let retestDate = "retest_date"
        public static let inconclusiveReason = "inconclusive_reason"
        /// Set when the algorithm still needs an assay: `A2`, or `A1 repeat`.
        public static let nextAssay = "next_assay"
    }
}
