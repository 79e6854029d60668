extension StoredPNG {
    /// The decoded layout: grey or colour (palette is colour), with alpha for the alpha colour
    /// types and for any tRNS libpng accepted.
    func decodedLayout(_ info: PNGInfo) -> PixelLayout {
        let alpha = info.colorType == .greyscaleAlpha || info.colorType == .rgba
            || paletteAlpha != nil || transparentSamples != nil
        return PixelLayout(color: info.isColor, alpha: alpha)
    }

    /// Converts the stored samples to an 8-bit image with ``EightBitRule`` (the only conversion).
    ///
    /// - Throws: ``ImagingError`` `.corrupt` when a pixel uses a palette entry the palette lacks.
    func eightBitImage(_ info: PNGInfo) throws -> PixelImage {
        let layout = decodedLayout(info)
        let exponent = EightBitRule.exponent(for: color)
        var output = [UInt8](repeating: 0, count: info.width * info.height * layout.channels)
        if info.colorType == .palette {
            try expandPalette(info, layout: layout, exponent: exponent, into: &output)
        } else if info.bitDepth < 8 {
            unpackGrey(info, exponent: exponent, into: &output)
        } else {
            convertWhole(info, layout: layout, exponent: exponent, into: &output)
        }
        return PixelImage(width: info.width, height: info.height, layout: layout, pixels: output)
    }

    /// sBIT of decoded channel `index`, when declared.
    private func significant(_ index: Int) -> Int? {
        guard let bits = color.significantBits, index < bits.count else { return nil }
        return bits[index]
    }

    /// 8- and 16-bit grey, grey+alpha, RGB and RGBA, with tRNS for grey and RGB.
    private func convertWhole(_ info: PNGInfo, layout: PixelLayout, exponent: Double, into output: inout [UInt8]) {
        let depth = info.bitDepth, stored = Self.storedChannels(info.colorType)
        let hasStoredAlpha = info.colorType == .greyscaleAlpha || info.colorType == .rgba
        let size = 1 << depth
        // One table per stored channel, side by side: channel c's value v is at c * size + v.
        var tables = [UInt8]()
        tables.reserveCapacity(stored * size)
        var built: [Int?: [UInt8]] = [:]
        for channel in 0..<stored {
            let isAlpha = hasStoredAlpha && channel == stored - 1
            if isAlpha {
                tables += EightBitRule.table(storedBits: depth, significantBits: significant(channel))
            } else {
                let bits = significant(channel)
                let table = built[bits] ?? EightBitRule.table(storedBits: depth, significantBits: bits, exponent: exponent)
                built[bits] = table
                tables += table
            }
        }
        let (width, height, rowBytes) = (info.width, info.height, self.rowBytes)
        let key = transparentSamples
        let outChannels = layout.channels
        rows.withUnsafeBufferPointer { source in
            tables.withUnsafeBufferPointer { table in
                output.withUnsafeMutableBufferPointer { out in
                    var o = 0
                    if depth == 16 && stored == 1 && key == nil {
                        for y in 0..<height {
                            var s = y * rowBytes
                            for _ in 0..<width {
                                out[o] = table[Int(source[s]) << 8 | Int(source[s + 1])]
                                s += 2
                                o += 1
                            }
                        }
                        return
                    }
                    let bytesPerSample = depth / 8
                    for y in 0..<height {
                        var s = y * rowBytes
                        for _ in 0..<width {
                            var matches = key != nil
                            for channel in 0..<stored {
                                let value = bytesPerSample == 2 ? Int(source[s]) << 8 | Int(source[s + 1]) : Int(source[s])
                                s += bytesPerSample
                                out[o + channel] = table[channel << depth | value]
                                if let key, key[channel] != value { matches = false }
                            }
                            if key != nil { out[o + stored] = matches ? 0 : 255 }
                            o += outChannels
                        }
                    }
                }
            }
        }
    }

    /// 1-, 2- and 4-bit grey (packed, most significant bits first), with tRNS.
    private func unpackGrey(_ info: PNGInfo, exponent: Double, into output: inout [UInt8]) {
        let depth = info.bitDepth
        let table = EightBitRule.table(storedBits: depth, significantBits: significant(0), exponent: exponent)
        let key = transparentSamples?.first
        let channels = key == nil ? 1 : 2
        forEachPackedSample(info) { index, value in
            output[index * channels] = table[value]
            if let key { output[index * channels + 1] = value == key ? 0 : 255 }
        }
    }

    /// Palette indices (1 to 8 bits) to RGB or RGBA entries converted by the rule.
    private func expandPalette(_ info: PNGInfo, layout: PixelLayout, exponent: Double,
                               into output: inout [UInt8]) throws {
        let entries = palette.count / 3
        let channels = layout.channels
        let tables = (0..<3).map { EightBitRule.table(storedBits: 8, significantBits: significant($0), exponent: exponent) }
        var expanded = [UInt8](repeating: 0, count: 256 * channels)
        for entry in 0..<entries {
            for channel in 0..<3 { expanded[entry * channels + channel] = tables[channel][Int(palette[entry * 3 + channel])] }
            if let alpha = paletteAlpha { expanded[entry * channels + 3] = entry < alpha.count ? alpha[entry] : 255 }
        }
        var highest = 0
        forEachPackedSample(info) { index, value in
            highest = max(highest, value)
            let from = value * channels, to = index * channels
            for channel in 0..<channels { output[to + channel] = expanded[from + channel] }
        }
        if highest >= entries {
            throw ImagingError.corrupt("a pixel uses palette entry \(highest), but the palette (PLTE) has \(entries) entries")
        }
    }

    /// Calls `body(pixelIndex, value)` for every sample of a one-sample-per-pixel image of 1 to 8 bits.
    private func forEachPackedSample(_ info: PNGInfo, _ body: (Int, Int) -> Void) {
        let depth = info.bitDepth, width = info.width, rowBytes = self.rowBytes
        let mask = (1 << depth) - 1
        rows.withUnsafeBufferPointer { source in
            var index = 0
            for y in 0..<info.height {
                let row = y * rowBytes
                for x in 0..<width {
                    let bit = x * depth
                    let shift = 8 - depth - (bit & 7)
                    body(index, Int(source[row + bit >> 3]) >> shift & mask)
                    index += 1
                }
            }
        }
    }
}
