import CLibPNG

/// Reads a PNG's samples exactly as stored (full bit depth, sub-byte samples packed, palette
/// indices) with libpng's classic API and no transform but interlace handling, plus its palette,
/// transparency and colour chunks. ``PNGDecoder`` converts the rows with ``EightBitRule``.
///
/// Non-interlaced rows can be read a few at a time; an interlaced image is read whole
/// (`png_read_image` spreads its Adam7 passes over every row). The bytes must stay valid while
/// the reader is used.
final class StoredPNGReader {
    /// The header as the structure check found it, tRNS as libpng accepted it.
    let info: PNGInfo
    /// Bytes per stored row (no padding between rows).
    let rowBytes: Int
    /// gAMA, sRGB, iCCP and sBIT as libpng accepted them.
    let color: PNGColorInfo
    /// PLTE entries as RGB triples (empty without a palette).
    let palette: [UInt8]
    /// For a palette: alpha of the first entries (the rest are opaque); nil without tRNS.
    let paletteAlpha: [UInt8]?
    /// For grey (one value) or RGB (three values): the stored samples tRNS makes transparent.
    let transparentSamples: [Int]?
    private let handle: UnsafeMutablePointer<clearance_png_reader>
    private let byteCount: Int

    /// Stored channels per pixel (a palette index counts as one).
    static func storedChannels(_ type: PNGColorType) -> Int {
        switch type {
        case .greyscale, .palette: return 1
        case .greyscaleAlpha: return 2
        case .rgb: return 3
        case .rgba: return 4
        }
    }

    /// Opens `bytes`, whose header ``PNGStructure/scan(_:limits:)`` has already checked as `checked`.
    ///
    /// - Throws: ``ImagingError`` `.truncated` or `.corrupt` with libpng's message.
    init(_ bytes: UnsafeRawBufferPointer, checked: PNGInfo) throws {
        guard let base = bytes.baseAddress else { throw ImagingError.notPNG(empty: true) }
        // Limits have bounded width * height, so these products cannot overflow Int64.
        let rowBytes = (checked.width * Self.storedChannels(checked.colorType) * checked.bitDepth + 7) / 8
        var stored = clearance_png_stored_info()
        guard let handle = clearance_png_reader_open(base.assumingMemoryBound(to: UInt8.self), bytes.count,
                                                     rowBytes, UInt32(checked.height), &stored) else {
            throw ImagingError.corrupt("out of memory while starting libpng")
        }
        self.handle = handle
        self.byteCount = bytes.count
        self.rowBytes = rowBytes
        if handle.pointee.failed != 0 {
            // deinit does not run for a failed init: close here.
            let error = Self.libpngError(String(cString: clearance_png_reader_message(handle)), byteCount: bytes.count)
            clearance_png_reader_close(handle)
            throw error
        }
        guard Int(stored.width) == checked.width, Int(stored.bit_depth) == checked.bitDepth,
              Int(stored.color_type) == Int(checked.colorType.rawValue) else {
            clearance_png_reader_close(handle)
            throw ImagingError.corrupt("libpng read a different header than the IHDR chunk")
        }
        color = Self.colorInfo(stored, type: checked.colorType)
        let count = Int(stored.palette_count)
        palette = withUnsafeBytes(of: stored.palette) { Array($0.prefix(count * 3)) }
        let alphaCount = Int(stored.trns_count)
        paletteAlpha = checked.colorType == .palette && stored.has_trns != 0
            ? withUnsafeBytes(of: stored.trns_alpha) { Array($0.prefix(alphaCount)) } : nil
        switch (checked.colorType, stored.has_trns != 0) {
        case (.greyscale, true): transparentSamples = [Int(stored.trns_grey)]
        case (.rgb, true): transparentSamples = [Int(stored.trns_red), Int(stored.trns_green), Int(stored.trns_blue)]
        default: transparentSamples = nil
        }
        var info = checked
        info.hasTransparencyChunk = paletteAlpha != nil || transparentSamples != nil
        self.info = info
    }

    deinit { clearance_png_reader_close(handle) }

    /// Reads the next `count` stored rows into `buffer` (`count * rowBytes` bytes); for an
    /// interlaced image, `count` is the height.
    ///
    /// - Throws: ``ImagingError`` `.truncated` or `.corrupt` with libpng's message.
    func readRows(_ count: Int, into buffer: UnsafeMutablePointer<UInt8>) throws {
        guard clearance_png_reader_rows(handle, buffer, UInt32(count)) == 0 else { throw lastError() }
    }

    /// Reads the chunks after the image data up to IEND.
    ///
    /// - Throws: ``ImagingError`` `.truncated` or `.corrupt` with libpng's message.
    func finish() throws {
        guard clearance_png_reader_finish(handle) == 0 else { throw lastError() }
    }

    private func lastError() -> ImagingError {
        Self.libpngError(String(cString: clearance_png_reader_message(handle)), byteCount: byteCount)
    }

    private static func colorInfo(_ stored: clearance_png_stored_info, type: PNGColorType) -> PNGColorInfo {
        var significant: [Int]?
        if stored.has_sbit != 0 {
            let all = withUnsafeBytes(of: stored.sbit) { Array($0).map(Int.init) }
            let decodedChannels: Int
            switch type {
            case .greyscale: decodedChannels = 1
            case .greyscaleAlpha: decodedChannels = 2
            case .rgb, .palette: decodedChannels = 3
            case .rgba: decodedChannels = 4
            }
            significant = Array(all.prefix(decodedChannels))
        }
        return PNGColorInfo(gamma: stored.gamma_fixed > 0 ? Double(stored.gamma_fixed) / 100_000 : nil,
                            sRGB: stored.has_srgb != 0, iccProfile: stored.has_iccp != 0, significantBits: significant)
    }

    /// libpng's message as a typed error (running out of bytes is a truncated file).
    static func libpngError(_ message: String, byteCount: Int) -> ImagingError {
        let text = message.isEmpty ? "libpng could not decode the data" : message
        if text.contains("read beyond end of data") {
            return ImagingError.truncated(byteCount: byteCount, detail: "libpng: \(text)")
        }
        return ImagingError.corrupt(text, libpng: message.isEmpty ? nil : message)
    }
}
