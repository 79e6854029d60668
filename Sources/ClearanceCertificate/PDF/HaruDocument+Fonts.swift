import CHaru
import Foundation

/// Loading TrueType fonts from memory, through libharu's font-definition API.
///
/// `HPDF_LoadTTFontFromFile` reads the file, parses it, registers the definition with the
/// document and gives it the next subset tag (`HPDFAA`, `HPDFAB`, ...). These methods do the
/// same steps on bytes already in memory, and then replace the parsed cmap with a direct table
/// (see `installGlyphTable(_:in:)`). The registered definition stays with the libharu document
/// across `startNextDocument()`, as libharu intends.
extension HaruDocument {
    /// Parses `bytes` as an embedded TrueType font and registers it with this document.
    /// - Returns: The font definition.
    /// - Throws: `CertificateError` naming `path` when libharu rejects the font.
    func loadFontDefinition(_ bytes: [UInt8], path: String) throws -> HPDF_FontDef {
        let mmgr = handle.pointee.mmgr
        guard let stream = HPDF_MemStream_New(mmgr, 64 * 1024) else {
            try check("reading font \(path)")
            throw CertificateError(.font(path: path))
        }
        bytes.withUnsafeBufferPointer { _ = HPDF_Stream_Write(stream, $0.baseAddress, HPDF_UINT($0.count)) }
        do { try check("reading font \(path)") } catch { HPDF_Stream_Free(stream); throw error }
        // The definition owns the stream from here on, also when parsing fails.
        guard let definition = HPDF_TTFontDef_Load(mmgr, stream, HPDF_TRUE) else {
            try check("loading font \(path)")
            throw CertificateError(.font(path: path))
        }
        HPDF_Doc_RegisterFontDef(handle, definition)   // frees the definition when it fails
        try check("loading font \(path)")
        return definition
    }

    /// Registers `font` under the subset tag `tag` and returns the font name to ask for.
    /// - Throws: `CertificateError` when libharu rejects the font.
    func registerFont(_ font: EmbeddableFont, tag: String) throws -> String {
        let definition = try loadFontDefinition(font.bytes, path: font.path)
        var tagText = Array(tag.utf8CString)
        tagText.withUnsafeMutableBufferPointer { HPDF_TTFontDef_SetTagName(definition, $0.baseAddress) }
        if let glyphs = font.glyphs { try installGlyphTable(glyphs, in: definition) }
        try check("loading font \(font.path)")
        return withUnsafeBytes(of: &definition.pointee.base_font) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The subset tag libharu gives the `index`-th font embedded in a document (index < 26:
    /// `HPDFAA` ... `HPDFAZ`).
    static func subsetTag(index: Int) -> String {
        "HPDFA" + String(UnicodeScalar(UInt8(ascii: "A") + UInt8(index % 26)))
    }

    /// Replaces the parsed format-4 cmap of `definition` with one segment over the whole plane
    /// whose glyph array is `glyphs`.
    ///
    /// libharu looks a code point up by walking the cmap's segments in order, and a UTF-8 font
    /// asks for all 65,536 code points when it is added to a document (to write its CIDToGIDMap
    /// and widths): about 200 segments times 65,536 for DejaVu, the largest cost of a certificate.
    /// With one segment covering U+0000...U+FFFF (`idRangeOffset` pointing at the start of the
    /// glyph array) every lookup is one step and returns the same glyph as before, because
    /// `glyphs` was made with libharu's own lookup on the same font. Only lookups use the parsed
    /// cmap; the embedded font program is copied from the font's bytes, so the output is
    /// unchanged. The arrays are allocated with the definition's allocator, which frees them.
    func installGlyphTable(_ glyphs: [UInt16], in definition: HPDF_FontDef) throws {
        guard glyphs.count == 0x10000,
              let attributes = definition.pointee.attr?.assumingMemoryBound(to: HPDF_TTFontDefAttr_Rec.self),
              attributes.pointee.cmap.format == 4 else { return }
        let mmgr = definition.pointee.mmgr
        func allocate(_ count: Int) throws -> UnsafeMutablePointer<HPDF_UINT16> {
            guard let memory = HPDF_GetMem(mmgr, HPDF_UINT(count * MemoryLayout<HPDF_UINT16>.stride)) else {
                try check("preparing the glyph table")
                throw CertificateError(.pdf(step: "preparing the glyph table", code: 0, detail: 0))
            }
            return memory.bindMemory(to: HPDF_UINT16.self, capacity: count)
        }
        let end = try allocate(1), start = try allocate(1), delta = try allocate(1), rangeOffset = try allocate(1)
        let array = try allocate(glyphs.count)
        end[0] = 0xFFFF
        start[0] = 0
        delta[0] = 0
        rangeOffset[0] = 2   // idRangeOffset / 2 + (u - start) - (segments - 0) == u
        glyphs.withUnsafeBufferPointer { array.update(from: $0.baseAddress!, count: $0.count) }

        var cmap = attributes.pointee.cmap
        for old in [UnsafeMutableRawPointer(cmap.end_count), UnsafeMutableRawPointer(cmap.start_count),
                    UnsafeMutableRawPointer(cmap.id_delta), UnsafeMutableRawPointer(cmap.id_range_offset),
                    UnsafeMutableRawPointer(cmap.glyph_id_array)] {
            if let old { HPDF_FreeMem(mmgr, old) }
        }
        cmap.seg_count_x2 = 2
        cmap.end_count = end
        cmap.start_count = start
        cmap.id_delta = UnsafeMutableRawPointer(delta).assumingMemoryBound(to: HPDF_INT16.self)
        cmap.id_range_offset = rangeOffset
        cmap.glyph_id_array = array
        cmap.glyph_id_array_count = HPDF_UINT(glyphs.count)
        attributes.pointee.cmap = cmap
    }
}
