import CZlib
import Foundation

/// zlib compression of one backup piece (RFC 1950), each piece on its own so pieces can be
/// compressed on every core and a damaged piece names itself.
enum BackupCompression {
    /// zlib level: 1 is several times faster than the default 6 and loses little on SQLite pages.
    static let level: Int32 = 1

    /// `input` compressed.
    /// - Throws: ``BackupError`` naming zlib's status (not expected).
    static func compress(_ input: [UInt8]) throws -> [UInt8] {
        var size = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(i.count), level) }
        }
        guard status == Z_OK else { throw BackupError.corrupt("zlib could not compress a piece (status \(status))") }
        out.removeSubrange(Int(size)...)
        return out
    }

    /// `input` inflated; it must come to exactly `expectedSize` bytes.
    /// - Throws: ``BackupError`` when the piece does not inflate to that size.
    static func decompress(_ input: [UInt8], expectedSize: Int, piece: Int) throws -> [UInt8] {
        guard expectedSize >= 0, expectedSize <= BackupArchive.pieceSize else {
            throw BackupError.corrupt("piece \(piece) claims \(expectedSize) bytes; at most \(BackupArchive.pieceSize) are written")
        }
        var size = uLong(expectedSize)
        var out = [UInt8](repeating: 0, count: max(1, expectedSize))
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &size, i.baseAddress, uLong(i.count)) }
        }
        guard status == Z_OK, Int(size) == expectedSize else {
            throw BackupError.corrupt("piece \(piece) does not inflate (zlib status \(status))")
        }
        if expectedSize == 0 { return [] }
        return out
    }
}
