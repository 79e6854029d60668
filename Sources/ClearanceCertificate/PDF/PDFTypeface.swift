import CHaru
import Foundation

/// One embedded DejaVu face (regular or bold) in the current PDF, as up to two libharu fonts over
/// the same embedded font program: WinAnsi-encoded for text that fits (see `WinAnsiText`) and
/// UTF-8 encoded for the rest (Cyrillic, shaped Arabic, ...), the latter made only when some text
/// of the PDF needs it. Both draw the same glyphs; a PDF whose text all fits has no UTF-8 font,
/// which saves libharu building and writing a 65,536-entry glyph map and width table for it.
final class PDFTypeface {
    private let document: HaruDocument
    private let name: String
    private let path: String
    private let winAnsi: HPDF_Font
    private var utf8: HPDF_Font?

    /// - Parameters:
    ///   - name: The font name registered with `document`.
    ///   - path: The font file, for error messages.
    init(document: HaruDocument, name: String, path: String) throws {
        self.document = document
        self.name = name
        self.path = path
        winAnsi = try document.font(named: name, encoding: "WinAnsiEncoding", path: path)
    }

    /// The font to draw `text` (already in visual order) with and the NUL-terminated bytes to
    /// hand libharu for it.
    func encoded(_ text: String) throws -> (font: HPDF_Font, bytes: [CChar]) {
        if let bytes = WinAnsiText.encode(text) { return (winAnsi, bytes) }
        let font: HPDF_Font
        if let utf8 {
            font = utf8
        } else {
            font = try document.font(named: name, encoding: "UTF-8", path: path)
            try document.installToUnicode(for: font)
            utf8 = font
        }
        return (font, Array(text.utf8CString))
    }
}
