/// The WHO 2021 (World Report on Hearing) grade of hearing loss, from the better ear's
/// four-frequency pure-tone average (500, 1000, 2000, 4000 Hz).
///
/// | grade | better-ear PTA4 (dB HL) |
/// |---|---|
/// | normal | < 20 |
/// | mild | 20 to < 35 |
/// | moderate | 35 to < 50 |
/// | moderately severe | 50 to < 65 |
/// | severe | 65 to < 80 |
/// | profound | 80 to < 95 |
/// | complete | >= 95 |
public enum HearingGrade: String, Sendable, Hashable, CaseIterable {
    case normal
    case mild
    case moderate
    case moderatelySevere = "moderately-severe"
    case severe
    case profound
    case complete

    /// The grade of a better-ear PTA4 in dB HL.
    public init(pta: Double) {
        switch pta {
        case ..<20: self = .normal
        case ..<35: self = .mild
        case ..<50: self = .moderate
        case ..<65: self = .moderatelySevere
        case ..<80: self = .severe
        case ..<95: self = .profound
        default: self = .complete
        }
    }

    /// The result code: `AUD-NORMAL` ... `AUD-COMPLETE`.
    public var code: String {
        switch self {
        case .normal: return "AUD-NORMAL"
        case .mild: return "AUD-MILD"
        case .moderate: return "AUD-MODERATE"
        case .moderatelySevere: return "AUD-MODSEVERE"
        case .severe: return "AUD-SEVERE"
        case .profound: return "AUD-PROFOUND"
        case .complete: return "AUD-COMPLETE"
        }
    }
}
