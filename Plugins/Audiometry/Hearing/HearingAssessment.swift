/// What an audiogram says about hearing: PTA4 per ear, better ear and WHO grade, unilateral
/// loss, air-bone gaps, high-frequency averages and the shift from a baseline.
///
/// Pure arithmetic over an ``Audiogram``; the module turns it into result codes and stored
/// values.
///
/// ```swift
/// let h = HearingAssessment(audiogram: a)
/// h.pta4[.right]   // 17.5
/// h.grade          // .normal
/// ```
public struct HearingAssessment: Sendable, Hashable {
    /// The four frequencies of the pure-tone average (WHO 2021).
    public static let pta4Frequencies = [500, 1000, 2000, 4000]
    /// The frequencies of the occupational high-frequency average and threshold shift.
    public static let highFrequencies = [2000, 3000, 4000]

    /// PTA4 per ear (dB HL); absent when one of its four air thresholds is missing.
    public var pta4: [Ear: Double] = [:]
    /// Ears whose PTA4 includes a no-response point (the value is then a lower bound).
    public var pta4IncludesNoResponse: Set<Ear> = []
    /// The ear with the lower PTA4; nil when both are equal or one is missing.
    public var betterEar: Ear?
    /// The lower PTA4 of the two ears, or the only one recorded.
    public var betterPTA4: Double?
    /// WHO grade of ``betterPTA4``.
    public var grade: HearingGrade?
    /// Better ear < 20 and worse ear >= 35 dB HL.
    public var unilateral = false
    /// Air minus bone threshold, per ear and frequency where both are recorded (and bone
    /// responded: a no-response bone value says nothing about the gap).
    public var airBoneGap: [Ear: [Int: Int]] = [:]
    /// Some gap reached the conductive threshold.
    public var conductive = false
    /// Mean of the 2000, 3000, 4000 Hz air thresholds per ear.
    public var highFrequencyAverage: [Ear: Double] = [:]
    /// Mean change (now minus baseline) at 2000, 3000, 4000 Hz air, per ear.
    public var thresholdShift: [Ear: Double] = [:]
    /// Some ear's shift reached the standard-threshold-shift criterion.
    public var standardThresholdShift = false

    /// Assesses an audiogram.
    /// - Parameters:
    ///   - audiogram: the thresholds.
    ///   - baseline: the person's baseline audiogram, for the threshold shift.
    ///   - conductiveGapDB: the air-bone gap that counts as conductive (15 dB).
    ///   - shiftDB: the average shift that counts as a standard threshold shift (10 dB).
    public init(audiogram: Audiogram, baseline: Audiogram? = nil, conductiveGapDB: Double = 15, shiftDB: Double = 10) {
        for ear in Ear.allCases {
            if let pta = audiogram.airAverage(ear, at: Self.pta4Frequencies) {
                pta4[ear] = pta
                if Self.pta4Frequencies.contains(where: { audiogram.point(ear, .air, $0)?.noResponse == true }) {
                    pta4IncludesNoResponse.insert(ear)
                }
            }
            if let hfa = audiogram.airAverage(ear, at: Self.highFrequencies) {
                highFrequencyAverage[ear] = hfa
                if let base = baseline?.airAverage(ear, at: Self.highFrequencies) {
                    thresholdShift[ear] = hfa - base
                }
            }
            var gaps: [Int: Int] = [:]
            for hz in Conduction.bone.frequencies {
                guard let air = audiogram.point(ear, .air, hz), let bone = audiogram.point(ear, .bone, hz),
                      !bone.noResponse else { continue }
                gaps[hz] = air.threshold - bone.threshold
            }
            if !gaps.isEmpty { airBoneGap[ear] = gaps }
        }
        conductive = airBoneGap.values.contains { $0.values.contains { Double($0) >= conductiveGapDB } }
        standardThresholdShift = thresholdShift.values.contains { $0 >= shiftDB }

        let recorded = Ear.allCases.compactMap { ear in pta4[ear].map { (ear, $0) } }
        guard let best = recorded.min(by: { $0.1 < $1.1 }) else { return }
        betterPTA4 = best.1
        grade = HearingGrade(pta: best.1)
        if recorded.count == 2 {
            let worse = recorded.map(\.1).max() ?? best.1
            betterEar = worse > best.1 ? best.0 : nil
            unilateral = best.1 < 20 && worse >= 35
        }
    }
}
