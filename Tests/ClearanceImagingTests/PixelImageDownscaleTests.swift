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

    /// The exact area average, written out pixel by pixel: every source pixel weighted by its
    /// overlap with the output pixel, halves rounded up.
    static func reference(_ image: PixelImage, width outWidth: Int, height outHeight: Int) -> [UInt8] {
        let (w, h, channels) = (image.width, image.height, image.layout.channels)
        func overlap(_ source: Int, _ target: Int, _ outCount: Int, _ count: Int) -> Int {
            max(0, min((source + 1) * outCount, (target + 1) * count) - max(source * outCount, target * count))
        }
        var output = [UInt8]()
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                for c in 0..<channels {
                    var sum = 0
                    for y in 0..<h {
                        let wy = overlap(y, oy, outHeight, h)
                        if wy == 0 { continue }
                        for x in 0..<w {
                            let wx = overlap(x, ox, outWidth, w)
                            if wx > 0 { sum += Int(image.pixels[(y * w + x) * channels + c]) * wx * wy }
                        }
                    }
                    output.append(UInt8((sum + w * h / 2) / (w * h)))
                }
            }
        }
        return output
    }

    @Test(arguments: [(97, 61, PixelLayout.grey), (300, 7, .grey), (64, 129, .rgb), (250, 33, .rgb)])
    func opaqueImagesMatchTheExactAreaAverage(width: Int, height: Int, layout: PixelLayout) {
        var seed: UInt32 = 7
        let pixels = (0..<(width * height * layout.channels)).map { _ -> UInt8 in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return UInt8(seed >> 24)
        }
        let image = PixelImage(width: width, height: height, layout: layout, pixels: pixels)
        let small = image.downscaled(maxSide: 23)
        #expect(max(small.width, small.height) == 23)
        #expect(small.pixels == Self.reference(image, width: small.width, height: small.height))
    }
}

