import Foundation

/// Draws an ``Audiogram`` as a PNG picture following the usual conventions.
///
/// Frequency on a log x axis (250...8000 Hz, labelled), dB HL growing downward (-10...120, a
/// grid line every 10 dB). Right ear red: air O (masked: triangle), bone < (masked: [), air
/// points joined by a solid red line. Left ear blue: air X (masked: square), bone > (masked: ]),
/// air points joined by a dashed blue line. No response: the symbol at the maximum presented level
/// with an arrow pointing down and outward. A symbol key is always drawn at the right.
/// Output is deterministic for the same input and size.
///
/// ```swift
/// let png = try AudiogramRenderer.render(audiogram, width: 900, height: 600)
/// ```
public enum AudiogramRenderer {
    /// Renders the audiogram as PNG bytes.
    ///
    /// - Parameters:
    ///   - audiogram: The thresholds.
    ///   - width: Picture width in pixels (clamped to 480...4096).
    ///   - height: Picture height in pixels (clamped to 320...4096).
    /// - Returns: An 8-bit RGB PNG.
    /// - Throws: ``ImagingError`` `.encodeFailed` if libpng cannot write the picture.
    public static func render(_ audiogram: Audiogram, width: Int = 900, height: Int = 600) throws -> Data {
        Data(try PNGEncoder.encode(renderImage(audiogram, width: width, height: height)))
    }

    /// Renders the audiogram as pixels (what ``render(_:width:height:)`` encodes).
    ///
    /// - Parameters:
    ///   - audiogram: The thresholds.
    ///   - width: Picture width in pixels (clamped to 480...4096).
    ///   - height: Picture height in pixels (clamped to 320...4096).
    /// - Returns: An RGB image of ``AudiogramLayout/width`` x ``AudiogramLayout/height``.
    public static func renderImage(_ audiogram: Audiogram, width: Int = 900, height: Int = 600) -> PixelImage {
        let layout = AudiogramLayout(width: width, height: height)
        var canvas = RasterCanvas(width: layout.width, height: layout.height)
        drawGrid(&canvas, layout, title: audiogram.title)
        drawConnections(&canvas, layout, audiogram.series(.right, .air), color: .audiogramRed, dashed: false)
        drawConnections(&canvas, layout, audiogram.series(.left, .air), color: .audiogramBlue, dashed: true)
        for threshold in audiogram.thresholds {
            let centre = layout.symbolCentre(for: threshold)
            drawSymbol(&canvas, layout, threshold, at: centre)
        }
        drawKey(&canvas, layout)
        return canvas.image
    }

    // MARK: - Parts

    private static func drawGrid(_ canvas: inout RasterCanvas, _ layout: AudiogramLayout, title: String?) {
        let scale = layout.textScale
        let charHeight = 7 * scale
        for level in stride(from: AudiogramLayout.levelRange.lowerBound, through: AudiogramLayout.levelRange.upperBound, by: 10) {
            let y = layout.y(forLevel: level)
            canvas.line(layout.plotX, y, layout.plotX + layout.plotWidth, y, thickness: level == 0 ? 2 : 1,
                        level == 0 ? .midGrey : .lightGrey)
            let label = String(level)
            canvas.text(label, x: layout.plotX - 6 * scale - RasterCanvas.textWidth(label, scale: scale),
                        y: y - charHeight / 2, scale: scale, .black)
        }
        for frequency in AudiogramLayout.interOctaveFrequencies {
            let x = layout.x(forFrequency: frequency)
            canvas.line(x, layout.plotY, x, layout.plotY + layout.plotHeight, dash: (3, 4), .lightGrey)
        }
        for frequency in AudiogramLayout.labelledFrequencies {
            let x = layout.x(forFrequency: frequency)
            canvas.line(x, layout.plotY, x, layout.plotY + layout.plotHeight, .lightGrey)
            let label = String(frequency)
            canvas.text(label, x: x - RasterCanvas.textWidth(label, scale: scale) / 2,
                        y: layout.plotY - charHeight - 5 * scale, scale: scale, .black)
        }
        canvas.strokeRect(x: layout.plotX, y: layout.plotY, width: layout.plotWidth, height: layout.plotHeight,
                          thickness: 2, .black)
        // Line 1: whose test and when (the caption); line 2: the axis names.
        if let title {
            canvas.text(fitted(title.uppercased(), width: layout.width - 4, scale: scale), x: 2, y: headerLineY(0, scale: scale),
                        scale: scale, .black)
        }
        canvas.text(levelAxisLabel, x: 2, y: headerLineY(1, scale: scale), scale: scale, .black)
        canvas.text(frequencyAxisLabel, x: layout.plotX + RasterCanvas.textWidth(levelAxisLabel + "  ", scale: scale),
                    y: headerLineY(1, scale: scale), scale: scale, .black)
    }

    /// The hearing-level axis name.
    static let levelAxisLabel = "dB HL"
    /// The frequency axis name.
    static let frequencyAxisLabel = "FREQUENCY (Hz)"

    /// Top of header line `line` (0: the caption, 1: the axis names) at text scale `scale`.
    static func headerLineY(_ line: Int, scale: Int) -> Int { 4 + line * 9 * scale }

    /// `text` cut to what fits in `width` pixels (a cut is marked with "..").
    static func fitted(_ text: String, width: Int, scale: Int) -> String {
        let fits = max(0, (width + 1) / (BitmapFont.advance * max(1, scale)))
        guard text.count > fits else { return text }
        return String(text.prefix(max(0, fits - 2))) + ".."
    }

    private static func drawConnections(_ canvas: inout RasterCanvas, _ layout: AudiogramLayout,
                                        _ series: [Audiogram.Threshold], color: RGBColor, dashed: Bool) {
        let responding = series.filter { !$0.noResponse }
        guard responding.count > 1 else { return }
        let thickness = max(1, layout.symbolRadius / 4)
        for (from, to) in zip(responding, responding.dropFirst()) {
            let a = layout.symbolCentre(for: from), b = layout.symbolCentre(for: to)
            canvas.line(a.x, a.y, b.x, b.y, thickness: thickness,
                        dash: dashed ? (layout.symbolRadius, layout.symbolRadius / 2 + 2) : nil, color)
        }
    }

    /// Draws one symbol: the shape for ear, conduction and masking, plus the no-response arrow.
    static func drawSymbol(_ canvas: inout RasterCanvas, _ layout: AudiogramLayout,
                           _ threshold: Audiogram.Threshold, at centre: (x: Int, y: Int), radius: Int? = nil) {
        let color: RGBColor = threshold.ear == .right ? .audiogramRed : .audiogramBlue
        let r = radius ?? layout.symbolRadius
        let t = max(2, r / 4)
        let (x, y) = centre
        // Clear the symbol's background so lines do not run through it.
        switch (threshold.ear, threshold.conduction, threshold.masked) {
        case (.right, .air, false):
            canvas.fillCircle(cx: x, cy: y, radius: r, .white)
            canvas.strokeCircle(cx: x, cy: y, radius: r, thickness: t, color)
        case (.right, .air, true):
            canvas.line(x, y - r, x - r, y + r, thickness: t, color)
            canvas.line(x - r, y + r, x + r, y + r, thickness: t, color)
            canvas.line(x + r, y + r, x, y - r, thickness: t, color)
        case (.left, .air, false):
            canvas.line(x - r, y - r, x + r, y + r, thickness: t, color)
            canvas.line(x - r, y + r, x + r, y - r, thickness: t, color)
        case (.left, .air, true):
            canvas.fillRect(x: x - r, y: y - r, width: 2 * r, height: 2 * r, .white)
            canvas.strokeRect(x: x - r, y: y - r, width: 2 * r, height: 2 * r, thickness: t, color)
        case (.right, .bone, false):
            canvas.line(x + r / 2, y - r, x - r / 2, y, thickness: t, color)
            canvas.line(x - r / 2, y, x + r / 2, y + r, thickness: t, color)
        case (.left, .bone, false):
            canvas.line(x - r / 2, y - r, x + r / 2, y, thickness: t, color)
            canvas.line(x + r / 2, y, x - r / 2, y + r, thickness: t, color)
        case (.right, .bone, true):
            canvas.line(x + r / 2, y - r, x - r / 2, y - r, thickness: t, color)
            canvas.line(x - r / 2, y - r, x - r / 2, y + r, thickness: t, color)
            canvas.line(x - r / 2, y + r, x + r / 2, y + r, thickness: t, color)
        case (.left, .bone, true):
            canvas.line(x - r / 2, y - r, x + r / 2, y - r, thickness: t, color)
            canvas.line(x + r / 2, y - r, x + r / 2, y + r, thickness: t, color)
            canvas.line(x + r / 2, y + r, x - r / 2, y + r, thickness: t, color)
        }
        if threshold.noResponse {
            drawNoResponseArrow(&canvas, from: (x, y + r), outward: threshold.ear == .right ? -1 : 1,
                                length: r * 2, thickness: max(1, t - 1), color)
        }
    }

    /// An arrow pointing down and outward (left for the right ear, right for the left ear).
    static func drawNoResponseArrow(_ canvas: inout RasterCanvas, from start: (x: Int, y: Int), outward: Int,
                                    length: Int, thickness: Int, _ color: RGBColor) {
        let tipX = start.x + outward * length / 2, tipY = start.y + length
        canvas.line(start.x, start.y + 2, tipX, tipY, thickness: thickness, color)
        let head = max(3, length / 3)
        canvas.line(tipX, tipY, tipX, tipY - head, thickness: thickness, color)
        canvas.line(tipX, tipY, tipX - outward * head, tipY - head / 3, thickness: thickness, color)
    }
}
