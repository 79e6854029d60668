/// One measured point of an audiogram: the threshold at one frequency, for one ear and
/// conduction, with its flags.
public struct AudiogramPoint: Sendable, Hashable {
    public var ear: Ear
    public var conduction: Conduction
    /// Frequency in Hz.
    public var frequency: Int
    /// Threshold in dB HL; when ``noResponse`` is true, the maximum level presented instead.
    public var threshold: Int
    /// The non-test ear was masked.
    public var masked: Bool
    /// No response at the maximum level presented: ``threshold`` is not a threshold but a
    /// lower bound of it (drawn as an arrow down).
    public var noResponse: Bool

    public init(ear: Ear, conduction: Conduction, frequency: Int, threshold: Int,
                masked: Bool = false, noResponse: Bool = false) {
        self.ear = ear; self.conduction = conduction; self.frequency = frequency
        self.threshold = threshold; self.masked = masked; self.noResponse = noResponse
    }

    /// The answer field holding this point's value: `right_air_1000`.
    public static func fieldName(_ ear: Ear, _ conduction: Conduction, _ frequency: Int) -> String {
        "\(ear.rawValue)_\(conduction.rawValue)_\(frequency)"
    }

    /// The choice value naming this point in the flag fields (`right_masked`,
    /// `left_no_response`): `air_1000`.
    public static func flagValue(_ conduction: Conduction, _ frequency: Int) -> String {
        "\(conduction.rawValue)_\(frequency)"
    }

    /// The select_multiple field listing the masked points of `ear`: `right_masked`.
    public static func maskedField(_ ear: Ear) -> String { "\(ear.rawValue)_masked" }
    /// The select_multiple field listing the no-response points of `ear`: `right_no_response`.
    public static func noResponseField(_ ear: Ear) -> String { "\(ear.rawValue)_no_response" }

    /// The yes/no field gating `ear`'s bone thresholds: `right_bone_tested`.
    public static func boneTestedField(_ ear: Ear) -> String { "\(ear.rawValue)_bone_tested" }
    /// The yes/no field gating `ear`'s masked list: `right_masking_used`.
    public static func maskingUsedField(_ ear: Ear) -> String { "\(ear.rawValue)_masking_used" }
    /// The yes/no field gating `ear`'s no-response list: `right_any_no_response`.
    public static func anyNoResponseField(_ ear: Ear) -> String { "\(ear.rawValue)_any_no_response" }
}
