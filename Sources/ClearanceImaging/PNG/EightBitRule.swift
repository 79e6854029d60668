#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one rule that turns stored PNG samples (1 to 16 bits) into 8-bit samples: used for every
/// colour type and depth, interlaced or not, so the normalised copy of an attachment depends only
/// on the decoded samples and the declared ``PNGColorInfo``.
///
/// For a channel stored with `d` bits holding value `v`:
/// 1. **sBIT**: when sBIT declares `s < d` significant bits, `v` becomes `v >> (d - s)` and the
///    range is `s` bits; otherwise `s = d`. Let `m = 2^s - 1`.
/// 2. **Gamma** (grey and colour channels, never alpha): with a gAMA file gamma `g`, no sRGB chunk,
///    and `g * 2.2` more than 1% away from 1, the sample becomes `(v / m)^(1 / (g * 2.2))`: the PNG
///    specification's decoder formula for a display exponent of 2.2 (an sRGB-like screen).
///    Otherwise (no gAMA, an sRGB chunk, or gAMA about 1/2.2) the samples are taken as already
///    display-encoded and only rescaled: a 16-bit X-ray without gAMA keeps its stored grey levels.
/// 3. **Rounding** to 0...255, halves up: `floor(255 * x + 0.5)`; without gamma this is exactly
///    `(v * 255 + m / 2) / m` in integers (for 16 bits: `(v * 255 + 32767) / 65535`).
///
/// Palette entries are 8-bit samples under the same rule; tRNS alpha is kept as given. A tRNS
/// grey or RGB value makes exactly the pixels whose stored samples equal it transparent (alpha 0,
/// colour kept), every other pixel opaque (255).
public enum EightBitRule {
    /// The display exponent assumed for the screen the copy is shown on.
    public static let displayExponent = 2.2
    /// How far `gamma * displayExponent` may be from 1 and still count as display-encoded.
    public static let displayEncodedTolerance = 0.01

    /// The exponent applied to `v / m` for grey and colour channels: 1 when the samples are
    /// display-encoded, `1 / (gamma * 2.2)` otherwise.
    ///
    /// - Parameter color: What the file declares.
    /// - Returns: The exponent, 1 meaning the samples are only rescaled.
    public static func exponent(for color: PNGColorInfo) -> Double {
        guard !color.sRGB, let gamma = color.gamma, gamma > 0, gamma.isFinite else { return 1 }
        let product = gamma * displayExponent
        return abs(product - 1) <= displayEncodedTolerance ? 1 : 1 / product
    }

    /// The 8-bit value of one stored sample.
    ///
    /// - Parameters:
    ///   - value: The stored sample, `0 ..< 2^storedBits`.
    ///   - storedBits: The bit depth it is stored with (1, 2, 4, 8 or 16).
    ///   - significantBits: sBIT for its channel (nil or out of 1...storedBits: all bits count).
    ///   - exponent: From ``exponent(for:)``; 1 for alpha.
    /// - Returns: The 8-bit sample.
    public static func eightBit(_ value: Int, storedBits: Int, significantBits: Int? = nil, exponent: Double = 1) -> UInt8 {
        var bits = storedBits
        var sample = value
        if let significant = significantBits, significant >= 1, significant < storedBits {
            sample >>= storedBits - significant
            bits = significant
        }
        let maximum = (1 << bits) - 1
        if exponent == 1 { return UInt8((sample * 255 + maximum / 2) / maximum) }
        let shown = pow(Double(sample) / Double(maximum), exponent)
        return UInt8(max(0, min(255, (shown * 255 + 0.5).rounded(.down))))
    }

    /// ``eightBit(_:storedBits:significantBits:exponent:)`` for every value of a depth, as a lookup table.
    ///
    /// - Parameters:
    ///   - storedBits: The bit depth (1, 2, 4, 8 or 16).
    ///   - significantBits: sBIT for the channel, or nil.
    ///   - exponent: From ``exponent(for:)``; 1 for alpha.
    /// - Returns: `2^storedBits` entries.
    public static func table(storedBits: Int, significantBits: Int? = nil, exponent: Double = 1) -> [UInt8] {
        (0..<(1 << storedBits)).map { eightBit($0, storedBits: storedBits, significantBits: significantBits, exponent: exponent) }
    }
}
