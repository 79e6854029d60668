import CHaru
@testable import ClearanceCertificate
import Foundation
import Testing

/// The font work done once per process: glyph names dropped, direct glyph table.
@Suite struct FontPreparationTests {
    static let regularPath = CertificateRenderer.defaultRegularFont

    /// Table directory entries of a TrueType file: tag -> (offset, length).
    func tables(_ font: [UInt8]) -> [String: (offset: Int, length: Int)] {
        func read32(_ at: Int) -> Int { Int(font[at]) << 24 | Int(font[at + 1]) << 16 | Int(font[at + 2]) << 8 | Int(font[at + 3]) }
        let count = Int(font[4]) << 8 | Int(font[5])
        var result: [String: (Int, Int)] = [:]
        for index in 0..<count {
            let entry = 12 + 16 * index
            result[String(decoding: font[entry..<(entry + 4)], as: UTF8.self)] = (read32(entry + 8), read32(entry + 12))
        }
        return result
    }

    @Test func glyphNamesAreDroppedAndEveryOtherTableIsKept() throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.regularPath)))
        let smaller = try #require(TrueTypeGlyphNames.removed(from: original))
        let before = tables(original), after = tables(smaller)
        #expect(Set(before.keys) == Set(after.keys))
        for (tag, table) in before where tag != "post" {
            let copy = try #require(after[tag])
            #expect(Array(smaller[copy.offset..<(copy.offset + copy.length)])
                    == Array(original[table.offset..<(table.offset + table.length)]), "table \(tag) changed")
            #expect(copy.offset % 4 == 0)
        }
        let post = try #require(after["post"])
        #expect(post.length == 32)
        #expect(Array(smaller[post.offset..<(post.offset + 4)]) == [0, 3, 0, 0])
        let originalPost = try #require(before["post"])
        #expect(Array(smaller[(post.offset + 4)..<(post.offset + 32)])
                == Array(original[(originalPost.offset + 4)..<(originalPost.offset + 32)]), "post header changed")
        #expect(smaller.count < original.count - 50_000)
        #expect(TrueTypeGlyphNames.removed(from: smaller) == nil, "already without names")
    }

    @Test func malformedFontsAreLeftAlone() {
        #expect(TrueTypeGlyphNames.removed(from: Array("definitely not a font".utf8)) == nil)
        #expect(TrueTypeGlyphNames.removed(from: []) == nil)
        // A directory that points past the end of the file.
        var truncated: [UInt8] = [0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0]
        truncated += Array("post".utf8) + [0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 200]
        #expect(TrueTypeGlyphNames.removed(from: truncated) == nil)
    }

    /// The table, worked out from the cmap segments and installed as one segment, gives
    /// libharu's own answer for every code point of the plane.
    @Test(arguments: [CertificateRenderer.defaultRegularFont, CertificateRenderer.defaultBoldFont])
    func directGlyphTableMatchesLibharusLookup(path: String) throws {
        let font = try EmbeddableFont.cached(path: path)
        let glyphs = try #require(font.glyphs)
        let plain = try HaruDocument()
        let original = try plain.loadFontDefinition(font.bytes, path: font.path)
        let fast = try HaruDocument()
        let definition = try fast.loadFontDefinition(font.bytes, path: font.path)
        try fast.installGlyphTable(glyphs, in: definition)
        var mismatches = 0
        for codePoint in 0...0xFFFF {
            let unicode = HPDF_UINT16(codePoint)
            if HPDF_TTFontDef_GetGlyphid(original, unicode) != HPDF_TTFontDef_GetGlyphid(definition, unicode) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(HPDF_TTFontDef_GetGlyphid(definition, 0x0041) != 0, "A has a glyph")
        #expect(HPDF_TTFontDef_GetGlyphid(definition, 0xFEAA) != 0, "Arabic final dal has a glyph")
        #expect(HPDF_TTFontDef_GetGlyphid(definition, 0x4E00) == 0, "DejaVu has no CJK")
        for unicode: HPDF_UINT16 in [0x20, 0x41, 0x416, 0xFEE3, 0x2026] {
            #expect(HPDF_TTFontDef_GetCharWidth(original, unicode) == HPDF_TTFontDef_GetCharWidth(definition, unicode))
        }
        try plain.check("comparing lookups")
        try fast.check("comparing lookups")
    }

    @Test func cachedFontIsReadOnce() throws {
        let a = try EmbeddableFont.cached(path: Self.regularPath)
        let b = try EmbeddableFont.cached(path: Self.regularPath)
        #expect(a === b)
        #expect(throws: CertificateError(.font(path: "/nonexistent/font.ttf"))) {
            try EmbeddableFont.cached(path: "/nonexistent/font.ttf")
        }
    }
}

/// The single-byte text encoding of the WinAnsi fonts.
@Suite struct WinAnsiTextTests {
    @Test func latinTextAndCertificatePunctuationFit() {
        #expect(WinAnsiText.encode("Issued 2026-06-01") == Array("Issued 2026-06-01".utf8).map { CChar(bitPattern: $0) } + [0])
        let punctuation = WinAnsiText.encode("·—…•é€")?.map { UInt8(bitPattern: $0) }
        #expect(punctuation == [0xB7, 0x97, 0x85, 0x95, 0xE9, 0x80, 0])
        #expect(WinAnsiText.encode("") == [0])
    }

    @Test func otherTextNeedsTheUTF8Font() {
        #expect(WinAnsiText.encode("Иванова") == nil)
        #expect(WinAnsiText.encode("\u{FEAA}\u{FEE4}") == nil)
        #expect(WinAnsiText.encode("a\u{00A0}b") == nil, "no-break space is drawn as space in WinAnsi")
        #expect(WinAnsiText.encode("co\u{00AD}op") == nil, "soft hyphen is drawn as hyphen in WinAnsi")
        #expect(WinAnsiText.encode("tab\there") == nil)
    }

    /// Every byte used means to libharu the code point it was chosen for, so libharu measures
    /// and embeds the glyph that is drawn.
    @Test func bytesAgreeWithLibharusWinAnsiEncoding() throws {
        let document = try HaruDocument()
        let encoder = try #require(HPDF_GetEncoder(document.handle, "WinAnsiEncoding"))
        for codePoint in UInt32(0x20)..<0x7F {
            #expect(HPDF_Encoder_GetUnicode(encoder, HPDF_UINT16(codePoint)) == HPDF_UNICODE(codePoint))
        }
        for (codePoint, byte) in WinAnsiText.bytes {
            #expect(HPDF_Encoder_GetUnicode(encoder, HPDF_UINT16(byte)) == HPDF_UNICODE(codePoint),
                    "byte \(String(byte, radix: 16)) for U+\(String(codePoint, radix: 16))")
        }
    }
}
