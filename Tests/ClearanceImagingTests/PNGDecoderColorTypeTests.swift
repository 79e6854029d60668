import Testing
@testable import ClearanceImaging

/// Every colour type and depth decodes to the right 8-bit pixels.
struct PNGDecoderColorTypeTests {
    /// Decodes `name` and compares every pixel exactly with `expected(x, y)` (8-bit samples).
    private func check(_ name: String, layout: PixelLayout, bitDepth: Int, colorType: PNGColorType,
                       interlaced: Bool = false,
                       expected: (Int, Int) -> [Int]) throws {
        let decoded = try PNGDecoder.decode(try Fixtures.bytes(name))
        #expect(decoded.info.bitDepth == bitDepth)
        #expect(decoded.info.colorType == colorType)
        #expect(decoded.info.interlaced == interlaced)
        #expect(decoded.image.layout == layout)
        #expect(decoded.image.isConsistent)
        var mismatches = 0
        for y in 0..<decoded.image.height {
            for x in 0..<decoded.image.width {
                let got = (decoded.image.pixel(x: x, y: y) ?? []).map(Int.init)
                let want = expected(x, y)
                if got != want {
                    if mismatches < 3 { Issue.record("\(name) pixel (\(x),\(y)): got \(got), expected \(want)") }
                    mismatches += 1
                }
            }
        }
        #expect(mismatches == 0, "\(name): \(mismatches) pixels differ")
    }

    @Test(arguments: [1, 2, 4])
    func lowBitGreyIsScaledToFullRange(depth: Int) throws {
        let maximum = (1 << depth) - 1
        try check("grey\(depth).png", layout: .grey, bitDepth: depth, colorType: .greyscale) { x, y in
            Fixtures.grey(depth: depth)(x, y).map { $0 * 255 / maximum }
        }
    }

    @Test func grey8() throws {
        try check("grey8.png", layout: .grey, bitDepth: 8, colorType: .greyscale, expected: Fixtures.grey8)
    }

    @Test func grey16IsScaledWithoutGammaExactly() throws {
        try check("grey16.png", layout: .grey, bitDepth: 16, colorType: .greyscale) { x, y in
            Fixtures.grey16(x, y).map(Fixtures.to8)
        }
    }

    @Test func rgb8AndRgb16() throws {
        try check("rgb8.png", layout: .rgb, bitDepth: 8, colorType: .rgb, expected: Fixtures.rgb8)
        try check("rgb16.png", layout: .rgb, bitDepth: 16, colorType: .rgb) { x, y in
            Fixtures.rgb16(x, y).map(Fixtures.to8)
        }
    }

    @Test func rgbaKeepsStraightAlpha() throws {
        try check("rgba8.png", layout: .rgba, bitDepth: 8, colorType: .rgba, expected: Fixtures.rgba8)
    }

    @Test func greyAlpha() throws {
        try check("greyalpha8.png", layout: .greyAlpha, bitDepth: 8, colorType: .greyscaleAlpha,
                  expected: Fixtures.greyAlpha8)
    }

    @Test func paletteExpandsToRGB() throws {
        try check("palette8.png", layout: .rgb, bitDepth: 8, colorType: .palette) { x, y in
            Fixtures.palette[Fixtures.paletteIndex(x, y)]
        }
    }

    @Test func paletteWithTransparencyExpandsToRGBA() throws {
        let alpha = [255, 128, 0, 255]
        try check("palette2_trns.png", layout: .rgba, bitDepth: 2, colorType: .palette) { x, y in
            let index = Fixtures.paletteIndex(x, y)
            return Fixtures.palette[index] + [alpha[index]]
        }
    }

    @Test func adam7InterlacedImages() throws {
        try check("rgb8_adam7.png", layout: .rgb, bitDepth: 8, colorType: .rgb, interlaced: true,
                  expected: Fixtures.rgb8)
        try check("grey1_adam7.png", layout: .grey, bitDepth: 1, colorType: .greyscale, interlaced: true) { x, y in
            Fixtures.grey(depth: 1)(x, y).map { $0 * 255 }
        }
        try check("grey16_adam7.png", layout: .grey, bitDepth: 16, colorType: .greyscale, interlaced: true) { x, y in Fixtures.grey16(x, y).map(Fixtures.to8) }
        try check("rgba16_adam7.png", layout: .rgba, bitDepth: 16, colorType: .rgba, interlaced: true) { x, y in Fixtures.rgba16(x, y).map(Fixtures.to8) }
    }
}
