#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PNGDecoder {
    /// Converts libpng's 16-bit linear simplified output (alpha premultiplied) to straight 8-bit.
    ///
    /// With no gAMA/sRGB/iCCP chunk libpng passes 16-bit samples through unchanged, and they are
    /// scaled as stored (the same as the non-interlaced path). With such a chunk libpng has
    /// converted them to linear light, and they are sRGB-encoded, as libpng's own 8-bit output is.
    static func eightBit(fromLinear bytes: [UInt8], layout: PixelLayout, sRGBEncode: Bool) -> [UInt8] {
        let channels = layout.channels
        let alphaIndex = layout.hasAlpha ? channels - 1 : -1
        let count = bytes.count / 2
        var output = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            let samples = raw.bindMemory(to: UInt16.self)
            var pixel = 0
            while pixel + channels <= count {
                let alpha = alphaIndex >= 0 ? Int(samples[pixel + alphaIndex]) : 65535
                for channel in 0..<channels {
                    var value = Int(samples[pixel + channel])
                    if channel == alphaIndex {
                        output[pixel + channel] = UInt8((value * 255 + 32767) / 65535)
                        continue
                    }
                    if alphaIndex >= 0 { value = alpha == 0 ? 0 : min(65535, (value * 65535 + alpha / 2) / alpha) }
                    output[pixel + channel] = sRGBEncode ? sRGBTable[value] : UInt8((value * 255 + 32767) / 65535)
                }
                pixel += channels
            }
        }
        return output
    }

    /// Linear 16-bit to sRGB-encoded 8-bit.
    static let sRGBTable: [UInt8] = (0...65535).map { value in
        let linear = Double(value) / 65535
        let encoded = linear <= 0.003_130_8 ? 12.92 * linear : 1.055 * pow(linear, 1 / 2.4) - 0.055
        return UInt8(max(0, min(255, (encoded * 255).rounded())))
    }
}
