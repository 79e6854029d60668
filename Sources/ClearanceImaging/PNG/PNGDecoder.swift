import CLibPNG

/// A decoded PNG: its header information and an 8-bit copy of its pixels.
public struct DecodedPNG: Sendable, Equatable {
    /// What the file's header and structure say.
    public var info: PNGInfo
    /// The pixels as 8-bit samples: grey, grey+alpha, RGB or RGBA as the file has them
    /// (palette images become RGB or RGBA, 1/2/4-bit grey is scaled to 0...255, 16-bit is scaled down).
    public var image: PixelImage
}

/// Decodes PNG bytes safely with libpng's simplified `png_image_*` API.
///
/// Order of checks: file size, signature, IHDR, width/height/pixel limits, chunk framing, all on
/// the raw bytes, then libpng. No pixel buffer is allocated before the limits pass. libpng's
/// simplified API catches its own errors internally (setjmp inside libpng, never across a Swift
/// frame) and reports them through `png_image.message`, which becomes ``ImagingError/libpngMessage``.
///
/// 16-bit samples are scaled to 8 bits as stored (v * 255 / 65535, no gamma curve), which keeps
/// the appearance of greyscale X-rays; libpng would otherwise treat 16-bit data as linear light.
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
    /// - Returns: Header information and 8-bit pixels.
    /// - Throws: ``ImagingError`` `.tooLarge`, `.notPNG`, `.truncated` or `.corrupt`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits = .default) throws -> DecodedPNG {
        let info = try PNGStructure.scan(bytes, limits: limits)
        let layout = PixelLayout(color: info.isColor, alpha: info.hasAlpha)
        if info.bitDepth == 16 && info.interlaced {
            // libpng 1.6.39's simplified reader scrambles rows of interlaced 16-bit images when it
            // converts them to 8 bits (found by the grey16_adam7 fixture); its 16-bit output is right.
            let linear = formatFlags(for: layout) | UInt32(PNG_FORMAT_FLAG_LINEAR)
            let (samples, _) = try readPixels(bytes, info: info, format: linear, flags: 0)
            let pixels = Self.eightBit(fromLinear: samples, layout: layout, sRGBEncode: info.declaresColorSpace)
            return DecodedPNG(info: info, image: PixelImage(width: info.width, height: info.height,
                                                            layout: layout, pixels: pixels))
        }
        let format = formatFlags(for: layout)
        let flags = info.bitDepth == 16 ? UInt32(PNG_IMAGE_FLAG_16BIT_sRGB) : 0
        let (samples, actualFormat) = try readPixels(bytes, info: info, format: format, flags: flags)
        let actualLayout = PixelLayout(color: actualFormat & UInt32(PNG_FORMAT_FLAG_COLOR) != 0,
                                       alpha: actualFormat & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0)
        let image = PixelImage(width: info.width, height: info.height, layout: actualLayout, pixels: samples)
        return DecodedPNG(info: info, image: image)
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
        let (samples, _) = try readPixels(bytes, info: info, format: nil, flags: 0)
        return (info, samples)
    }

    // MARK: - libpng

    static func formatFlags(for layout: PixelLayout) -> UInt32 {
        (layout.isColor ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0) | (layout.hasAlpha ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
    }

    /// Runs begin_read / finish_read. `format` nil keeps libpng's native format (colour-map flag removed).
    private static func readPixels(_ bytes: UnsafeRawBufferPointer, info: PNGInfo,
                                   format: UInt32?, flags: UInt32) throws -> ([UInt8], UInt32) {
        guard let base = bytes.baseAddress else { throw ImagingError.notPNG(empty: true) }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.opaque = nil
        defer { png_image_free(&image) }
        guard png_image_begin_read_from_memory(&image, base, bytes.count) != 0 else {
            throw libpngError(&image)
        }
        guard Int(image.width) == info.width, Int(image.height) == info.height else {
            throw ImagingError.corrupt("libpng read a different size than the IHDR header")
        }
        let chosen = format ?? (image.format & ~UInt32(PNG_FORMAT_FLAG_COLORMAP))
        image.format = chosen
        image.flags |= flags
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
        guard succeeded else { throw libpngError(&image) }
        return (samples, chosen)
    }

    private static func libpngError(_ image: inout png_image) -> ImagingError {
        let message = withUnsafeBytes(of: &image.message) { raw -> String in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let text = message.isEmpty ? "libpng could not decode the data" : message
        if text.contains("read beyond end of data") {
            return ImagingError.truncated(byteCount: 0, detail: "libpng: \(text)")
        }
        return ImagingError.corrupt(text, libpng: message.isEmpty ? nil : message)
    }
}
