import Testing
@testable import ClearanceImaging

/// Area-averaged downscaling.
struct PixelImageDownscaleTests {
    @Test func twoByTwoBlocksAverage() {
        let image = PixelImage(width: 4, height: 2, layout: .grey, pixels: [0, 100, 200, 200, 50, 50, 100, 100])
        let small = image.downscaled(maxSide: 2)
        #expect(small.width == 2 && small.height == 1)
        #expect(small.pixels == [50, 150])
    }

    @Test func fractionalCoverageIsWeighted() {
        // 3 pixels into 2: each output covers 1.5 source pixels.
        let image = PixelImage(width: 3, height: 1, layout: .grey, pixels: [0, 90, 180])
        let small = image.downscaled(maxSide: 2)
        #expect(small.pixels == [30, 150])  // (0 + 0.5*90)/1.5, (0.5*90 + 180)/1.5
    }

    @Test func transparentPixelsDoNotDarkenColour() {
        let image = PixelImage(width: 2, height: 1, layout: .rgba, pixels: [255, 0, 0, 255, 0, 0, 0, 0])
        let small = image.downscaled(maxSide: 1)
        #expect(small.pixels == [255, 0, 0, 128])
    }

    @Test func smallImagesAreUnchanged() {
        let image = PixelImage(width: 3, height: 2, layout: .rgb, pixels: Array(0..<18))
        #expect(image.downscaled(maxSide: 256) == image)
    }

    @Test func flatImageStaysFlat() {
        let image = PixelImage(width: 997, height: 601, layout: .grey, pixels: [UInt8](repeating: 77, count: 997 * 601))
        let small = image.downscaled(maxSide: 256)
        #expect(small.width == 256 && small.height == 154)
        #expect(small.pixels.allSatisfy { $0 == 77 })
    }
}
