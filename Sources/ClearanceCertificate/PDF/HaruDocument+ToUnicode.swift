import CHaru
import Foundation

/// A valid ToUnicode map for libharu's UTF-8 (Identity-H) fonts.
///
/// libharu 2.3 gives a UTF-8 TrueType font its *encoding* CMap as `/ToUnicode` too. That CMap
/// maps UTF-8 byte sequences to CIDs with `begincidrange`, an operator a ToUnicode map may not
/// use, so poppler warns "Invalid 'begincidrange' operator in ToUnicode CMap" on every
/// certificate with a non-Latin name and text extraction depends on the reader's leniency.
///
/// With libharu's UTF-8 encoder the font is Identity-H and each character is shown as its
/// two-byte UCS-2 code point (the CID is the code point; characters beyond U+FFFF print as a
/// space), so the right ToUnicode map is the identity on U+0000...U+FFFF without the
/// surrogates, written as `bfrange` entries of 256 codes each (PDF 32000-1 §9.10.3).
extension HaruDocument {
    /// Replaces the `/ToUnicode` of `font`, a font made with libharu's "UTF-8" encoder, with
    /// ``ToUnicodeCMap/identityUCS2``.
    func installToUnicode(for font: HPDF_Font) throws {
        guard let stream = HPDF_DictStream_New(handle.pointee.mmgr, handle.pointee.xref) else {
            try check("writing the ToUnicode map")
            throw CertificateError(.pdf(step: "writing the ToUnicode map", code: 0, detail: 0))
        }
        stream.pointee.filter = HPDF_UINT(HPDF_STREAM_FILTER_FLATE_DECODE)
        _ = ToUnicodeCMap.identityUCS2.withCString { HPDF_Stream_WriteStr(stream.pointee.stream, $0) }
        HPDF_Dict_Add(font, "ToUnicode", stream)   // the old entry is an indirect object: only unlinked
        try check("writing the ToUnicode map")
    }
}

/// ToUnicode CMap text.
enum ToUnicodeCMap {
    /// Identity from two-byte codes to the same UCS-2 code points, surrogates left out.
    static let identityUCS2: String = {
        let blocks = (0x00...0xFF).filter { !(0xD8...0xDF).contains($0) }
        var lines = [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        ]
        var index = 0
        while index < blocks.count {   // at most 100 entries a block
            let part = blocks[index..<min(index + 100, blocks.count)]
            lines.append("\(part.count) beginbfrange")
            lines += part.map { String(format: "<%02X00> <%02XFF> <%02X00>", $0, $0, $0) }
            lines.append("endbfrange")
            index += part.count
        }
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return lines.joined(separator: "\n") + "\n"
    }()
}
