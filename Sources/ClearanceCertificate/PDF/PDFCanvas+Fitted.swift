import Foundation

extension PDFCanvas {
    /// Draws `text` whole, at `size` or smaller (down to half) so it fits in `width`: for labels,
    /// which verification reads and so are never shortened with an ellipsis.
    func fitted(_ text: String, x: Float, y: Float, font: PDFTypeface, size: Float, color: PDFColor = .ink,
                align: Alignment = .left, width: Float) throws {
        let visual = BidiText.visual(text)
        var fontSize = size
        while try textWidth(visual, font: font, size: fontSize) > width && fontSize > size * 0.5 { fontSize -= 0.25 }
        try self.text(text, x: x, y: y, font: font, size: fontSize, color: color, align: align)
    }
}
