import CHaru
import Foundation

/// A TrueType font read and prepared once per process for embedding in certificates.
///
/// Holds the font file's bytes without the glyph-name list (see `TrueTypeGlyphNames`) and the
/// font's Unicode-to-glyph table for the Basic Multilingual Plane, as libharu itself computes it.
/// Every document that embeds the font loads it from these bytes (no disk read) and is handed
/// the table (see `HaruDocument.registerFont(_:tag:)`), so the per-document setup no longer parses
/// the file or searches the font's cmap 65,536 times. Immutable once made.
///
/// ```swift
/// let font = try EmbeddableFont.cached(path: CertificateRenderer.defaultRegularFont)
/// ```
final class EmbeddableFont: @unchecked Sendable {
    /// The file the font came from (for error messages).
    let path: String
    /// The bytes libharu loads.
    let bytes: [UInt8]
    /// `glyphs[u]` is the glyph id of code point `u` (0 when the font has none); nil when the
    /// font's cmap is not the usual format 4, which then stays as libharu parsed it.
    let glyphs: [UInt16]?

    /// Reads and prepares the font at `path`.
    /// - Throws: `CertificateError.font` when the file cannot be read; a `.pdf` error naming the
    ///   step when libharu cannot parse it.
    init(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw CertificateError(.font(path: path))
        }
        let original = [UInt8](data)
        self.path = path
        self.bytes = TrueTypeGlyphNames.removed(from: original) ?? original
        self.glyphs = try Self.glyphTable(of: bytes, path: path)
    }

    /// Parses the font in a scratch libharu document and works out every code point's glyph
    /// from the cmap segments libharu parsed, by libharu's own rule.
    private static func glyphTable(of bytes: [UInt8], path: String) throws -> [UInt16]? {
        let scratch = try HaruDocument()
        let definition = try scratch.loadFontDefinition(bytes, path: path)
        guard let attributes = definition.pointee.attr?.assumingMemoryBound(to: HPDF_TTFontDefAttr_Rec.self) else {
            return nil
        }
        return glyphTable(attributes.pointee.cmap)
    }

    /// Every code point's glyph under a parsed format-4 cmap, as `HPDF_TTFontDef_GetGlyphid`
    /// gives it: the first segment whose end is at or above the code point decides; below that
    /// segment's start there is no glyph; otherwise the glyph is the code point plus the
    /// segment's delta, or (with a range offset) the glyph array entry plus the delta, 0 when the
    /// entry is outside the array. One pass over the segments instead of one search per code point.
    static func glyphTable(_ cmap: HPDF_TTF_CmapRange) -> [UInt16]? {
        let segments = Int(cmap.seg_count_x2) / 2
        guard cmap.format == 4, segments > 0, let ends = cmap.end_count, let starts = cmap.start_count,
              let deltas = cmap.id_delta, let rangeOffsets = cmap.id_range_offset else { return nil }
        let arrayCount = Int(cmap.glyph_id_array_count)
        var table = [UInt16](repeating: 0, count: 0x10000)
        var covered = -1   // highest code point whose segment is decided
        for segment in 0..<segments where Int(ends[segment]) > covered {
            let start = Int(starts[segment]), end = Int(ends[segment])
            let delta = Int(deltas[segment]), rangeOffset = Int(rangeOffsets[segment])
            defer { covered = end }
            guard max(covered + 1, start) <= end else { continue }
            for codePoint in max(covered + 1, start)...end {
                if rangeOffset == 0 {
                    table[codePoint] = UInt16(truncatingIfNeeded: codePoint + delta)
                } else {
                    let index = rangeOffset / 2 + (codePoint - start) - (segments - segment)
                    guard index >= 0, index < arrayCount, let array = cmap.glyph_id_array else { continue }
                    table[codePoint] = UInt16(truncatingIfNeeded: Int(array[index]) + delta)
                }
            }
        }
        return table
    }

    // MARK: - Process-wide cache

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: (stamp: FileStamp, font: EmbeddableFont)] = [:]

    /// Size and modification time: a font file replaced on disk is read again.
    private struct FileStamp: Equatable {
        var size: Int
        var modified: Date?
    }

    /// The prepared font for `path`, read on first use and again only when the file changes.
    /// - Throws: As `init(path:)`.
    static func cached(path: String) throws -> EmbeddableFont {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw CertificateError(.font(path: path))
        }
        let stamp = FileStamp(size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
                              modified: attributes[.modificationDate] as? Date)
        lock.lock()
        defer { lock.unlock() }
        if let entry = cache[path], entry.stamp == stamp { return entry.font }
        let font = try EmbeddableFont(path: path)
        cache[path] = (stamp, font)
        return font
    }
}
