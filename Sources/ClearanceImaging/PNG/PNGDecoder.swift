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

/// Told about rows of a decode as they are converted (``PNGDecoder``'s streaming path).
protocol DecodedRowSink: AnyObject {
    /// Called once, before any row.
    func begin(width: Int, height: Int, layout: PixelLayout)
    /// `count` more rows of 8-bit pixels, in order, at `start` (valid until the decoded image is
    /// released, or until ``end(completed:)`` with `completed` false returns).
    func rows(_ start: UnsafePointer<UInt8>, count: Int)
    /// Called once at the end. With `completed` false the decode failed and the rows' memory is
    /// about to be freed: return only once the rows are no longer read.
    func end(completed: Bool)
}

/// Decodes PNG bytes safely with libpng.
///
/// Order of checks: file size, signature, IHDR, width/height/pixel limits, chunk framing, all on
/// the raw bytes, then libpng. No pixel buffer is allocated before the limits pass. libpng reads
/// the samples as stored at full depth, with no transform but its interlace handling
/// (`png_read_image` assembles Adam7 passes into whole rows; other images are read in steps of
/// rows), through C functions that keep setjmp/longjmp inside C and report libpng's message,
/// which becomes ``ImagingError/libpngMessage``. Every row is then converted to 8 bits by
/// ``EightBitRule``, the same for every depth and interlacing.
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
        try decode(bytes, limits: limits, sink: nil)
    }

    /// Rows of a non-interlaced image read and converted at a time (about 256 KiB of stored rows).
    static func rowsPerStep(rowBytes: Int, height: Int) -> Int { max(1, min(height, (256 << 10) / max(1, rowBytes))) }

    /// Decodes, telling `sink` about each group of rows once it is converted, so that a copy can
    /// be encoded while later rows are still being decoded. Every path, with or without a sink,
    /// reads the same stored rows and converts them with the same ``EightBitConverter``.
    static func decode(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits, sink: DecodedRowSink?) throws -> DecodedPNG {
        let checked = try PNGStructure.scan(bytes, limits: limits)
        let reader = try StoredPNGReader(bytes, checked: checked)
        let info = reader.info, converter = EightBitConverter(reader)
        let (height, rowBytes, outRow) = (info.height, reader.rowBytes, converter.outputRowBytes)
        let total = outRow * height
        let pixels = try [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let out = buffer.baseAddress else { throw ImagingError.corrupt("no pixel buffer") }
            var completed = false
            sink?.begin(width: info.width, height: height, layout: converter.layout)
            defer { sink?.end(completed: completed) }
            var highest = 0
            if info.interlaced {
                var stored = [UInt8](repeating: 0, count: rowBytes * height)
                try stored.withUnsafeMutableBufferPointer { raw in
                    guard let base = raw.baseAddress else { return }
                    try reader.readRows(height, into: base)
                    highest = converter.convert(base, rows: height, into: out)
                }
                try converter.check(highestIndex: highest)
                sink?.rows(out, count: height)
            } else {
                let step = rowsPerStep(rowBytes: rowBytes, height: height)
                var stored = [UInt8](repeating: 0, count: rowBytes * step)
                try stored.withUnsafeMutableBufferPointer { raw in
                    guard let base = raw.baseAddress else { return }
                    var y = 0
                    while y < height {
                        let count = min(step, height - y)
                        try reader.readRows(count, into: base)
                        let target = out + y * outRow
                        highest = max(highest, converter.convert(base, rows: count, into: target))
                        try converter.check(highestIndex: highest)
                        sink?.rows(UnsafePointer(target), count: count)
                        y += count
                    }
                }
            }
            try reader.finish()
            initialized = total
            completed = true
        }
        let image = PixelImage(width: info.width, height: height, layout: converter.layout, pixels: pixels)
        return DecodedPNG(info: info, color: reader.color, image: image)
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
        return StoredPNGReader.libpngError(message, byteCount: byteCount)
    }
}
