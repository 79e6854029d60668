/// A cheap structural check of PNG bytes: signature, IHDR, limits, chunk framing up to IEND.
///
/// It reads only chunk headers (8 bytes each) and the 13-byte IHDR, never decompresses, and
/// allocates nothing proportional to the image. CRCs and the compressed data are left to libpng.
enum PNGStructure {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Checks `bytes` and returns the header information.
    ///
    /// - Throws: ``ImagingError`` `.tooLarge` (file size, side or pixels over `limits`), `.notPNG`,
    ///   `.truncated` (ends inside a chunk or before IEND), `.corrupt` (bad IHDR or chunk framing).
    static func scan(_ bytes: UnsafeRawBufferPointer, limits: ImageLimits) throws -> PNGInfo {
        let count = bytes.count
        if count > limits.maxFileBytes {
            throw ImagingError.tooLarge(.fileBytes, limit: limits.maxFileBytes, actual: count)
        }
        if count == 0 { throw ImagingError.notPNG(empty: true) }
        let signatureLength = min(count, 8)
        for index in 0..<signatureLength where bytes[index] != signature[index] {
            throw ImagingError.notPNG(empty: false)
        }
        if count < 8 {
            throw ImagingError.truncated(byteCount: count, detail: "ends inside the 8-byte signature")
        }
        // IHDR: length(4) type(4) data(13) crc(4) at offset 8.
        if count < 33 {
            throw ImagingError.truncated(byteCount: count, detail: "ends inside the IHDR header chunk")
        }
        let ihdrLength = readUInt32(bytes, 8)
        if readUInt32(bytes, 12) != 0x4948_4452 || ihdrLength != 13 {
            throw ImagingError.corrupt("the first chunk is not a 13-byte IHDR header", offset: 8)
        }
        let width = Int(readUInt32(bytes, 16))
        let height = Int(readUInt32(bytes, 20))
        let bitDepth = bytes[24]
        let colorRaw = bytes[25]
        let compression = bytes[26], filter = bytes[27], interlace = bytes[28]
        if width == 0 || height == 0 || width > 0x7FFF_FFFF || height > 0x7FFF_FFFF {
            throw ImagingError.corrupt("IHDR declares an invalid size \(width)x\(height)", offset: 16)
        }
        guard let colorType = PNGColorType(rawValue: colorRaw) else {
            throw ImagingError.corrupt("IHDR declares unknown colour type \(colorRaw)", offset: 25)
        }
        if !colorType.allowedBitDepths.contains(bitDepth) {
            throw ImagingError.corrupt("IHDR declares bit depth \(bitDepth), not allowed for \(colorType)",
                                       offset: 24)
        }
        if compression != 0 || filter != 0 || interlace > 1 {
            throw ImagingError.corrupt("IHDR declares an unknown compression, filter or interlace method",
                                       offset: 26)
        }
        if width > limits.maxSide {
            throw ImagingError.tooLarge(.width, limit: limits.maxSide, actual: width)
        }
        if height > limits.maxSide {
            throw ImagingError.tooLarge(.height, limit: limits.maxSide, actual: height)
        }
        let pixels = width.multipliedReportingOverflow(by: height)
        if pixels.overflow || pixels.partialValue > limits.maxPixels {
            throw ImagingError.tooLarge(.pixels, limit: limits.maxPixels,
                                        actual: pixels.overflow ? Int.max : pixels.partialValue)
        }
        let transparency = try walkChunks(bytes, colorType: colorType)
        return PNGInfo(width: width, height: height, bitDepth: Int(bitDepth), colorType: colorType,
                       interlaced: interlace == 1, hasTransparencyChunk: transparency, fileBytes: count)
    }

    /// Walks chunk headers after IHDR up to IEND; returns whether a tRNS chunk was seen.
    private static func walkChunks(_ bytes: UnsafeRawBufferPointer, colorType: PNGColorType) throws -> Bool {
        let count = bytes.count
        var offset = 33
        var sawTRNS = false
        var sawIDAT = false
        while true {
            if offset + 8 > count {
                throw ImagingError.truncated(byteCount: count,
                                             detail: sawIDAT ? "no IEND chunk after the image data"
                                                 : "ends before any image data (IDAT)")
            }
            let length = Int(readUInt32(bytes, offset))
            let type = readUInt32(bytes, offset + 4)
            if length > 0x7FFF_FFFF {
                throw ImagingError.corrupt("a chunk declares an invalid length \(length)", offset: offset)
            }
            for shift in [24, 16, 8, 0] {
                let letter = UInt8(truncatingIfNeeded: type >> UInt32(shift))
                let isLetter = (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A)
                if !isLetter {
                    throw ImagingError.corrupt("a chunk has an invalid type code", offset: offset + 4)
                }
            }
            let end = offset + 12 + length
            if end > count {
                throw ImagingError.truncated(byteCount: count,
                                             detail: "ends inside the \(chunkName(type)) chunk starting at byte \(offset)")
            }
            switch type {
            case 0x7452_4E53: sawTRNS = colorType != .greyscaleAlpha && colorType != .rgba  // tRNS
            case 0x4944_4154: sawIDAT = true  // IDAT
            case 0x4945_4E44:  // IEND
                if !sawIDAT { throw ImagingError.corrupt("IEND comes before any IDAT image data", offset: offset) }
                return sawTRNS
            default: break
            }
            offset = end
        }
    }

    private static func chunkName(_ type: UInt32) -> String {
        String(decoding: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: type >> UInt32($0)) }, as: UTF8.self)
    }

    @inline(__always)
    static func readUInt32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
