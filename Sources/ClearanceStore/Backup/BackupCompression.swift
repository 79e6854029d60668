import CBrotli
import Foundation

/// Brotli compression of one backup piece, each piece on its own so pieces can be compressed
/// on every core and a damaged piece names itself.
///
/// Quality 0 with a 1 MiB window: on SQLite pages it compresses about as well as zlib level 1
/// (a fifth of the size on the bench database) three to four times faster, which is what keeps
/// a backup within twice the time of a plain `sqlite3 .backup`.
enum BackupCompression {
    /// The name written in the header.
    static let name = "brotli"
    static let quality: Int32 = 0
    static let window: Int32 = 20

    /// `input` compressed.
    /// - Throws: ``BackupError`` (not expected: Brotli fails only without memory).
    static func compress(_ input: [UInt8]) throws -> [UInt8] {
        var size = BrotliEncoderMaxCompressedSize(input.count)
        if size == 0 { size = input.count + 1024 }
        var out = [UInt8](repeating: 0, count: size)
        let ok = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                BrotliEncoderCompress(quality, window, BROTLI_MODE_GENERIC, i.count, i.baseAddress, &size, o.baseAddress)
            }
        }
        guard ok == BROTLI_TRUE else { throw BackupError.file("Brotli could not compress a piece (out of memory?)") }
        out.removeSubrange(size...)
        return out
    }

    /// `input` decompressed; it must come to exactly `expectedSize` bytes.
    /// - Throws: ``BackupError`` when the piece does not decompress to that size.
    static func decompress(_ input: [UInt8], expectedSize: Int, piece: Int) throws -> [UInt8] {
        guard expectedSize >= 0, expectedSize <= BackupArchive.pieceSize else {
            throw BackupError.corrupt("piece \(piece) claims \(expectedSize) bytes; at most \(BackupArchive.pieceSize) are written")
        }
        var size = expectedSize
        var out = [UInt8](repeating: 0, count: max(1, expectedSize))
        let result = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in BrotliDecoderDecompress(i.count, i.baseAddress, &size, o.baseAddress) }
        }
        guard result == BROTLI_DECODER_RESULT_SUCCESS, size == expectedSize else {
            throw BackupError.corrupt("piece \(piece) does not decompress to its \(expectedSize) bytes")
        }
        if expectedSize == 0 { return [] }
        return out
    }
}
