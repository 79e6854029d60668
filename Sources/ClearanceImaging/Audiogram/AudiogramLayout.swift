/// Where things go on an audiogram picture of a given size: the plot area, the scales and the key.
///
/// Frequency runs left to right on a log scale (250...8000 Hz, a quarter octave of margin each
/// side); hearing level runs top to bottom from -10 to 120 dB HL. Public so tests and the
/// certificate can find where a threshold is drawn.
public struct AudiogramLayout: Sendable, Equatable {
    /// Smallest and largest accepted picture sides; requested sizes are clamped into these.
    public static let minimumWidth = 480, minimumHeight = 320, maximumSide = 4096
    /// Lowest and highest level on the chart (dB HL).
    public static let levelRange = -10...120
    /// Frequencies with a labelled grid line.
    public static let labelledFrequencies = [250, 500, 1000, 2000, 4000, 8000]
    /// Frequencies with a light grid line.
    public static let interOctaveFrequencies = [750, 1500, 3000, 6000]

    /// Picture size.
    public let width: Int, height: Int
    /// Plot area (the grid), in pixels.
    public let plotX: Int, plotY: Int, plotWidth: Int, plotHeight: Int
    /// Symbol key area, right of the plot.
    public let keyX: Int, keyY: Int, keyWidth: Int, keyHeight: Int
    /// Text scale (1 or 2) and symbol radius in pixels.
    public let textScale: Int, symbolRadius: Int

    /// Computes the layout for a picture; sizes are clamped to the accepted range.
    ///
    /// - Parameters:
    ///   - width: Requested width in pixels.
    ///   - height: Requested height in pixels.
    public init(width: Int, height: Int) {
        let w = min(max(width, Self.minimumWidth), Self.maximumSide)
        let h = min(max(height, Self.minimumHeight), Self.maximumSide)
        self.width = w
        self.height = h
        let scale = w >= 760 && h >= 480 ? 2 : 1
        textScale = scale
        let keyW = RasterCanvas.textWidth("RIGHT BONE MASKED", scale: scale) + 44 * scale
        let left = RasterCanvas.textWidth("-10", scale: scale) + 12 * scale
        let top = 7 * scale * 4 + 8
        plotX = left
        plotY = top
        plotWidth = max(100, w - left - keyW - 16 * scale)
        // Room below 120 dB HL for a no-response arrow (about three symbol radii).
        let radius = max(4, min(plotWidth / 40, (h - top) / 34))
        plotHeight = max(100, h - top - 3 * radius - 6)
        keyX = plotX + plotWidth + 10 * scale
        keyY = plotY
        keyWidth = w - keyX - 4
        keyHeight = min(plotHeight, (7 * scale + 8 * scale) * 11 + 10 * scale)
        symbolRadius = radius
    }

    private static let lowFrequency = 250.0 / 1.189_207_115  // 250 / 2^0.25
    private static let octaves = 5.5  // 2^(-0.25)*250 ... 2^(0.25)*8000

    /// Horizontal pixel of a frequency (log scale; clipped to the plot).
    ///
    /// - Parameter frequency: Hz.
    /// - Returns: The x coordinate.
    public func x(forFrequency frequency: Int) -> Int {
        let hz = Double(min(max(frequency, 125), 16000))
        let position = log2(hz / Self.lowFrequency) / Self.octaves
        return plotX + Int((position * Double(plotWidth)).rounded())
    }

    /// Vertical pixel of a hearing level (clipped to -10...120).
    ///
    /// - Parameter level: dB HL.
    /// - Returns: The y coordinate.
    public func y(forLevel level: Int) -> Int {
        let clamped = min(max(level, Self.levelRange.lowerBound), Self.levelRange.upperBound)
        let span = Double(Self.levelRange.upperBound - Self.levelRange.lowerBound)
        let fraction = Double(clamped - Self.levelRange.lowerBound) / span
        return plotY + Int((fraction * Double(plotHeight)).rounded())
    }

    /// Where a threshold's symbol is centred (bone symbols sit beside the frequency line:
    /// right ear to the left, left ear to the right).
    ///
    /// - Parameter threshold: The threshold.
    /// - Returns: The centre of its symbol.
    public func symbolCentre(for threshold: Audiogram.Threshold) -> (x: Int, y: Int) {
        var x = x(forFrequency: threshold.frequency)
        if threshold.conduction == .bone { x += threshold.ear == .right ? -symbolRadius - 2 : symbolRadius + 2 }
        return (x, y(forLevel: threshold.level))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
