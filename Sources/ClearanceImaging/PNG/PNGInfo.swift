/// The PNG colour type from the IHDR chunk.
public enum PNGColorType: UInt8, Sendable, CustomStringConvertible {
    case greyscale = 0
    case rgb = 2
    case palette = 3
    case greyscaleAlpha = 4
    case rgba = 6

    /// Bit depths the PNG specification allows for this colour type.
    public var allowedBitDepths: [UInt8] {
        switch self {
        case .greyscale: return [1, 2, 4, 8, 16]
        case .palette: return [1, 2, 4, 8]
        case .rgb, .greyscaleAlpha, .rgba: return [8, 16]
        }
    }

    public var description: String {
        switch self {
        case .greyscale: return "greyscale"
        case .rgb: return "RGB"
        case .palette: return "palette"
        case .greyscaleAlpha: return "greyscale+alpha"
        case .rgba: return "RGBA"
        }
    }
}

/// What the header and chunk structure of a PNG file say, before any pixel is decoded.
public struct PNGInfo: Sendable, Equatable {
    /// Width in pixels (1 or more).
    public var width: Int
    /// Height in pixels (1 or more).
    public var height: Int
    /// Bits per sample (per palette index for palette images): 1, 2, 4, 8 or 16.
    public var bitDepth: Int
    /// The colour type.
    public var colorType: PNGColorType
    /// True for Adam7 interlacing.
    public var interlaced: Bool
    /// True when a tRNS chunk gives transparency to a greyscale, RGB or palette image (after decoding:
    /// one libpng accepted).
    public var hasTransparencyChunk: Bool
    /// Size of the whole file in bytes.
    public var fileBytes: Int

    /// Width x height.
    public var pixelCount: Int { width * height }

    /// True when the decoded image carries an alpha channel (alpha colour type or a tRNS chunk).
    public var hasAlpha: Bool {
        colorType == .greyscaleAlpha || colorType == .rgba || hasTransparencyChunk
    }

    /// True when the decoded image is in colour (RGB, RGBA or palette).
    public var isColor: Bool { colorType == .rgb || colorType == .rgba || colorType == .palette }

    /// A short human description, e.g. `"16-bit greyscale, 2000x2500"`.
    public var summary: String {
        "\(bitDepth)-bit \(colorType)\(hasTransparencyChunk ? " with tRNS" : "")"
            + "\(interlaced ? ", interlaced" : ""), \(width)x\(height)"
    }
}
