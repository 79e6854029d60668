/// Applies ``EightBitRule`` to stored rows from a ``StoredPNGReader``, a few rows at a time: the
/// lookup tables for the file's depth, sBIT and gamma are made once, then every row of every
/// colour type, depth and interlacing goes through ``convert(_:rows:into:)``.
struct EightBitConverter {
    /// The decoded layout: grey or colour (palette is colour), with alpha for the alpha colour
    /// types and for any tRNS libpng accepted.
    let layout: PixelLayout
    private let type: PNGColorType
    private let depth: Int
    private let width: Int
    private let rowBytes: Int
    /// One table per stored channel side by side (channel c's value v at c << depth | v); for a
    /// palette, the expanded entries (index i's samples at i * layout.channels).
    private let tables: [UInt8]
    private let transparent: [Int]?
    private let paletteEntries: Int

    init(_ reader: StoredPNGReader) {
        let info = reader.info
        type = info.colorType
        depth = info.bitDepth
        width = info.width
        rowBytes = reader.rowBytes
        transparent = reader.transparentSamples
        let alpha = type == .greyscaleAlpha || type == .rgba || reader.paletteAlpha != nil || transparent != nil
        layout = PixelLayout(color: info.isColor, alpha: alpha)
        let exponent = EightBitRule.exponent(for: reader.color)
        let bits = reader.color.significantBits
        func significant(_ channel: Int) -> Int? { bits.flatMap { channel < $0.count ? $0[channel] : nil } }
        paletteEntries = reader.palette.count / 3
        if type == .palette {
            let channels = layout.channels
            let colour = (0..<3).map { EightBitRule.table(storedBits: 8, significantBits: significant($0), exponent: exponent) }
            var expanded = [UInt8](repeating: 0, count: 256 * channels)
            for entry in 0..<paletteEntries {
                for c in 0..<3 { expanded[entry * channels + c] = colour[c][Int(reader.palette[entry * 3 + c])] }
                if let alphas = reader.paletteAlpha { expanded[entry * channels + 3] = entry < alphas.count ? alphas[entry] : 255 }
            }
            tables = expanded
            return
        }
        let stored = StoredPNGReader.storedChannels(type)
        let hasStoredAlpha = type == .greyscaleAlpha || type == .rgba
        var all = [UInt8]()
        var made: [Int?: [UInt8]] = [:]
        for channel in 0..<stored {
            if hasStoredAlpha && channel == stored - 1 {
                all += EightBitRule.table(storedBits: depth, significantBits: significant(channel))
            } else {
                let table = made[significant(channel)]
                    ?? EightBitRule.table(storedBits: depth, significantBits: significant(channel), exponent: exponent)
                made[significant(channel)] = table
                all += table
            }
        }
        tables = all
    }

    /// Bytes of one converted row.
    var outputRowBytes: Int { width * layout.channels }

    /// Converts `rows` stored rows (`rows * rowBytes` bytes at `source`) into `output`.
    ///
    /// - Returns: The highest palette index met (0 for other types), for ``check(highestIndex:)``.
    func convert(_ source: UnsafePointer<UInt8>, rows: Int, into output: UnsafeMutablePointer<UInt8>) -> Int {
        tables.withUnsafeBufferPointer { table in
            if type == .palette || depth < 8 { return convertPacked(source, rows: rows, table: table, into: output) }
            convertWhole(source, rows: rows, table: table, into: output)
            return 0
        }
    }

    /// Refuses an image whose pixels used a palette entry the palette lacks.
    func check(highestIndex: Int) throws {
        if type == .palette && highestIndex >= paletteEntries {
            throw ImagingError.corrupt("a pixel uses palette entry \(highestIndex), but the palette (PLTE) has \(paletteEntries) entries")
        }
    }

    /// 8- and 16-bit grey, grey+alpha, RGB and RGBA, with tRNS for grey and RGB.
    private func convertWhole(_ source: UnsafePointer<UInt8>, rows: Int, table: UnsafeBufferPointer<UInt8>,
                              into out: UnsafeMutablePointer<UInt8>) {
        let stored = StoredPNGReader.storedChannels(type), outChannels = layout.channels
        let (depth, width, rowBytes, key) = (self.depth, self.width, self.rowBytes, transparent)
        var o = 0
        if depth == 16 && stored == 1 && key == nil {
            for y in 0..<rows {
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
        for y in 0..<rows {
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

    /// One sample a pixel of 1 to 8 bits, packed most significant bits first: low-bit grey (with
    /// tRNS) and palette indices.
    private func convertPacked(_ source: UnsafePointer<UInt8>, rows: Int, table: UnsafeBufferPointer<UInt8>,
                               into out: UnsafeMutablePointer<UInt8>) -> Int {
        let (depth, width, rowBytes) = (self.depth, self.width, self.rowBytes)
        let mask = (1 << depth) - 1, channels = layout.channels
        let isPalette = type == .palette
        let key = transparent?.first
        var highest = 0, o = 0
        for y in 0..<rows {
            let row = y * rowBytes
            for x in 0..<width {
                let bit = x * depth
                let value = Int(source[row + bit >> 3]) >> (8 - depth - (bit & 7)) & mask
                if isPalette {
                    highest = max(highest, value)
                    for c in 0..<channels { out[o + c] = table[value * channels + c] }
                } else {
                    out[o] = table[value]
                    if let key { out[o + 1] = value == key ? 0 : 255 }
                }
                o += channels
            }
        }
        return highest
    }
}
