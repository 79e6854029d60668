/// A tiny RGB raster to draw charts on: pixels, thick lines, outlines and bitmap text.
///
/// Coordinates are pixels, (0, 0) top left; anything outside the canvas is clipped, so no
/// drawing call can fail or trap.
struct RasterCanvas {
    let width: Int
    let height: Int
    private(set) var pixels: [UInt8]

    init(width: Int, height: Int, background: RGBColor = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        var row = [UInt8]()
        row.reserveCapacity(self.width * 3)
        for _ in 0..<self.width { row += [background.red, background.green, background.blue] }
        var all = [UInt8]()
        all.reserveCapacity(self.width * self.height * 3)
        for _ in 0..<self.height { all += row }
        pixels = all
    }

    /// The canvas as an RGB ``PixelImage``.
    var image: PixelImage { PixelImage(width: width, height: height, layout: .rgb, pixels: pixels) }

    @inline(__always)
    mutating func set(_ x: Int, _ y: Int, _ color: RGBColor) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = (y * width + x) * 3
        pixels[index] = color.red
        pixels[index + 1] = color.green
        pixels[index + 2] = color.blue
    }

    func color(atX x: Int, y: Int) -> RGBColor? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let index = (y * width + x) * 3
        return RGBColor(pixels[index], pixels[index + 1], pixels[index + 2])
    }

    mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, _ color: RGBColor) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 { for column in x0..<x1 { set(column, row, color) } }
    }

    /// A square brush of side `thickness` centred on (x, y).
    mutating func dot(_ x: Int, _ y: Int, thickness: Int, _ color: RGBColor) {
        let low = -(thickness - 1) / 2
        let high = thickness / 2
        for dy in low...high { for dx in low...high { set(x + dx, y + dy, color) } }
    }

    /// A Bresenham line; `dash` (on, off) in pixels draws it dashed.
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, thickness: Int = 1,
                       dash: (on: Int, off: Int)? = nil, _ color: RGBColor) {
        // Clamp absurd coordinates so the loop stays bounded.
        let limit = 1 << 20
        var x = min(max(x0, -limit), limit), y = min(max(y0, -limit), limit)
        let xEnd = min(max(x1, -limit), limit), yEnd = min(max(y1, -limit), limit)
        let dx = abs(xEnd - x), dy = -abs(yEnd - y)
        let stepX = x < xEnd ? 1 : -1, stepY = y < yEnd ? 1 : -1
        var error = dx + dy
        var step = 0
        while true {
            let visible: Bool
            if let dash, dash.on > 0 { visible = step % (dash.on + max(0, dash.off)) < dash.on } else { visible = true }
            if visible { dot(x, y, thickness: thickness, color) }
            if x == xEnd && y == yEnd { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
            step += 1
        }
    }

    /// A rectangle outline.
    mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, thickness: Int = 1, _ color: RGBColor) {
        line(x, y, x + w, y, thickness: thickness, color)
        line(x + w, y, x + w, y + h, thickness: thickness, color)
        line(x + w, y + h, x, y + h, thickness: thickness, color)
        line(x, y + h, x, y, thickness: thickness, color)
    }

    /// A circle outline of radius `radius` and the given ring thickness.
    mutating func strokeCircle(cx: Int, cy: Int, radius: Int, thickness: Int = 1, _ color: RGBColor) {
        guard radius > 0, radius < 4096 else { return }
        let outer = Double(radius) + 0.5
        let inner = Double(max(0, radius - thickness)) + 0.5
        for dy in -radius...radius {
            for dx in -radius...radius {
                let distance = (Double(dx * dx + dy * dy)).squareRoot()
                if distance <= outer && distance > inner { set(cx + dx, cy + dy, color) }
            }
        }
    }

    /// Text in the built-in 5x7 font, top-left at (x, y), each font pixel `scale` x `scale`.
    mutating func text(_ string: String, x: Int, y: Int, scale: Int = 1, _ color: RGBColor) {
        var cursor = x
        let size = max(1, scale)
        for character in string {
            let rows = BitmapFont.rows(for: character)
            for (rowIndex, bits) in rows.enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    fillRect(x: cursor + column * size, y: y + rowIndex * size, width: size, height: size, color)
                }
            }
            cursor += BitmapFont.advance * size
        }
    }

    /// Width in pixels of `string` drawn at `scale`.
    static func textWidth(_ string: String, scale: Int = 1) -> Int {
        max(0, string.count * BitmapFont.advance - 1) * max(1, scale)
    }
}

extension RasterCanvas {
    /// A filled disc.
    mutating func fillCircle(cx: Int, cy: Int, radius: Int, _ color: RGBColor) {
        guard radius > 0, radius < 4096 else { return }
        let limit = Double(radius) + 0.5
        for dy in -radius...radius {
            for dx in -radius...radius where (Double(dx * dx + dy * dy)).squareRoot() <= limit {
                set(cx + dx, cy + dy, color)
            }
        }
    }
}
