@testable import ClearanceImaging

/// Reads text drawn in the built-in bitmap font back from a picture: the test's way to see
/// what an audiogram's caption and axis labels say.
enum BitmapTextReader {
    /// The characters drawn at `(x, y)` with `scale`, `count` cells long (unknown cells read
    /// as `?`), trailing spaces removed.
    static func read(_ image: PixelImage, x: Int, y: Int, scale: Int, count: Int) -> String {
        var byPattern: [[UInt8]: Character] = [:]
        for (character, rows) in BitmapFont.glyphs where byPattern[rows] == nil || character.isUppercase {
            byPattern[rows] = character
        }
        var out = ""
        for cell in 0..<count {
            let left = x + cell * BitmapFont.advance * scale
            var rows: [UInt8] = []
            for row in 0..<BitmapFont.glyphHeight {
                var bits: UInt8 = 0
                for column in 0..<BitmapFont.glyphWidth {
                    let p = image.pixel(x: left + column * scale, y: y + row * scale)
                    bits = (bits << 1) | (p == [0, 0, 0] ? 1 : 0)
                }
                rows.append(bits)
            }
            out.append(byPattern[rows] ?? "?")
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// Header line `line` of an audiogram rendered at `width` x `height` (0: the caption,
    /// 1: the axis names), read from the left edge.
    static func audiogramHeader(_ image: PixelImage, line: Int, cells: Int) -> String {
        let scale = AudiogramLayout(width: image.width, height: image.height).textScale
        return read(image, x: 2, y: AudiogramRenderer.headerLineY(line, scale: scale), scale: scale, count: cells)
    }
}
