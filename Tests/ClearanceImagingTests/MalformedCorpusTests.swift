import Testing
@testable import ClearanceImaging

/// The malformed corpus (Fixtures/malformed) is refused with the specific typed error.
struct MalformedCorpusTests {
    static let expectations: [(file: String, code: ImagingError.Code)] = [
        ("empty.png", .notPNG),
        ("wrong_signature.png", .notPNG),
        ("signature_only.png", .truncated),
        ("truncated_in_idat.png", .truncated),
        ("truncated_no_iend.png", .truncated),
        ("bad_crc.png", .corrupt),
        ("huge_declared.png", .tooLarge),
        ("idat_garbage.png", .corrupt),
        ("not_enough_data.png", .corrupt),
        ("bad_bit_depth.png", .corrupt),
        ("first_chunk_not_ihdr.png", .corrupt),
        ("zero_width.png", .corrupt),
    ]

    @Test(arguments: expectations)
    func refusedWithTypedError(file: String, code: ImagingError.Code) throws {
        let bytes = try Fixtures.bytes("malformed/" + file)
        #expect {
            _ = try PNGDecoder.decode(bytes)
        } throws: { error in
            guard let error = error as? ImagingError else { return false }
            return error.code == code
        }
        #expect(throws: ImagingError.self) { _ = try AttachmentProcessor().process(bytes) }
    }

    @Test func everyMalformedFixtureIsCovered() throws {
        let folder = try Fixtures.url("malformed")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        #expect(Set(names) == Set(Self.expectations.map(\.file)))
    }

    @Test func corruptErrorsCarryLibpngMessage() throws {
        for file in ["bad_crc.png", "idat_garbage.png"] {
            do {
                _ = try PNGDecoder.decode(try Fixtures.bytes("malformed/" + file))
                Issue.record("\(file) decoded")
            } catch let error as ImagingError {
                #expect(error.libpngMessage?.isEmpty == false, "\(file): \(error)")
            }
        }
    }

    @Test func messagesNameTheFileAndWhatToDo() throws {
        do {
            _ = try PNGDecoder.decode(try Fixtures.bytes("malformed/truncated_in_idat.png"))
            Issue.record("decoded")
        } catch let error as ImagingError {
            let text = error.attributed(to: "scan.png").description
            #expect(text.hasPrefix("scan.png: "))
            #expect(text.contains("truncated"))
            #expect(text.contains("IDAT"))
            #expect(text.contains("again"))
        }
    }

    @Test func everyPrefixOfAValidFileIsRefusedWithoutCrashing() throws {
        let bytes = try Fixtures.bytes("rgb8_adam7.png")
        for length in 0..<bytes.count {
            #expect(throws: ImagingError.self) { _ = try PNGDecoder.decode(Array(bytes.prefix(length))) }
        }
    }

    @Test func everySingleByteFlipIsHandled() throws {
        let bytes = try Fixtures.bytes("grey16_adam7.png")
        var refused = 0
        for index in 0..<bytes.count {
            var copy = bytes
            copy[index] ^= 0x5A
            do { _ = try PNGDecoder.decode(copy) } catch is ImagingError { refused += 1 }
        }
        // Almost every flip breaks a CRC; none may crash, and nearly all must be refused.
        #expect(refused > bytes.count * 9 / 10)
    }
}

import Foundation
