extension AudiogramRenderer {
    /// The entries of the symbol key, in drawing order.
    static let keyEntries: [(label: String, ear: Audiogram.Ear, conduction: Audiogram.Conduction, masked: Bool)] = [
        ("RIGHT AIR", .right, .air, false), ("RIGHT AIR MASKED", .right, .air, true),
        ("LEFT AIR", .left, .air, false), ("LEFT AIR MASKED", .left, .air, true),
        ("RIGHT BONE", .right, .bone, false), ("RIGHT BONE MASKED", .right, .bone, true),
        ("LEFT BONE", .left, .bone, false), ("LEFT BONE MASKED", .left, .bone, true),
    ]

    /// Draws the symbol key (always present, whatever the audiogram holds).
    static func drawKey(_ canvas: inout RasterCanvas, _ layout: AudiogramLayout) {
        let scale = layout.textScale
        let rowHeight = 7 * scale + 8 * scale
        canvas.strokeRect(x: layout.keyX, y: layout.keyY, width: layout.keyWidth - 1, height: layout.keyHeight,
                          thickness: 1, .midGrey)
        canvas.text("KEY", x: layout.keyX + 6 * scale, y: layout.keyY + 4 * scale, scale: scale, .black)
        let radius = min(layout.symbolRadius, (rowHeight - 4) / 2)
        let symbolX = layout.keyX + 6 * scale + radius + 2
        let textX = symbolX + radius + 10 * scale
        var rowY = layout.keyY + 4 * scale + rowHeight + rowHeight / 2
        for entry in keyEntries {
            let sample = Audiogram.Threshold(ear: entry.ear, conduction: entry.conduction, frequency: 1000,
                                             level: 0, masked: entry.masked)
            drawSymbol(&canvas, layout, sample, at: (symbolX, rowY), radius: radius)
            canvas.text(entry.label, x: textX, y: rowY - 7 * scale / 2, scale: scale, .black)
            rowY += rowHeight
        }
        let arrowLength = radius * 2
        drawNoResponseArrow(&canvas, from: (symbolX, rowY - arrowLength / 2 - 2), outward: -1, length: arrowLength,
                            thickness: 1, .black)
        canvas.text("NO RESPONSE", x: textX, y: rowY - 7 * scale / 2, scale: scale, .black)
        rowY += rowHeight
        canvas.line(symbolX - radius, rowY, symbolX + radius, rowY, thickness: 2,
                    .audiogramRed)
        canvas.text("RIGHT", x: textX, y: rowY - 7 * scale / 2, scale: scale, .black)
        let leftX = textX + RasterCanvas.textWidth("RIGHT  ", scale: scale)
        canvas.line(leftX, rowY, leftX + 2 * radius, rowY, thickness: 2, dash: (5, 3), .audiogramBlue)
        canvas.text("LEFT", x: leftX + 2 * radius + 6 * scale, y: rowY - 7 * scale / 2, scale: scale, .black)
    }
}
