import CLibPNG

/// A PNG's samples exactly as stored (full bit depth, sub-byte samples packed, palette indices),
/// read by libpng's classic API with no transform but interlace handling, plus its palette,
/// transparency and colour chunks. ``PNGDecoder`` converts it to 8 bits with ``EightBitRule``.
struct StoredPNG {
    /// Bytes per stored row (no padding between rows).
    var rowBytes: Int
    /// `rowBytes * height` bytes, rows top to bottom; 16-bit samples big-endian.
    var rows: [UInt8]
    /// gAMA, sRGB, iCCP and sBIT as libpng accepted them.
    var color: PNGColorInfo
    /// PLTE entries as RGB triples (empty without a palette).
    var palette: [UInt8]
    /// For a palette: alpha of the first entries (the rest are opaque); nil without tRNS.
    var paletteAlpha: [UInt8]?
    /// For grey (one value) or RGB (three values): the stored samples tRNS makes transparent.
    var transparentSamples: [Int]?

    /// Stored channels per pixel (a palette index counts as one).
    static func storedChannels(_ type: PNGColorType) -> Int {
        switch type {
        case .greyscale, .palette: return 1
        case .greyscaleAlpha: return 2
        case .rgb: return 3
        case .rgba: return 4
        }
    }

    /// Reads `bytes`, whose header ``PNGStructure/scan(_:limits:)`` has already checked as `info`.
    ///
    /// - Throws: ``ImagingError`` `.truncated` or `.corrupt` with libpng's message.
    static func read(_ bytes: UnsafeRawBufferPointer, info: PNGInfo) throws -> StoredPNG {
        guard let base = bytes.baseAddress else { throw ImagingError.notPNG(empty: true) }
        let bitsPerPixel = storedChannels(info.colorType) * info.bitDepth
        // Limits have bounded width * height, so these products cannot overflow Int64.
        let rowBytes = (info.width * bitsPerPixel + 7) / 8
        let total = rowBytes * info.height
        var stored = clearance_png_stored_info()
        var message = [CChar](repeating: 0, count: 256)
        var status: Int32 = -1
        let rows = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            status = message.withUnsafeMutableBufferPointer { text in
                clearance_png_read_stored(base.assumingMemoryBound(to: UInt8.self), bytes.count, buffer.baseAddress,
                                          rowBytes, UInt32(info.height), &stored, text.baseAddress, text.count)
            }
            initialized = status == 0 ? total : 0
        }
        guard status == 0 else { throw libpngError(String(cString: message), byteCount: bytes.count) }
        guard Int(stored.width) == info.width, Int(stored.bit_depth) == info.bitDepth,
              Int(stored.color_type) == Int(info.colorType.rawValue) else {
            throw ImagingError.corrupt("libpng read a different header than the IHDR chunk")
        }
        return StoredPNG(rowBytes: rowBytes, rows: rows, color: colorInfo(stored, info: info),
                         palette: palette(stored), paletteAlpha: paletteAlpha(stored, info: info),
                         transparentSamples: transparent(stored, info: info))
    }

    private static func colorInfo(_ stored: clearance_png_stored_info, info: PNGInfo) -> PNGColorInfo {
        var significant: [Int]?
        if stored.has_sbit != 0 {
            let all = withUnsafeBytes(of: stored.sbit) { Array($0).map(Int.init) }
            let decodedChannels: Int
            switch info.colorType {
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

    private static func palette(_ stored: clearance_png_stored_info) -> [UInt8] {
        let count = Int(stored.palette_count)
        return withUnsafeBytes(of: stored.palette) { Array($0.prefix(count * 3)) }
    }

    private static func paletteAlpha(_ stored: clearance_png_stored_info, info: PNGInfo) -> [UInt8]? {
        guard info.colorType == .palette, stored.has_trns != 0 else { return nil }
        let count = Int(stored.trns_count)
        return withUnsafeBytes(of: stored.trns_alpha) { Array($0.prefix(count)) }
    }

    private static func transparent(_ stored: clearance_png_stored_info, info: PNGInfo) -> [Int]? {
        guard stored.has_trns != 0 else { return nil }
        switch info.colorType {
        case .greyscale: return [Int(stored.trns_grey)]
        case .rgb: return [Int(stored.trns_red), Int(stored.trns_green), Int(stored.trns_blue)]
        default: return nil
        }
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
