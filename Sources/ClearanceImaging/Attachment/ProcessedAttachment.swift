import Foundation

/// A PNG produced from an attachment (normalised copy or thumbnail).
public struct EncodedImage: Sendable, Equatable {
    /// The PNG file bytes.
    public var png: Data
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Sample layout (always 8 bits a sample).
    public var layout: PixelLayout
}

/// Everything the store needs about an attached image. The original bytes are not copied here:
/// the caller keeps and stores them unchanged.
public struct ProcessedAttachment: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the original bytes (as `sha256sum` prints).
    public var sha256Hex: String
    /// Always `"image/png"` for now.
    public var mediaType: String
    /// Size of the original in bytes.
    public var byteCount: Int
    /// Header information of the original: width, height, bit depth, colour type, interlace.
    public var info: PNGInfo
    /// An 8-bit, non-interlaced PNG of the full image (grey, grey+alpha, RGB or RGBA as fits).
    public var normalised: EncodedImage
    /// A reduced PNG whose longest side is at most the processor's thumbnail size.
    public var thumbnail: EncodedImage

    /// Width of the original in pixels.
    public var width: Int { info.width }
    /// Height of the original in pixels.
    public var height: Int { info.height }
    /// Bit depth of the original.
    public var bitDepth: Int { info.bitDepth }
    /// Colour type of the original.
    public var colorType: PNGColorType { info.colorType }
}
