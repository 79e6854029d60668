import Testing
@testable import ClearanceImaging

/// The audiogram picture: a decodable PNG with the right colours where thresholds are plotted.
struct AudiogramRendererTests {
    static let sample: Audiogram = {
        var audiogram = Audiogram(title: "Test 2025-01-01")
        let right = [250: 10, 500: 15, 1000: 20, 2000: 30, 4000: 45, 8000: 60]
        let left = [250: 20, 500: 25, 1000: 35, 2000: 50, 4000: 70]
        for (frequency, level) in right { audiogram.add(.init(ear: .right, conduction: .air, frequency: frequency, level: level)) }
        for (frequency, level) in left { audiogram.add(.init(ear: .left, conduction: .air, frequency: frequency, level: level)) }
        audiogram.add(.init(ear: .left, conduction: .air, frequency: 8000, level: 120, noResponse: true))
        audiogram.add(.init(ear: .right, conduction: .bone, frequency: 1000, level: 10))
        audiogram.add(.init(ear: .left, conduction: .bone, frequency: 2000, level: 40, masked: true))
        audiogram.add(.init(ear: .right, conduction: .air, frequency: 3000, level: 40, masked: true))
        return audiogram
    }()

    /// Counts pixels of `color` within `radius` (square) of a point.
    private func count(_ image: PixelImage, _ color: RGBColor, around point: (x: Int, y: Int), radius: Int) -> Int {
        var found = 0
        for y in (point.y - radius)...(point.y + radius) {
            for x in (point.x - radius)...(point.x + radius) {
                if let p = image.pixel(x: x, y: y), p == [color.red, color.green, color.blue] { found += 1 }
            }
        }
        return found
    }

    @Test func rendersADecodablePNG() throws {
        let png = try AudiogramRenderer.render(Self.sample, width: 900, height: 600)
        #expect(png.count > 1000)
        let decoded = try PNGDecoder.decode([UInt8](png))
        #expect(decoded.info.width == 900 && decoded.info.height == 600)
        #expect(decoded.image.layout == .rgb)
        #expect(decoded.image == AudiogramRenderer.renderImage(Self.sample, width: 900, height: 600))
    }

    @Test func thresholdsArePlottedInTheirEarColour() throws {
        let image = try PNGDecoder.decode([UInt8](try AudiogramRenderer.render(Self.sample))).image
        let layout = AudiogramLayout(width: 900, height: 600)
        let r = layout.symbolRadius
        for threshold in Self.sample.thresholds {
            let centre = layout.symbolCentre(for: threshold)
            let own: RGBColor = threshold.ear == .right ? .audiogramRed : .audiogramBlue
            #expect(count(image, own, around: centre, radius: r) > r, "\(threshold)")
        }
        // The right-ear O is hollow: its centre is white, its ring red.
        let o = layout.symbolCentre(for: .init(ear: .right, conduction: .air, frequency: 500, level: 15))
        #expect(image.pixel(x: o.x, y: o.y) == [255, 255, 255])
        #expect(image.pixel(x: o.x + r - 1, y: o.y) == [210, 0, 0])
        // The left-ear X crosses at its centre.
        let x = layout.symbolCentre(for: .init(ear: .left, conduction: .air, frequency: 1000, level: 35))
        #expect(image.pixel(x: x.x, y: x.y) == [0, 40, 210])
        // Away from any point there is no ear colour (e.g. 250 Hz at 110 dB).
        let empty = (layout.x(forFrequency: 250), layout.y(forLevel: 110))
        #expect(count(image, .audiogramRed, around: empty, radius: r) == 0)
        #expect(count(image, .audiogramBlue, around: empty, radius: r) == 0)
    }

    @Test func noResponseHasAnArrowBelowTheSymbol() throws {
        let image = AudiogramRenderer.renderImage(Self.sample)
        let layout = AudiogramLayout(width: 900, height: 600)
        let centre = layout.symbolCentre(for: .init(ear: .left, conduction: .air, frequency: 8000, level: 120))
        let below = (x: centre.x + layout.symbolRadius / 2, y: centre.y + 2 * layout.symbolRadius)
        #expect(count(image, .audiogramBlue, around: below, radius: layout.symbolRadius) > 0)
    }

    @Test func keyIsAlwaysDrawn() throws {
        let image = AudiogramRenderer.renderImage(Audiogram(), width: 900, height: 600)
        let layout = AudiogramLayout(width: 900, height: 600)
        var red = 0, blue = 0, black = 0
        for y in layout.keyY..<(layout.keyY + layout.keyHeight) {
            for x in layout.keyX..<(layout.keyX + layout.keyWidth) {
                switch image.pixel(x: x, y: y) ?? [] {
                case [210, 0, 0]: red += 1
                case [0, 40, 210]: blue += 1
                case [0, 0, 0]: black += 1
                default: break
                }
            }
        }
        #expect(red > 50 && blue > 50 && black > 200)
        // An empty audiogram plots nothing inside the grid.
        var plotted = 0
        for y in layout.plotY..<(layout.plotY + layout.plotHeight) {
            for x in layout.plotX..<(layout.plotX + layout.plotWidth) where image.pixel(x: x, y: y) == [210, 0, 0] {
                plotted += 1
            }
        }
        #expect(plotted == 0)
    }

    @Test func axisMapping() {
        let layout = AudiogramLayout(width: 900, height: 600)
        #expect(layout.y(forLevel: -10) == layout.plotY)
        #expect(layout.y(forLevel: 120) == layout.plotY + layout.plotHeight)
        #expect(layout.y(forLevel: 60) > layout.y(forLevel: 50))
        // Log scale: octaves are equally spaced.
        let octave1 = layout.x(forFrequency: 1000) - layout.x(forFrequency: 500)
        let octave2 = layout.x(forFrequency: 8000) - layout.x(forFrequency: 4000)
        #expect(abs(octave1 - octave2) <= 1)
        #expect(layout.x(forFrequency: 250) > layout.plotX)
        #expect(layout.x(forFrequency: 8000) < layout.plotX + layout.plotWidth)
    }

    @Test func absurdSizesAndLevelsDoNotCrash() throws {
        var audiogram = Audiogram()
        audiogram.add(.init(ear: .right, conduction: .air, frequency: -5, level: 10_000))
        audiogram.add(.init(ear: .left, conduction: .bone, frequency: Int.max, level: Int.min, masked: true, noResponse: true))
        let image = AudiogramRenderer.renderImage(audiogram, width: -1, height: Int.max)
        #expect(image.width == AudiogramLayout.minimumWidth && image.height == AudiogramLayout.maximumSide)
    }
}
