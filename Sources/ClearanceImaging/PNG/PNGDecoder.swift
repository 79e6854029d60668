import CLibPNG

/// A decoded PNG: its header information, what it declares about colour, and an 8-bit copy of
/// its pixels.
public struct DecodedPNG: Sendable, Equatable {
    /// What the file's header and structure say (``PNGInfo/hasTransparencyChunk`` as libpng
    /// accepted it).
    public var info: PNGInfo
    /// gAMA, sRGB, iCCP and sBIT as libpng read them: with the samples, all the 8-bit copy depends on.
    public var color: PNGColorInfo
    /// The pixels as 8-bit samples: grey, grey+alpha, RGB or RGBA as the file has them (palette
    /// images become RGB or RGBA, a tRNS chunk adds alpha), converted by ``EightBitRule``.
    public var image: PixelImage
}

/// Decodes PNG bytes safely with libpng.
///
/// Order of checks: file size, signature, IHDR, width/height/pixel limits, chunk framing, all on
/// the raw bytes, then libpng. No pixel buffer is allocated before the limits pass. libpng reads
/// the samples as stored at full depth, with no transform but its interlace handling
/// (`png_read_image` assembles Adam7 passes into whole rows), through a C function that keeps
/// setjmp/longjmp inside C and reports libpng's message, which becomes ``ImagingError/libpngMessage``.
/// The conversion to 8 bits is then ``EightBitRule``, the same for every depth and interlacing.
///
/// ```swift
/// let decoded = try PNGDecoder.decode(bytes)
/// print(decoded.info.summary, decoded.image.layout)
/// ```
public enum PNGDecoder {
    /// Checks the bytes and returns the header information without decoding pixels.
    ///
    /// - Parameters:
    ///   - bytes: The PNG file.
    ///   - limits: Size limits.
    /// - Returns: Header information.
    /// - Throws: ``ImagingError`` `.tooLarge`, `.notPNG`, `.truncated` or `.corrupt`.
    public static func inspect(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits = .default) throws -> PNGInfo {
        try PNGStructure.scan(bytes, limits: limits)
    }

    /// Decodes the bytes to 8-bit pixels.
    ///
    /// - Parameters:
    ///   - bytes: The PNG file.
    ///   - limits: Size limits, checked before any pixel buffer is allocated.
    /// - Returns: Header information, colour information and 8-bit pixels.
    /// - Throws: ``ImagingError`` `.tooLarge`, `.notPNG`, `.truncated` or `.corrupt`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits = .default) throws -> DecodedPNG {
        var info = try PNGStructure.scan(bytes, limits: limits)
        let stored = try StoredPNG.read(bytes, info: info)
        info.hasTransparencyChunk = stored.paletteAlpha != nil || stored.transparentSamples != nil
        return DecodedPNG(info: info, color: stored.color, image: try stored.eightBitImage(info))
    }

    /// Decodes the bytes to 8-bit pixels (array convenience).
    ///
    /// - Parameters:
    ///   - bytes: The PNG file.
    ///   - limits: Size limits.
    /// - Returns: Header information and 8-bit pixels.
    /// - Throws: See ``decode(_:limits:)-(UnsafeRawBufferPointer,_)``.
    public static func decode(_ bytes: [UInt8], limits: ImageLimits = .default) throws -> DecodedPNG {
        try bytes.withUnsafeBytes { try decode($0, limits: limits) }
    }

    /// Decodes to libpng's native simplified format (16-bit linear samples for 16-bit files,
    /// 8-bit otherwise, palette expanded), with the same checks. Used as the baseline of the
    /// imaging benchmark.
    ///
    /// - Parameters:
    ///   - bytes: The PNG file.
    ///   - limits: Size limits.
    /// - Returns: Header information and the raw sample bytes (native-endian `UInt16` when 16-bit).
    /// - Throws: ``ImagingError`` as ``decode(_:limits:)-(UnsafeRawBufferPointer,_)``.
    public static func decodeNative(_ bytes: UnsafeRawBufferPointer,
                                    limits: ImageLimits = .default) throws -> (info: PNGInfo, samples: [UInt8]) {
        let info = try PNGStructure.scan(bytes, limits: limits)
        let samples = try readNative(bytes, info: info)
        return (info, samples)
    }

    // MARK: - libpng

    static func formatFlags(for layout: PixelLayout) -> UInt32 {
        (layout.isColor ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0) | (layout.hasAlpha ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
    }

    /// Runs the simplified API's begin_read / finish_read in libpng's native format (colour-map flag removed).
    private static func readNative(_ bytes: UnsafeRawBufferPointer, info: PNGInfo) throws -> [UInt8] {
        guard let base = bytes.baseAddress else { throw ImagingError.notPNG(empty: true) }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.opaque = nil
        defer { png_image_free(&image) }
        guard png_image_begin_read_from_memory(&image, base, bytes.count) != 0 else {
            throw libpngError(&image, byteCount: bytes.count)
        }
        guard Int(image.width) == info.width, Int(image.height) == info.height else {
            throw ImagingError.corrupt("libpng read a different size than the IHDR header")
        }
        let chosen = image.format & ~UInt32(PNG_FORMAT_FLAG_COLORMAP)
        image.format = chosen
        let channels = Int(chosen & 0x03) + 1
        let componentBytes = chosen & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 ? 2 : 1
        // Limits have bounded width * height, so these products cannot overflow Int64.
        let rowStride = channels * info.width
        guard rowStride <= Int(Int32.max) else {
            throw ImagingError.tooLarge(.width, limit: Int(Int32.max) / channels, actual: info.width)
        }
        let total = rowStride * componentBytes * info.height
        var succeeded = false
        let samples = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            succeeded = png_image_finish_read(&image, nil, buffer.baseAddress, Int32(rowStride), nil) != 0
            initialized = succeeded ? total : 0
        }
        guard succeeded else { throw libpngError(&image, byteCount: bytes.count) }
        return samples
    }

    private static func libpngError(_ image: inout png_image, byteCount: Int) -> ImagingError {
        let message = withUnsafeBytes(of: &image.message) { raw -> String in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return StoredPNG.libpngError(message, byteCount: byteCount)
    }
}
