import CHaru
import Foundation
import Testing
@testable import ClearanceCertificate

/// The photo's stream is compressed in pieces on several cores and joined into one zlib
/// stream: plain zlib must read it back exactly, and the bytes must not depend on the machine.
@Suite struct ParallelDeflateTests {
    /// Inflates with zlib's one-shot API, which checks the header and the Adler-32.
    func inflate(_ compressed: [UInt8], expectedCount: Int) -> [UInt8]? {
        var length = uLongf(max(1, expectedCount))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            compressed.withUnsafeBufferPointer { uncompress(o.baseAddress, &length, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK else { return nil }
        return Array(out.prefix(Int(length)))
    }

    @Test(arguments: [0, 1, 1000, ParallelDeflate.pieceSize - 1, ParallelDeflate.pieceSize, ParallelDeflate.pieceSize + 1,
                      ParallelDeflate.pieceSize * 7 / 2])
    func roundTripsThroughPlainZlib(count: Int) throws {
        var seed: UInt32 = 7
        // Half noise, half runs: both kinds of block deflate writes.
        let data = (0..<count).map { i -> UInt8 in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return i % 1000 < 500 ? UInt8(truncatingIfNeeded: seed >> 24) : UInt8(truncatingIfNeeded: i / 1000)
        }
        let compressed = try ParallelDeflate.zlib(data, level: 1)
        #expect(inflate(compressed, expectedCount: count) == data)
        // Same input, same bytes, however the pieces were scheduled.
        #expect(try ParallelDeflate.zlib(data, level: 1) == compressed)
    }

    @Test func aCorruptedChecksumIsCaughtByTheInflater() throws {
        let data = [UInt8](repeating: 42, count: ParallelDeflate.pieceSize * 2 + 10)
        var compressed = try ParallelDeflate.zlib(data, level: 1)
        compressed[compressed.count - 1] ^= 0xFF
        #expect(inflate(compressed, expectedCount: data.count) == nil)
    }
}
