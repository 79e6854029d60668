import ClearanceCore

/// Pure-tone audiometry (module id `audiometry`): thresholds per ear, conduction and
/// frequency, graded by the WHO 2021 scale on the better ear, with unilateral, conductive and
/// occupational threshold-shift flags.
///
/// The form is `Forms/audiometry.yaml`; thresholds are `{ear}_{conduction}_{Hz}` integers in
/// dB HL (-10...120, step 5). ``Audiogram`` turns the answers into a table for the audiogram
/// picture; ``HearingAssessment`` does the arithmetic.
///
/// Rule-pack parameters read (all optional):
/// - `calibration_max_months` (integer, default 12): the audiometer's calibration must be at
///   most this many months before the test date.
/// - `quiet_hours_min` (integer, default 14): hours without noise exposure a baseline needs.
/// - `conductive_gap_db` (number, default 15): the air-bone gap that flags `AUD-CONDUCTIVE`.
/// - `sts_shift_db` (number, default 10): the 2-3-4 kHz average shift that flags `AUD-STS`.
///
/// ```swift
/// let d = AudiometryModule(form: form).derive(answers, context: context)
/// d.resultCodes   // ["AUD-NORMAL", "AUD-UNILATERAL"]
/// ```
public struct AudiometryModule: ScreeningModule {
    /// The form file, under `Forms/`, the host loads for this module.
    public static let formFile = "audiometry.yaml"
    /// The module id, equal to the form's id.
    public static let id = "audiometry"
    /// The attachment kind of its images and of the audiogram the host draws from its answers.
    public static let attachmentKind = "audiogram"

    public let form: FormSpec

    /// - Parameter form: the loaded `Forms/audiometry.yaml`.
    /// The standard threshold shift compares against the person's baseline audiogram.
    public var usesBaseline: Bool { true }

    public init(form: FormSpec) { self.form = form }

    /// The thresholds of `answers` as a table for the audiogram picture.
    /// - Parameter answers: an audiometry encounter's answers.
    /// - Returns: every recorded point with its masked and no-response flags.
    public static func audiogram(from answers: Answers) -> Audiogram { Audiogram(answers: answers) }
}

// MARK: - Names

extension AudiometryModule {
    /// The flag codes this module adds beside the grade code.
    public enum Code {
        public static let unilateral = "AUD-UNILATERAL"
        public static let conductive = "AUD-CONDUCTIVE"
        public static let thresholdShift = "AUD-STS"
    }

    /// Session fields the Swift rules read (threshold names come from ``AudiogramPoint``).
    public enum FieldName {
        public static let testDate = "test_date"
        public static let calibrationDate = "calibration_date"
        public static let hoursSinceNoise = "hours_since_noise"
        /// `baseline` or `monitoring`.
        public static let testType = "test_type"
    }

    /// The rule-pack parameters, with their defaults.
    struct Parameters {
        var calibrationMaxMonths = 12
        var quietHoursMin = 14
        var conductiveGapDB = 15.0
        var shiftDB = 10.0

        init(_ p: [String: Value]) {
            if let n = p["calibration_max_months"]?.number, n >= 0, n <= 120 { calibrationMaxMonths = Int(n) }
            if let n = p["quiet_hours_min"]?.number, n >= 0, n <= 1000 { quietHoursMin = Int(n) }
            if let n = p["conductive_gap_db"]?.number, n.isFinite { conductiveGapDB = n }
            if let n = p["sts_shift_db"]?.number, n.isFinite { shiftDB = n }
        }
    }
}
