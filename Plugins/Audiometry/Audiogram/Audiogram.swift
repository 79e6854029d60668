import ClearanceCore

/// The thresholds of one audiometry encounter as a plain table, per ear, conduction and
/// frequency: what the audiogram picture and the derivations read.
///
/// Built from the form's answers: `{ear}_{conduction}_{Hz}` integers (dB HL) and the
/// `{ear}_masked` / `{ear}_no_response` selections (`air_1000`, `bone_500`). Points with no
/// value are absent; flags naming a point with no value are ignored here (validation reports
/// them). A gate answered "no" (`{ear}_bone_tested`, `{ear}_masking_used`,
/// `{ear}_any_no_response`) hides what it gates, even in answers that were not normalized.
///
/// ```swift
/// let a = Audiogram(answers: Answers(["right_air_1000": .integer(15),
///                                     "right_masked": .choices(["air_1000"])]))
/// a.point(.right, .air, 1000)?.masked   // true
/// ```
public struct Audiogram: Sendable, Hashable {
    /// Every recorded point, ordered right then left, air then bone, by frequency.
    public var points: [AudiogramPoint]

    public init(points: [AudiogramPoint]) { self.points = points }

    /// Reads the thresholds and flags from audiometry answers.
    /// - Parameter answers: the encounter's answers (unknown fields are ignored).
    public init(answers: Answers) {
        var points: [AudiogramPoint] = []
        for ear in Ear.allCases {
            // A gate answered "no" hides what it gates, as the form's skip logic does.
            func gated(_ gate: String) -> Bool { answers[gate]?.bool == false }
            let masked = gated(AudiogramPoint.maskingUsedField(ear)) ? []
                : Set(answers[AudiogramPoint.maskedField(ear)]?.selections ?? [])
            let noResponse = gated(AudiogramPoint.anyNoResponseField(ear)) ? []
                : Set(answers[AudiogramPoint.noResponseField(ear)]?.selections ?? [])
            for conduction in Conduction.allCases {
                if conduction == .bone, gated(AudiogramPoint.boneTestedField(ear)) { continue }
                for hz in conduction.frequencies {
                    guard let value = answers[AudiogramPoint.fieldName(ear, conduction, hz)]?.integer else { continue }
                    let flag = AudiogramPoint.flagValue(conduction, hz)
                    points.append(AudiogramPoint(ear: ear, conduction: conduction, frequency: hz, threshold: value,
                                                 masked: masked.contains(flag), noResponse: noResponse.contains(flag)))
                }
            }
        }
        self.points = points
    }

    /// The point at this ear, conduction and frequency, or nil when not recorded.
    public func point(_ ear: Ear, _ conduction: Conduction, _ frequency: Int) -> AudiogramPoint? {
        points.first { $0.ear == ear && $0.conduction == conduction && $0.frequency == frequency }
    }

    /// The mean of the air thresholds of `ear` at `frequencies`, or nil when one is missing.
    /// A no-response point counts as its maximum level presented.
    public func airAverage(_ ear: Ear, at frequencies: [Int]) -> Double? {
        var sum = 0
        for hz in frequencies {
            guard let p = point(ear, .air, hz) else { return nil }
            sum += p.threshold
        }
        return frequencies.isEmpty ? nil : Double(sum) / Double(frequencies.count)
    }
}
