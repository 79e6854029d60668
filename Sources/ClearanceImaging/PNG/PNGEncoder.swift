import CLibPNG

/// Encodes 8-bit pixels as PNG bytes with libpng's simplified `png_image_write_to_memory`.
///
/// Output is non-interlaced, 8-bit, in the image's ``PixelLayout``; no metadata besides what
/// libpng writes for sRGB data. The same pixels always give the same bytes.
///
/// ```swift
/// let png = try PNGEncoder.encode(PixelImage(width: 1, height: 1, layout: .grey, pixels: [128]))
/// ```
public enum PNGEncoder {
    /// Encodes `image`.
    ///
    /// - Parameters:
    ///   - image: The pixels; must be consistent (``PixelImage/isConsistent``).
    ///   - fast: Favour speed over size: libpng's classic writer with ``FastSettings`` (zlib level 1,
    ///     one row filter), several times quicker than the simplified writer, files ~10-30% larger.
    /// - Returns: The PNG file bytes.
    /// - Throws: ``ImagingError`` `.encodeFailed` for an inconsistent buffer or a libpng failure.
    public static func encode(_ image: PixelImage, fast: Bool = false) throws -> [UInt8] {
        if fast { return try encodeFast(image) }
        guard image.isConsistent else {
            throw ImagingError.encodeFailed("the pixel buffer holds \(image.pixels.count) samples, "
                + "not \(image.width) x \(image.height) x \(image.layout.channels)")
        }
        guard image.width <= 0x7FFF_FFFF / image.layout.channels, image.height <= 0x7FFF_FFFF else {
            throw ImagingError.encodeFailed("the image is too wide or tall to encode (\(image.width)x\(image.height))")
        }
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.opaque = nil
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = PNGDecoder.formatFlags(for: image.layout)
        png.flags = fast ? UInt32(PNG_IMAGE_FLAG_FAST) : 0
        defer { png_image_free(&png) }
        let rowStride = Int32(image.width * image.layout.channels)
        var capacity = maximumSize(rawBytes: image.pixels.count + image.height)
        for _ in 0..<2 {
            var written = capacity
            var ok = false
            let output = image.pixels.withUnsafeBytes { pixels in
                [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                    ok = png_image_write_to_memory(&png, buffer.baseAddress, &written, 0,
                                                   pixels.baseAddress, rowStride, nil) != 0
                    initialized = ok ? written : 0
                }
            }
            if ok { return output }
            if written > capacity {
                capacity = written
                continue
            }
            let message = withUnsafeBytes(of: &png.message) {
                String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw ImagingError.encodeFailed(message.isEmpty ? "libpng failed to write the image" : "libpng: \(message)")
        }
        throw ImagingError.encodeFailed("libpng kept asking for a larger output buffer")
    }

    /// Upper bound of the PNG size (PNG_IMAGE_PNG_SIZE_MAX from png.h, without the colour map terms).
    static func maximumSize(rawBytes: Int) -> Int {
        let compressed = rawBytes + (rawBytes + 7) >> 3 + (rawBytes + 63) >> 6 + 11
        return 8 + 25 + 16 + 44 + 12 + 12 + 12 * (compressed / 8192 + 1) + compressed
    }
}

extension PNGEncoder {
    /// Encodes 16-bit greyscale samples as a 16-bit greyscale PNG, samples stored as given and no
    /// gamma chunk (the way DICOM-to-PNG exports of X-rays usually look). Used to make test and
    /// benchmark images.
    ///
    /// - Parameters:
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - samples: `width * height` samples, row by row.
    /// - Returns: The PNG file bytes.
    /// - Throws: ``ImagingError`` `.encodeFailed` for a wrong sample count or a libpng failure.
    public static func encodeGrey16(width: Int, height: Int, samples: [UInt16]) throws -> [UInt8] {
        guard width > 0, height > 0, width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF,
              width.multipliedReportingOverflow(by: height) == (samples.count, false) else {
            throw ImagingError.encodeFailed("expected \(width) x \(height) samples, got \(samples.count)")
        }
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.opaque = nil
        png.width = UInt32(width)
        png.height = UInt32(height)
        png.format = UInt32(PNG_FORMAT_FLAG_LINEAR)
        defer { png_image_free(&png) }
        let capacity = maximumSize(rawBytes: samples.count * 2 + height)
        var written = capacity
        var ok = false
        let output = samples.withUnsafeBytes { pixels in
            [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                ok = png_image_write_to_memory(&png, buffer.baseAddress, &written, 0, pixels.baseAddress,
                                               Int32(width), nil) != 0
                initialized = ok ? written : 0
            }
        }
        guard ok else { throw ImagingError.encodeFailed("libpng could not write the 16-bit image") }
        return removingChunks(["gAMA", "cHRM", "sRGB"], from: output)
    }

    /// Drops ancillary chunks of the given types (their CRCs are self-contained).
    static func removingChunks(_ types: Set<String>, from bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 8 else { return bytes }
        var output = Array(bytes[0..<8])
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
                             | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]))
            let end = offset + 12 + length
            guard end <= bytes.count else { break }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if !types.contains(type) { output += bytes[offset..<end] }
            offset = end
        }
        return output
    }
}

extension PNGEncoder {
    /// zlib and filter settings of the fast writer (``FastPNGWriter``, `clearance_png_writer` in CLibPNG/shim.h).
    public struct FastSettings: Sendable, Equatable {
        /// zlib level 0...9.
        public var level: Int32
        /// zlib strategy: 0 default, 1 filtered, 2 Huffman only, 3 RLE.
        public var strategy: Int32
        /// PNG row filter mask (PNG_FILTER_NONE 0x08, SUB 0x10, UP 0x20, AVG 0x40, PAETH 0x80).
        public var filters: Int32

        /// Creates settings.
        public init(level: Int32, strategy: Int32, filters: Int32) {
            self.level = level
            self.strategy = strategy
            self.filters = filters
        }

        /// Level 1, Huffman-only coding, the SUB filter: measured on a noisy 5 MP X-ray-like image
        /// as both the quickest and the smallest of the fast choices (about 2x quicker than level 1
        /// LZ77, 5x quicker than the simplified writer's default).
        public static let `default` = FastSettings(level: 1, strategy: 2, filters: 0x10)
    }

    /// Encodes `image` with the classic-API fast writer.
    ///
    /// - Parameters:
    ///   - image: The pixels; must be consistent.
    ///   - settings: zlib level, strategy and row filters.
    /// - Returns: The PNG file bytes (8-bit, non-interlaced, no colour-space chunk).
    /// - Throws: ``ImagingError`` `.encodeFailed`.
    public static func encodeFast(_ image: PixelImage, settings: FastSettings = .default) throws -> [UInt8] {
        guard image.isConsistent, image.width <= 0x7FFF_FFFF, image.height <= 0x7FFF_FFFF else {
            throw ImagingError.encodeFailed("the pixel buffer holds \(image.pixels.count) samples, "
                + "not \(image.width) x \(image.height) x \(image.layout.channels)")
        }
        let writer = try FastPNGWriter(width: image.width, height: image.height, layout: image.layout, settings: settings)
        try image.pixels.withUnsafeBufferPointer { pixels in
            guard let base = pixels.baseAddress else { throw ImagingError.encodeFailed("no pixels to encode") }
            try writer.write(base, count: image.height)
        }
        return try writer.finish()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
