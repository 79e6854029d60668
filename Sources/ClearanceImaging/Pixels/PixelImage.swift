/// How the samples of one pixel are laid out in a ``PixelImage``.
public enum PixelLayout: Int, Sendable, CaseIterable, CustomStringConvertible {
    /// One grey sample.
    case grey = 1
    /// Grey then alpha.
    case greyAlpha = 2
    /// Red, green, blue.
    case rgb = 3
    /// Red, green, blue, alpha (straight, not premultiplied).
    case rgba = 4

    /// Samples per pixel.
    public var channels: Int { rawValue }
    /// True for ``greyAlpha`` and ``rgba``.
    public var hasAlpha: Bool { self == .greyAlpha || self == .rgba }
    /// True for ``rgb`` and ``rgba``.
    public var isColor: Bool { self == .rgb || self == .rgba }

    /// The layout with the given colour and alpha properties.
    public init(color: Bool, alpha: Bool) {
        switch (color, alpha) {
        case (false, false): self = .grey
        case (false, true): self = .greyAlpha
        case (true, false): self = .rgb
        case (true, true): self = .rgba
        }
    }

    public var description: String {
        switch self {
        case .grey: return "grey"
        case .greyAlpha: return "grey+alpha"
        case .rgb: return "RGB"
        case .rgba: return "RGBA"
        }
    }
}

/// An 8-bit image in memory: rows top to bottom, no padding, ``PixelLayout`` samples per pixel.
///
/// ```swift
/// let dot = PixelImage(width: 1, height: 1, layout: .rgb, pixels: [255, 0, 0])
/// ```
public struct PixelImage: Sendable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Sample layout.
    public var layout: PixelLayout
    /// `width * height * layout.channels` samples.
    public var pixels: [UInt8]

    /// Creates an image; `pixels` must hold `width * height * layout.channels` samples
    /// (checked when encoding, never trapped on).
    ///
    /// - Parameters:
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - layout: Samples per pixel.
    ///   - pixels: The samples, row by row.
    public init(width: Int, height: Int, layout: PixelLayout, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.layout = layout
        self.pixels = pixels
    }

    /// True when the dimensions are positive and `pixels` has exactly the right count.
    public var isConsistent: Bool {
        guard width > 0, height > 0 else { return false }
        let area = width.multipliedReportingOverflow(by: height)
        guard !area.overflow else { return false }
        let total = area.partialValue.multipliedReportingOverflow(by: layout.channels)
        return !total.overflow && total.partialValue == pixels.count
    }

    /// The samples of the pixel at (`x`, `y`), or nil outside the image.
    ///
    /// - Parameters:
    ///   - x: Column, 0 at the left.
    ///   - y: Row, 0 at the top.
    /// - Returns: `layout.channels` samples.
    public func pixel(x: Int, y: Int) -> [UInt8]? {
        guard x >= 0, y >= 0, x < width, y < height, isConsistent else { return nil }
        let start = (y * width + x) * layout.channels
        return Array(pixels[start..<start + layout.channels])
    }
}
