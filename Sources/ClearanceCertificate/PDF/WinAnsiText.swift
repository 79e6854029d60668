import Foundation

/// Text in PDF's WinAnsiEncoding (Windows-1252), for the single-byte fonts.
///
/// Most certificate text (labels, dates, Latin names) fits in this one-byte encoding, which
/// libharu embeds as a plain TrueType font: no 65,536-entry CID map and width table per font
/// and document, as a UTF-8 font needs. Only characters whose WinAnsi glyph is the glyph the
/// UTF-8 font would draw are encoded; the no-break space (0xA0, drawn as "space") and the soft
/// hyphen (0xAD, drawn as "hyphen") are left to the UTF-8 font.
///
/// ```swift
/// WinAnsiText.encode("Issued 2026-06-01 · Site")   // bytes, "·" as 0xB7
/// WinAnsiText.encode("Иванова")                    // nil: needs the UTF-8 font
/// ```
enum WinAnsiText {
    /// The code points of bytes 0x80...0x9F (0 where WinAnsiEncoding has none).
    static let highControls: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The byte for each encodable code point outside printable ASCII.
    static let bytes: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (offset, codePoint) in highControls.enumerated() where codePoint != 0 { map[codePoint] = UInt8(0x80 + offset) }
        for byte in UInt32(0xA1)...0xFF where byte != 0xAD { map[byte] = UInt8(byte) }
        return map
    }()

    /// `text` as a NUL-terminated WinAnsi string, or nil when a character does not fit.
    static func encode(_ text: String) -> [CChar]? {
        var output: [CChar] = []
        output.reserveCapacity(text.utf8.count + 1)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x20 && value < 0x7F {
                output.append(CChar(bitPattern: UInt8(value)))
            } else if let byte = bytes[value] {
                output.append(CChar(bitPattern: byte))
            } else {
                return nil
            }
        }
        output.append(0)
        return output
    }
}
