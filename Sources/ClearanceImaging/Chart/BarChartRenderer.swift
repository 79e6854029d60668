/// A bar chart of counts for a report a person reads: one labelled bar per category, the count
/// above it; a suppressed count is drawn as a hatched stub with its published text (`<5`, `x`)
/// so that the picture never shows more than the table.
///
/// ```swift
/// let image = BarChartRenderer.render(title: "TB screening 2026-11",
///                                     bars: [.init(label: "TB-B0", count: 120), .init(label: "TB-B1", count: nil, text: "<5")])
/// let png = try PNGEncoder.encode(image)
/// ```
public enum BarChartRenderer {
    /// One bar: a published count, or nil with the text published instead.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var count: Int?
        public var text: String
        public init(label: String, count: Int?, text: String? = nil) {
            self.label = label; self.count = count; self.text = text ?? count.map(String.init) ?? "x"
        }
    }

    /// Colour of a published bar.
    public static let barColor = RGBColor(40, 90, 170)

    /// Draws the chart at `width` x `height` pixels (at least 200 x 150).
    public static func render(title: String, bars: [Bar], width: Int = 900, height: Int = 500) -> PixelImage {
        let w = max(200, width), h = max(150, height)
        var canvas = RasterCanvas(width: w, height: h)
        let scale = 2
        let lineHeight = 9 * scale
        canvas.text(title, x: 10, y: 8, scale: scale, .black)
        let left = 20, right = w - 20, top = 8 + lineHeight + 24, bottom = h - 2 * lineHeight - 16
        canvas.line(left, bottom, right, bottom, thickness: 2, .black)
        guard !bars.isEmpty else { return canvas.image }
        let maxCount = max(1, bars.compactMap(\.count).max() ?? 1)
        let slot = (right - left) / bars.count
        let barWidth = max(4, slot * 2 / 3)
        for (i, bar) in bars.enumerated() {
            let x = left + i * slot + (slot - barWidth) / 2
            let barHeight = bar.count.map { max(1, (bottom - top) * $0 / maxCount) } ?? 6
            let y = bottom - barHeight
            if bar.count != nil {
                canvas.fillRect(x: x, y: y, width: barWidth, height: barHeight, barColor)
            } else {
                for hx in stride(from: x, to: x + barWidth, by: 4) { canvas.line(hx, bottom, min(x + barWidth, hx + 6), y, .midGrey) }
            }
            let textScale = RasterCanvas.textWidth(bar.text, scale: scale) <= slot ? scale : 1
            canvas.text(bar.text, x: x + (barWidth - RasterCanvas.textWidth(bar.text, scale: textScale)) / 2, y: y - 8 * textScale - 4, scale: textScale, .black)
            let labelScale = RasterCanvas.textWidth(bar.label, scale: scale) <= slot ? scale : 1
            canvas.text(bar.label, x: x + (barWidth - RasterCanvas.textWidth(bar.label, scale: labelScale)) / 2, y: bottom + 8, scale: labelScale, .black)
        }
        return canvas.image
    }
}
