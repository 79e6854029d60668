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
}
