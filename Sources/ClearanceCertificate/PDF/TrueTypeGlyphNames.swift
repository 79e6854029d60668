import Foundation

/// Drops the glyph-name list from a TrueType font before it is embedded.
///
/// libharu copies the whole `post` table into every embedded font program. In DejaVu Sans that
/// table is 62 KB of PostScript glyph names (more than the outlines a certificate uses), which a
/// PDF viewer never reads for a CID-keyed TrueType font: glyphs are found through the
/// CIDToGIDMap and text is extracted through the ToUnicode map. The font is rewritten with a
/// version 3.0 `post` table (the same 32-byte header, no names); every other table is copied
/// byte for byte, so outlines, metrics, hinting and the name table are unchanged.
///
/// ```swift
/// let smaller = TrueTypeGlyphNames.removed(from: bytes) ?? bytes
/// ```
enum TrueTypeGlyphNames {
    /// The font without glyph names, or nil when `font` is not a TrueType file this can rewrite
    /// (no `post` table, a table outside the file, a collection): the caller then embeds the
    /// original bytes and lets libharu judge them.
    static func removed(from font: [UInt8]) -> [UInt8]? {
        guard font.count >= 12 else { return nil }
        let version = read32(font, 0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else { return nil }   // 1.0 or 'true'
        let tableCount = Int(read16(font, 4))
        let directoryEnd = 12 + 16 * tableCount
        guard tableCount > 0, directoryEnd <= font.count else { return nil }

        var tables: [(tag: UInt32, offset: Int, length: Int)] = []
        for index in 0..<tableCount {
            let entry = 12 + 16 * index
            let offset = Int(read32(font, entry + 8)), length = Int(read32(font, entry + 12))
            guard offset <= font.count, length <= font.count - offset else { return nil }
            tables.append((read32(font, entry), offset, length))
        }
        let postTag: UInt32 = 0x706F_7374   // 'post'
        guard let post = tables.first(where: { $0.tag == postTag }), post.length >= 32 else { return nil }
        guard read32(font, post.offset) != 0x0003_0000 else { return nil }   // already without names

        var shortPost = Array(font[post.offset..<(post.offset + 32)])
        write32(&shortPost, 0, 0x0003_0000)

        var output = Array(font[0..<directoryEnd])
        output.reserveCapacity(font.count)
        for (index, table) in tables.enumerated() {
            while output.count % 4 != 0 { output.append(0) }
            let data = table.tag == postTag ? shortPost[...] : font[table.offset..<(table.offset + table.length)]
            let entry = 12 + 16 * index
            write32(&output, entry + 4, checksum(data))
            write32(&output, entry + 8, UInt32(output.count))
            write32(&output, entry + 12, UInt32(data.count))
            output.append(contentsOf: data)
        }
        while output.count % 4 != 0 { output.append(0) }
        return output
    }

    /// The TrueType table checksum: the sum of big-endian 32-bit words, the last one zero-padded.
    static func checksum(_ data: ArraySlice<UInt8>) -> UInt32 {
        var sum: UInt32 = 0
        var index = data.startIndex
        while index < data.endIndex {
            var word: UInt32 = 0
            for byte in 0..<4 {
                word <<= 8
                if index + byte < data.endIndex { word |= UInt32(data[index + byte]) }
            }
            sum &+= word
            index += 4
        }
        return sum
    }

    private static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    private static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    private static func write32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        bytes[at] = UInt8(value >> 24)
        bytes[at + 1] = UInt8(truncatingIfNeeded: value >> 16)
        bytes[at + 2] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[at + 3] = UInt8(truncatingIfNeeded: value)
    }
}
