import Testing
@testable import ClearanceImaging

/// Encoding round trips and refuses inconsistent buffers.
struct PNGEncoderTests {
    @Test(arguments: PixelLayout.allCases)
    func roundTrip(layout: PixelLayout) throws {
        let width = 37, height = 19
        let pixels = (0..<(width * height * layout.channels)).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        let image = PixelImage(width: width, height: height, layout: layout, pixels: pixels)
        for fast in [false, true] {
            let png = try PNGEncoder.encode(image, fast: fast)
            let decoded = try PNGDecoder.decode(png)
            #expect(decoded.image == image)
        }
    }

    @Test func inconsistentBufferIsRefused() {
        let image = PixelImage(width: 4, height: 4, layout: .rgb, pixels: [1, 2, 3])
        #expect { _ = try PNGEncoder.encode(image) } throws: { ($0 as? ImagingError)?.code == .encodeFailed }
        let empty = PixelImage(width: 0, height: 0, layout: .grey, pixels: [])
        #expect(throws: ImagingError.self) { _ = try PNGEncoder.encode(empty) }
    }

    @Test func encodingIsDeterministic() throws {
        let image = PixelImage(width: 64, height: 64, layout: .grey, pixels: (0..<4096).map { UInt8($0 % 251) })
        #expect(try PNGEncoder.encode(image) == PNGEncoder.encode(image))
    }
}
