/// The thresholds of one audiometry test, as plotted on an audiogram.
///
/// A plain value independent of the audiometry module's form: the integrator maps the module's
/// answers to it. Levels are whole dB HL (-10...120 expected; others are clipped to the chart).
///
/// ```swift
/// var audiogram = Audiogram()
/// audiogram.add(.init(ear: .right, conduction: .air, frequency: 1000, level: 25))
/// audiogram.add(.init(ear: .left, conduction: .air, frequency: 4000, level: 120, noResponse: true))
/// ```
public struct Audiogram: Sendable, Equatable {
    /// Which ear.
    public enum Ear: String, Sendable, CaseIterable { case right, left }
    /// Which transducer route.
    public enum Conduction: String, Sendable, CaseIterable { case air, bone }

    /// One measured (or not reached) threshold.
    public struct Threshold: Sendable, Equatable {
        public var ear: Ear
        public var conduction: Conduction
        /// Test frequency in Hz (250...8000 on the chart).
        public var frequency: Int
        /// Threshold in dB HL; for ``noResponse`` the maximum level presented.
        public var level: Int
        /// True when the other ear was masked.
        public var masked: Bool
        /// True when there was no response at ``level``, the maximum presented.
        public var noResponse: Bool

        /// Creates a threshold.
        ///
        /// - Parameters:
        ///   - ear: Right or left.
        ///   - conduction: Air or bone.
        ///   - frequency: Hz.
        ///   - level: dB HL (maximum presented level when `noResponse`).
        ///   - masked: Masking was used.
        ///   - noResponse: No response at the maximum level presented.
        public init(ear: Ear, conduction: Conduction, frequency: Int, level: Int,
                    masked: Bool = false, noResponse: Bool = false) {
            self.ear = ear
            self.conduction = conduction
            self.frequency = frequency
            self.level = level
            self.masked = masked
            self.noResponse = noResponse
        }
    }

    /// All thresholds, in any order.
    public var thresholds: [Threshold]
    /// An optional caption printed above the chart: whose test and when
    /// (`HADDAD, LAYLA  ID 7  TEST 2026-11-20`); cut with ".." where it does not fit. Drawn in the
    /// built-in font: Latin letters (shown in capitals), digits and a little punctuation.
    public var title: String?

    /// Creates an audiogram.
    ///
    /// - Parameters:
    ///   - thresholds: The thresholds.
    ///   - title: Optional caption.
    public init(thresholds: [Threshold] = [], title: String? = nil) {
        self.thresholds = thresholds
        self.title = title
    }

    /// Adds a threshold, replacing one with the same ear, conduction and frequency.
    ///
    /// - Parameter threshold: The threshold to add.
    public mutating func add(_ threshold: Threshold) {
        thresholds.removeAll {
            $0.ear == threshold.ear && $0.conduction == threshold.conduction && $0.frequency == threshold.frequency
        }
        thresholds.append(threshold)
    }

    /// The thresholds of one ear and conduction, by increasing frequency.
    ///
    /// - Parameters:
    ///   - ear: Right or left.
    ///   - conduction: Air or bone.
    /// - Returns: Sorted thresholds.
    public func series(_ ear: Ear, _ conduction: Conduction) -> [Threshold] {
        thresholds.filter { $0.ear == ear && $0.conduction == conduction }.sorted { $0.frequency < $1.frequency }
    }
}
