import Foundation
import Testing
@testable import ClearanceImaging

/// The one 16/low-bit to 8-bit rule, and the decoder applying it to gAMA, sRGB, sBIT and tRNS.
struct EightBitRuleTests {
    /// The rule written again from its documentation, in floating point.
    static func documented(_ value: Int, bits: Int, exponent: Double = 1) -> Int {
        let x = pow(Double(value) / Double((1 << bits) - 1), exponent)
        return Int((x * 255 + 0.5).rounded(.down))
    }

    /// A 256 x 256 16-bit grey PNG holding every 16-bit value once, with `extra` chunks after IHDR.
    static func everyGrey16(extra: [(String, [UInt8])] = []) -> [UInt8] {
        let plain = RawPNGWriter.make(width: 256, height: 256, bitDepth: 16, colorType: 0) { y in
            (0..<256).flatMap { x in [UInt8(y), UInt8(x)] }
        }
        return insert(extra, into: plain)
    }

    static func insert(_ chunks: [(String, [UInt8])], into png: [UInt8]) -> [UInt8] {
        Array(png[0..<33]) + chunks.flatMap { RawPNGWriter.chunk($0.0, $0.1) } + Array(png[33...])
    }

    static let gammaOne = ("gAMA", RawPNGWriter.be32(100_000))

    @Test func sixteenBitsWithoutGammaAreRoundedScaling() {
        for value in 0...65535 {
            let got = Int(EightBitRule.eightBit(value, storedBits: 16))
            #expect(got == (value * 255 + 32767) / 65535)
            if got != Self.documented(value, bits: 16) { Issue.record("value \(value)"); return }
        }
    }

    @Test func lowDepthsReachTheFullRange() {
        #expect(EightBitRule.table(storedBits: 1) == [0, 255])
        #expect(EightBitRule.table(storedBits: 2) == [0, 85, 170, 255])
        #expect(EightBitRule.table(storedBits: 4) == (0..<16).map { UInt8($0 * 17) })
        #expect(EightBitRule.table(storedBits: 8) == (0...255).map { UInt8($0) })
    }

    @Test func exponentFollowsTheDeclaredColour() {
        #expect(EightBitRule.exponent(for: PNGColorInfo()) == 1)
        #expect(EightBitRule.exponent(for: PNGColorInfo(gamma: 0.45455)) == 1)
        #expect(EightBitRule.exponent(for: PNGColorInfo(gamma: 1.0, sRGB: true)) == 1)
        #expect(abs(EightBitRule.exponent(for: PNGColorInfo(gamma: 1.0)) - 1 / 2.2) < 1e-12)
        #expect(abs(EightBitRule.exponent(for: PNGColorInfo(gamma: 0.5)) - 1 / 1.1) < 1e-12)
    }

    @Test func significantBitsRescaleFromTheirOwnRange() {
        // 12 significant bits stored shifted left with zero fill: 0xFFF0 is full white.
        #expect(EightBitRule.eightBit(0xFFF0, storedBits: 16, significantBits: 12) == 255)
        #expect(EightBitRule.eightBit(2048 << 4, storedBits: 16, significantBits: 12) == 128)
        #expect(EightBitRule.eightBit(0xFFF0, storedBits: 16) == 255)
        #expect(EightBitRule.eightBit(31 << 3, storedBits: 8, significantBits: 5) == 255)
    }

    @Test func sixteenBitGreyWithoutGammaKeepsStoredLevels() throws {
        let decoded = try PNGDecoder.decode(Self.everyGrey16())
        #expect(decoded.color == PNGColorInfo())
        let wanted = (0...65535).map { UInt8(($0 * 255 + 32767) / 65535) }
        #expect(decoded.image.pixels == wanted)
    }

    @Test func sixteenBitGreyWithGammaOneIsDisplayEncoded() throws {
        let decoded = try PNGDecoder.decode(Self.everyGrey16(extra: [Self.gammaOne]))
        #expect(decoded.color.gamma == 1.0)
        var worst = 0
        for value in 0...65535 {
            worst = max(worst, abs(Int(decoded.image.pixels[value]) - Self.documented(value, bits: 16, exponent: 1 / 2.2)))
        }
        #expect(worst == 0)
        #expect(decoded.image.pixels[32768] == 186, "mid grey of linear light is brighter on screen")
    }

    @Test func sRGBChunkOverridesGamma() throws {
        let decoded = try PNGDecoder.decode(Self.everyGrey16(extra: [("sRGB", [0]), Self.gammaOne]))
        #expect(decoded.color.sRGB)
        #expect(decoded.image.pixels[32768] == 128)
    }

    @Test func sixteenBitTransparencyMatchesExactStoredValue() throws {
        let decoded = try PNGDecoder.decode(Self.everyGrey16(extra: [("tRNS", [0x12, 0x34])]))
        #expect(decoded.image.layout == .greyAlpha)
        #expect(decoded.info.hasTransparencyChunk)
        let alphas = stride(from: 1, to: decoded.image.pixels.count, by: 2).map { decoded.image.pixels[$0] }
        #expect(alphas.enumerated().filter { $0.element == 0 }.map(\.offset) == [0x1234])
        #expect(alphas.filter { $0 == 255 }.count == 65535)
        #expect(decoded.image.pixels[0x1234 * 2] == UInt8((0x1234 * 255 + 32767) / 65535), "colour is kept")
    }

    @Test func gammaNeverTouchesAlpha() throws {
        let png = Self.insert([Self.gammaOne], into: RawPNGWriter.make(width: 256, height: 1, bitDepth: 16, colorType: 4) { _ in
            (0..<256).flatMap { x in [UInt8(x), 0, UInt8(x), 0] }
        })
        let decoded = try PNGDecoder.decode(png)
        #expect(decoded.image.layout == .greyAlpha)
        for x in 0..<256 {
            let pixel = decoded.image.pixel(x: x, y: 0) ?? []
            #expect(pixel == [UInt8(Self.documented(x << 8, bits: 16, exponent: 1 / 2.2)),
                              UInt8((x << 8 * 255 + 32767) / 65535)], "x \(x)")
        }
    }

    @Test func sBITChunkIsApplied() throws {
        let png = Self.insert([("sBIT", [5, 6, 5])], into: RawPNGWriter.make(width: 1, height: 1, bitDepth: 8, colorType: 2) { _ in
            [31 << 3, 32 << 2, 16 << 3]
        })
        let decoded = try PNGDecoder.decode(png)
        #expect(decoded.color.significantBits == [5, 6, 5])
        #expect(decoded.image.pixels == [255, UInt8((32 * 255 + 31) / 63), UInt8((16 * 255 + 15) / 31)])
    }

    @Test func paletteIndexBeyondThePaletteIsRefused() throws {
        let plain = RawPNGWriter.make(width: 4, height: 1, bitDepth: 8, colorType: 3) { _ in [0, 1, 2, 1] }
        let png = Array(plain[0..<33]) + RawPNGWriter.chunk("PLTE", [255, 0, 0, 0, 255, 0]) + Array(plain[33...])
        do {
            _ = try PNGDecoder.decode(png)
            Issue.record("decoded")
        } catch let error as ImagingError {
            #expect(error.code == .corrupt)
            #expect(error.description.contains("palette entry 2"), "\(error)")
        }
    }
}
