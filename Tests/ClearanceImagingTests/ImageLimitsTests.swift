import Testing
@testable import ClearanceImaging

/// Limits are checked on the header, before any pixel buffer exists.
struct ImageLimitsTests {
    private func header(width: Int, height: Int, bitDepth: Int = 8, colorType: UInt8 = 0) -> [UInt8] {
        let ihdr = RawPNGWriter.be32(width) + RawPNGWriter.be32(height) + [UInt8(bitDepth), colorType, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + RawPNGWriter.chunk("IHDR", ihdr)
            + RawPNGWriter.chunk("IDAT", RawPNGWriter.storedZlib([0, 0])) + RawPNGWriter.chunk("IEND", [])
    }

    private func tooLarge(_ bytes: [UInt8], limits: ImageLimits = .default) -> ImagingError? {
        do {
            _ = try PNGDecoder.decode(bytes, limits: limits)
            return nil
        } catch let error as ImagingError {
            return error.code == .tooLarge ? error : nil
        } catch { return nil }
    }

    @Test func hugeDeclaredSizeIsRefusedFast() throws {
        let clock = ContinuousClock()
        var error: ImagingError?
        let elapsed = clock.measure { error = tooLarge(header(width: 100_000, height: 100_000)) }
        let refusal = try #require(error)
        #expect(refusal.quantity == .pixels)
        #expect(refusal.limit == 60_000_000)
        #expect(refusal.actual == 10_000_000_000)
        #expect(refusal.description.contains("60000000"))
        #expect(refusal.description.contains("10000000000"))
        #expect(elapsed < .milliseconds(50))
    }

    @Test func pixelLimitIsInclusive() throws {
        let limits = ImageLimits(maxPixels: 100)
        let bytes = RawPNGWriter.make(width: 10, height: 10, bitDepth: 8, colorType: 0) { _ in [UInt8](repeating: 7, count: 10) }
        #expect(try PNGDecoder.decode(bytes, limits: limits).image.pixels.count == 100)
        let bigger = RawPNGWriter.make(width: 11, height: 10, bitDepth: 8, colorType: 0) { _ in [UInt8](repeating: 7, count: 11) }
        #expect(tooLarge(bigger, limits: limits)?.actual == 110)
    }

    @Test func fileSizeLimitComesFirst() throws {
        let bytes = try Fixtures.bytes("rgb8.png")
        let error = try #require(tooLarge(bytes, limits: ImageLimits(maxFileBytes: 100)))
        #expect(error.quantity == .fileBytes)
        #expect(error.limit == 100)
        #expect(error.actual == bytes.count)
        // Even garbage over the size limit is reported as too large, not as "not a PNG".
        #expect(tooLarge([UInt8](repeating: 0, count: 101), limits: ImageLimits(maxFileBytes: 100)) != nil)
    }

    @Test func sideLimit() throws {
        let error = try #require(tooLarge(header(width: 2_000_000, height: 1)))
        #expect(error.quantity == .width)
        #expect(error.limit == 1_000_000)
    }

    @Test func defaultsAreDocumentedValues() {
        #expect(ImageLimits.default.maxFileBytes == 64 * 1024 * 1024)
        #expect(ImageLimits.default.maxPixels == 60_000_000)
    }
}
