import Foundation
import Testing
@testable import ClearanceImaging

/// The PngSuite basic set (Fixtures/pngsuite): interlacing never changes the decoded pixels or the
/// normalised copy, and the invalid x* files are refused with a typed error.
struct PngSuiteTests {
    /// Colour type and depth of the 15 basic pairs (basn = non-interlaced, basi = Adam7).
    static let basic = ["0g01", "0g02", "0g04", "0g08", "0g16", "2c08", "2c16", "3p01", "3p02", "3p04", "3p08",
                        "4a08", "4a16", "6a08", "6a16"]
    static let layouts: [String: PixelLayout] = ["0g": .grey, "2c": .rgb, "3p": .rgb, "4a": .greyAlpha, "6a": .rgba]

    /// The invalid files, what they break, and the error each must give.
    static let invalid: [(file: String, code: ImagingError.Code, mentions: String)] = [
        ("xs1n0g01", .notPNG, "signature"), ("xs2n0g01", .notPNG, "signature"),
        ("xs4n0g01", .notPNG, "signature"), ("xs7n0g01", .notPNG, "signature"),
        ("xcrn0g04", .notPNG, "signature"), ("xlfn0g04", .notPNG, "signature"),
        ("xhdn0g08", .corrupt, "CRC"), ("xc1n0g08", .corrupt, "colour type 1"),
        ("xc9n2c08", .corrupt, "colour type 9"), ("xd0n2c08", .corrupt, "bit depth 0"),
        ("xd3n2c08", .corrupt, "bit depth 3"), ("xd9n2c08", .corrupt, "bit depth 99"),
        ("xdtn0g01", .corrupt, "IDAT"), ("xcsn0g01", .corrupt, "CRC"),
    ]

    static func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("pngsuite/\(name).png") }

    @Test func everyFileIsCovered() throws {
        let folder = try Fixtures.url("pngsuite")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        let expected = Self.basic.flatMap { ["basn\($0).png", "basi\($0).png"] } + Self.invalid.map { "\($0.file).png" }
        #expect(Set(names) == Set(expected))
        #expect(names.count == 44)
    }

    @Test(arguments: basic)
    func interlacedTwinDecodesAndNormalisesIdentically(kind: String) throws {
        let plain = try Self.bytes("basn\(kind)"), interlaced = try Self.bytes("basi\(kind)")
        let a = try PNGDecoder.decode(plain), b = try PNGDecoder.decode(interlaced)
        #expect(!a.info.interlaced && b.info.interlaced)
        #expect(a.info.bitDepth == Int(kind.suffix(2)))
        #expect(a.image.layout == Self.layouts[String(kind.prefix(2))])
        #expect(a.color == b.color)
        #expect(a.color.gamma == 1.0, "every basic file declares gAMA 1.0")
        #expect(a.image == b.image, "basn\(kind) and basi\(kind) decode to different pixels")
        let copyA = try AttachmentProcessor().process(plain), copyB = try AttachmentProcessor().process(interlaced)
        #expect(copyA.normalised == copyB.normalised)
        #expect(copyA.thumbnail == copyB.thumbnail)
    }

    @Test(arguments: invalid)
    func invalidFileIsRefused(file: String, code: ImagingError.Code, mentions: String) throws {
        do {
            _ = try AttachmentProcessor().process(try Self.bytes(file))
            Issue.record("\(file) was accepted")
        } catch let error as ImagingError {
            #expect(error.code == code, "\(file): \(error)")
            let text = error.attributed(to: "\(file).png").description
            #expect(text.hasPrefix("\(file).png: "))
            #expect(text.contains(mentions), "\(file): \(text)")
        }
    }
}
