import CHaru
import Foundation

/// A valid ToUnicode map for libharu's UTF-8 (Identity-H) fonts.
///
/// libharu 2.3 gives a UTF-8 TrueType font its *encoding* CMap as `/ToUnicode` too. That CMap
/// maps codes to CIDs with `begincidrange`, an operator a ToUnicode map may not use, so poppler
/// warns "Invalid 'begincidrange' operator in ToUnicode CMap" on every certificate with a
/// non-Latin name and text extraction depends on the reader's leniency. Here the font gets its
/// own ToUnicode stream made from the same encoder's code-to-Unicode table with `bfrange`
/// entries (PDF 32000-1 §9.10.3), as text extraction expects.
extension HaruDocument {
    /// Replaces `font`'s `/ToUnicode` with a map made from its encoder; a font without a
    /// two-byte encoder is left alone.
    func installToUnicode(for font: HPDF_Font) throws {
        guard let fontAttributes = font.pointee.attr?.assumingMemoryBound(to: HPDF_FontAttr_Rec.self),
              let encoder = fontAttributes.pointee.encoder,
              encoder.pointee.type == HPDF_ENCODER_TYPE_DOUBLE_BYTE,
              let encoderAttributes = encoder.pointee.attr?.assumingMemoryBound(to: HPDF_CMapEncoderAttr_Rec.self) else { return }
        let text = ToUnicodeCMap.text(encoderAttributes)
        guard let stream = HPDF_DictStream_New(handle.pointee.mmgr, handle.pointee.xref) else {
            try check("writing the ToUnicode map")
            throw CertificateError(.pdf(step: "writing the ToUnicode map", code: 0, detail: 0))
        }
        stream.pointee.filter = HPDF_UINT(HPDF_STREAM_FILTER_FLATE_DECODE)
        _ = text.withCString { HPDF_Stream_WriteStr(stream.pointee.stream, $0) }
        HPDF_Dict_Add(font, "ToUnicode", stream)   // the old entry is an indirect object: only unlinked
        try check("writing the ToUnicode map")
    }
}

/// The ToUnicode CMap text for a libharu two-byte encoder, made once per process.
enum ToUnicodeCMap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: String?

    /// The map for `attributes` (libharu's UTF-8 encoder is the same in every document).
    static func text(_ attributes: UnsafeMutablePointer<HPDF_CMapEncoderAttr_Rec>) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        var pairs: [(code: UInt16, unicode: UInt16)] = []
        withUnsafeBytes(of: &attributes.pointee.unicode_map) { unicodeBytes in
            withUnsafeBytes(of: &attributes.pointee.cid_map) { cidBytes in
                let unicode = unicodeBytes.bindMemory(to: UInt16.self), cid = cidBytes.bindMemory(to: UInt16.self)
                for code in 0..<min(unicode.count, cid.count) where cid[code] != 0 && unicode[code] != 0 {
                    pairs.append((cid[code], unicode[code]))
                }
            }
        }
        // The font is Identity-H: the bytes shown are the CIDs, so the map goes from CID.
        let text = make(pairs.sorted { $0.code < $1.code })
        cached = text
        return text
    }

    /// The CMap for sorted `pairs`: runs of consecutive codes and values within one high byte
    /// become one `bfrange` line, at most 100 lines per block.
    static func make(_ pairs: [(code: UInt16, unicode: UInt16)]) -> String {
        var ranges: [(from: UInt16, to: UInt16, unicode: UInt16)] = []
        for pair in pairs {
            if let last = ranges.last, pair.code == last.to &+ 1, pair.code >> 8 == last.from >> 8,
               pair.unicode == last.unicode &+ (last.to - last.from) &+ 1 {
                ranges[ranges.count - 1].to = pair.code
            } else {
                ranges.append((pair.code, pair.code, pair.unicode))
            }
        }
        func hex(_ value: UInt16) -> String { "<" + String(format: "%04X", value) + ">" }
        var lines = [
            "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        ]
        var index = 0
        while index < ranges.count {
            let block = ranges[index..<min(index + 100, ranges.count)]
            lines.append("\(block.count) beginbfrange")
            lines += block.map { "\(hex($0.from)) \(hex($0.to)) \(hex($0.unicode))" }
            lines.append("endbfrange")
            index += block.count
        }
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return lines.joined(separator: "\n") + "\n"
    }
}
