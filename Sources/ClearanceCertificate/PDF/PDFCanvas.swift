import CHaru
import Foundation

/// An RGB colour with components 0...1.
struct PDFColor {
    var r: Float, g: Float, b: Float
    static let black = PDFColor(r: 0, g: 0, b: 0)
    static let white = PDFColor(r: 1, g: 1, b: 1)
    static let ink = PDFColor(r: 0.10, g: 0.12, b: 0.16)
    static let navy = PDFColor(r: 0.08, g: 0.20, b: 0.38)
    static let muted = PDFColor(r: 0.38, g: 0.42, b: 0.48)
    static let rule = PDFColor(r: 0.75, g: 0.78, b: 0.82)
    static let shade = PDFColor(r: 0.94, g: 0.95, b: 0.97)
    static let green = PDFColor(r: 0.05, g: 0.45, b: 0.22)
    static let amber = PDFColor(r: 0.70, g: 0.42, b: 0.00)
    static let red = PDFColor(r: 0.72, g: 0.10, b: 0.10)
}

/// Drawing on one libharu page, y measured from the bottom (PDF convention), with error checks.
///
/// Text goes through `BidiText.visual` so right-to-left names print shaped and in visual order,
/// then through its face (`PDFTypeface`), which picks the single-byte or the UTF-8 font.
struct PDFCanvas {
    enum Alignment { case left, center, right }

    let document: HaruDocument
    let page: HPDF_Page
    let regular: PDFTypeface
    let bold: PDFTypeface

    var width: Float { HPDF_Page_GetWidth(page) }
    var height: Float { HPDF_Page_GetHeight(page) }

    /// Width of `text` (already in visual order) in points.
    func textWidth(_ text: String, font: PDFTypeface, size: Float) throws -> Float {
        let (haruFont, bytes) = try font.encoded(text)
        let count = bytes.count - 1   // without the terminating NUL
        guard count > 0 else { return 0 }
        let measured = bytes.withUnsafeBufferPointer {
            $0.baseAddress!.withMemoryRebound(to: HPDF_BYTE.self, capacity: count) { HPDF_Font_TextWidth(haruFont, $0, HPDF_UINT(count)) }
        }
        return Float(measured.width) * size / 1000
    }

    /// Draws `text` at baseline `y`; shrinks the size (down to 70 %) and then truncates with an
    /// ellipsis so it never exceeds `maxWidth`.
    func text(_ text: String, x: Float, y: Float, font: PDFTypeface, size: Float, color: PDFColor = .ink,
              align: Alignment = .left, maxWidth: Float? = nil) throws {
        var visual = BidiText.visual(text)
        var fontSize = size
        if let maxWidth {
            while try textWidth(visual, font: font, size: fontSize) > maxWidth && fontSize > size * 0.7 {
                fontSize -= 0.5
            }
            if try textWidth(visual, font: font, size: fontSize) > maxWidth {
                var chars = Array(text)
                while !chars.isEmpty, try textWidth(BidiText.visual(String(chars) + "…"), font: font, size: fontSize) > maxWidth {
                    chars.removeLast()
                }
                visual = BidiText.visual(String(chars) + "…")
            }
        }
        let w = try textWidth(visual, font: font, size: fontSize)
        let originX: Float
        switch align {
        case .left: originX = x
        case .center: originX = x - w / 2
        case .right: originX = x - w
        }
        let (haruFont, bytes) = try font.encoded(visual)
        HPDF_Page_SetRGBFill(page, color.r, color.g, color.b)
        HPDF_Page_BeginText(page)
        HPDF_Page_SetFontAndSize(page, haruFont, fontSize)
        bytes.withUnsafeBufferPointer { _ = HPDF_Page_TextOut(page, originX, y, $0.baseAddress) }
        HPDF_Page_EndText(page)
        try document.check("drawing text")
    }

    /// Splits `text` into lines no wider than `maxWidth` at spaces.
    func wrap(_ text: String, font: PDFTypeface, size: Float, maxWidth: Float) throws -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if try textWidth(BidiText.visual(candidate), font: font, size: size) <= maxWidth || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func fillRect(x: Float, y: Float, width: Float, height: Float, color: PDFColor) throws {
        HPDF_Page_SetRGBFill(page, color.r, color.g, color.b)
        HPDF_Page_Rectangle(page, x, y, width, height)
        HPDF_Page_Fill(page)
        try document.check("filling a rectangle")
    }

    func strokeRect(x: Float, y: Float, width: Float, height: Float, color: PDFColor, lineWidth: Float) throws {
        HPDF_Page_SetRGBStroke(page, color.r, color.g, color.b)
        HPDF_Page_SetLineWidth(page, lineWidth)
        HPDF_Page_Rectangle(page, x, y, width, height)
        HPDF_Page_Stroke(page)
        try document.check("stroking a rectangle")
    }

    func line(x1: Float, y1: Float, x2: Float, y2: Float, color: PDFColor, lineWidth: Float) throws {
        HPDF_Page_SetRGBStroke(page, color.r, color.g, color.b)
        HPDF_Page_SetLineWidth(page, lineWidth)
        HPDF_Page_MoveTo(page, x1, y1)
        HPDF_Page_LineTo(page, x2, y2)
        HPDF_Page_Stroke(page)
        try document.check("drawing a line")
    }

    /// Draws `qr` as filled vector rectangles (one per horizontal run of dark modules) in a
    /// square of side `side` whose lower-left corner is (`x`, `y`); the quiet zone is outside.
    func qrCode(_ qr: QRMatrix, x: Float, y: Float, side: Float) throws {
        let module = side / Float(qr.size)
        HPDF_Page_SetRGBFill(page, 0, 0, 0)
        for row in 0..<qr.size {
            var column = 0
            while column < qr.size {
                guard qr.isDark(row: row, column: column) else { column += 1; continue }
                let start = column
                while column < qr.size && qr.isDark(row: row, column: column) { column += 1 }
                HPDF_Page_Rectangle(page, x + Float(start) * module, y + side - Float(row + 1) * module,
                                    Float(column - start) * module, module)
            }
        }
        HPDF_Page_Fill(page)
        try document.check("drawing the QR code")
    }

    func image(_ image: HPDF_Image, x: Float, y: Float, width: Float, height: Float) throws {
        HPDF_Page_DrawImage(page, image, x, y, width, height)
        try document.check("drawing the photo")
    }
}
