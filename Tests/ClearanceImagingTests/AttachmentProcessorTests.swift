import Foundation
import Testing
@testable import ClearanceImaging

/// Hash, metadata, normalised copy and thumbnail of an attachment.
struct AttachmentProcessorTests {
    /// A 2000 x 2500 16-bit greyscale "X-ray": a smooth body shape plus fine texture.
    static func xray(width: Int = 2000, height: Int = 2500) -> [UInt8] {
        RawPNGWriter.make(width: width, height: height, bitDepth: 16, colorType: 0) { y in
            var row = [UInt8](repeating: 0, count: width * 2)
            for x in 0..<width {
                let value = (x * 20 + y * 7 + (x * y) % 97 * 31) & 0xFFFF
                row[2 * x] = UInt8(value >> 8)
                row[2 * x + 1] = UInt8(value & 0xFF)
            }
            return row
        }
    }

    @Test func sixteenBitXrayIsProcessed() throws {
        let original = Self.xray()
        let copy = original
        let result = try AttachmentProcessor().process(original)
        #expect(original == copy)
        #expect(result.width == 2000 && result.height == 2500)
        #expect(result.bitDepth == 16 && result.colorType == .greyscale)
        #expect(result.mediaType == "image/png")
        #expect(result.byteCount == original.count)
        #expect(result.thumbnail.width == 205 && result.thumbnail.height == 256)
        #expect(result.thumbnail.layout == .grey)
        #expect(result.normalised.layout == .grey)

        let normalised = try PNGDecoder.decode([UInt8](result.normalised.png))
        #expect(normalised.info.bitDepth == 8)
        #expect(normalised.info.width == 2000 && normalised.info.height == 2500)
        // Spot-check the 16-to-8-bit rule (no gAMA: rounded rescaling) at a few pixels.
        for (x, y) in [(0, 0), (1999, 0), (1234, 2345), (7, 1000)] {
            let value = (x * 20 + y * 7 + (x * y) % 97 * 31) & 0xFFFF
            let got = Int(normalised.image.pixel(x: x, y: y)?.first ?? 0)
            #expect(got == Fixtures.to8(value), "pixel (\(x),\(y))")
        }
        let thumbnail = try PNGDecoder.decode([UInt8](result.thumbnail.png))
        #expect(thumbnail.info.width == 205 && thumbnail.info.height == 256)
        // The copy compressed while decoding is byte for byte the copy of the finished image.
        let whole = try PNGEncoder.encode(try PNGDecoder.decode(original).image, fast: true)
        #expect(result.normalised.png == Data(whole))
        #expect(PNGDecoder.rowsPerStep(rowBytes: 4000, height: 2500) < 2500, "the X-ray is decoded in several steps")
    }

    @Test func streamedCopyEqualsCopyOfTheDecodedImage() throws {
        let names = ["grey1.png", "grey16.png", "grey16_adam7.png", "rgba16_adam7.png", "palette2_trns.png", "rgb8.png",
                     "pngsuite/basn0g16.png", "pngsuite/basi0g16.png", "pngsuite/basn3p04.png", "pngsuite/basi6a16.png"]
        for name in names {
            let bytes = try Fixtures.bytes(name)
            let streamed = try AttachmentProcessor().process(bytes)
            let slow = try AttachmentProcessor(fastEncoding: false).process(bytes)
            let decoded = try PNGDecoder.decode(bytes)
            #expect(streamed.normalised.png == Data(try PNGEncoder.encode(decoded.image, fast: true)), "\(name)")
            #expect(try PNGDecoder.decode([UInt8](slow.normalised.png)).image == decoded.image, "\(name)")
            #expect(streamed.thumbnail == slow.thumbnail && streamed.sha256Hex == slow.sha256Hex, "\(name)")
        }
    }

    @Test func decodeFailingMidwayStopsTheStreamingEncoder() throws {
        // A tall image whose compressed data ends early: libpng fails after many rows were handed over.
        var bytes = Self.xray(width: 300, height: 2000)
        let idat = try #require((0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)] == [0x49, 0x44, 0x41, 0x54] })
        let length = Int(bytes[idat - 4]) << 24 | Int(bytes[idat - 3]) << 16 | Int(bytes[idat - 2]) << 8 | Int(bytes[idat - 1])
        let keep = length * 3 / 4
        let data = Array(bytes[(idat + 4)..<(idat + 4 + keep)])
        bytes = Array(bytes[0..<(idat - 4)]) + RawPNGWriter.chunk("IDAT", data) + RawPNGWriter.chunk("IEND", [])
        for _ in 0..<3 {
            #expect(throws: ImagingError.self) { _ = try AttachmentProcessor().process(bytes) }
        }
    }

    @Test func sha256MatchesSha256sum() throws {
        let url = try Fixtures.url("rgba8.png")
        let result = try AttachmentProcessor().process(try Data(contentsOf: url))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.hasPrefix(result.sha256Hex + " "))
        #expect(result.sha256Hex.count == 64)
    }

    @Test func knownDigestOfEmptyInputHelper() {
        let digest = [UInt8]().withUnsafeBytes { AttachmentProcessor.sha256Hex($0) }
        #expect(digest == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: ["grey1.png", "grey16.png", "palette2_trns.png", "rgb8_adam7.png", "greyalpha8.png", "rgb16.png"])
    func normalisedCopyDecodesToTheSamePixels(name: String) throws {
        let bytes = try Fixtures.bytes(name)
        let result = try AttachmentProcessor().process(bytes)
        let original = try PNGDecoder.decode(bytes)
        let normalised = try PNGDecoder.decode([UInt8](result.normalised.png))
        #expect(normalised.info.bitDepth == 8)
        #expect(!normalised.info.interlaced)
        #expect(normalised.image == original.image)
        // Small images are their own thumbnail.
        #expect(result.thumbnail.width == original.image.width && result.thumbnail.height == original.image.height)
    }

    @Test func wideImageThumbnailKeepsAspect() throws {
        let bytes = RawPNGWriter.make(width: 1000, height: 10, bitDepth: 8, colorType: 2) { _ in
            [UInt8](repeating: 90, count: 3000)
        }
        let result = try AttachmentProcessor(thumbnailMaxSide: 100).process(bytes)
        #expect(result.thumbnail.width == 100 && result.thumbnail.height == 1)
        let thumbnail = try PNGDecoder.decode([UInt8](result.thumbnail.png))
        #expect(thumbnail.image.pixels.allSatisfy { $0 == 90 })
    }
}
