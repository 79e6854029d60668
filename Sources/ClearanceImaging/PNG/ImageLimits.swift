/// Limits checked before any pixel buffer is allocated.
///
/// The checks run on the raw bytes and the IHDR header only, so a file declaring an absurd size
/// (say 100000 x 100000) is refused in microseconds without touching memory.
///
/// ```swift
/// let limits = ImageLimits(maxFileBytes: 16 << 20, maxPixels: 20_000_000)
/// ```
public struct ImageLimits: Sendable, Equatable {
    /// Largest accepted file, in bytes. Default 64 MiB.
    public var maxFileBytes: Int
    /// Largest accepted width x height. Default 60 megapixels.
    public var maxPixels: Int
    /// Largest accepted width or height. Default 1,000,000 (libpng's own default user limit).
    public var maxSide: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maxFileBytes: Largest accepted file size in bytes.
    ///   - maxPixels: Largest accepted width x height.
    ///   - maxSide: Largest accepted width or height.
    public init(maxFileBytes: Int = 64 << 20, maxPixels: Int = 60_000_000, maxSide: Int = 1_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxPixels = maxPixels
        self.maxSide = maxSide
    }

    /// 64 MiB, 60 megapixels, 1,000,000 pixels a side.
    public static let `default` = ImageLimits()

    /// What the clinic accepts as an attachment: 64 MiB and 40 megapixels (a 43 x 43 cm chest
    /// detector at 100 um is 18.5 MP), so that decoding one never holds more than 160 MiB of
    /// pixels (40 MP x 4 bytes); a larger image is refused before any pixel is decoded.
    public static let attachments = ImageLimits(maxPixels: 40_000_000)
}
