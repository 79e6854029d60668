import CHaru
import Foundation

/// zlib-format compression of a large buffer on every core: the buffer is cut into fixed-size
/// pieces, each compressed as raw deflate on its own (all but the last ended with a sync flush,
/// so each ends on a byte boundary), and the pieces are joined behind one zlib header with the
/// Adler-32 of the whole (the technique of pigz). The result is one valid zlib stream that
/// any inflater (a PDF viewer's FlateDecode) reads as usual.
///
/// The pieces have a fixed size, so the bytes are the same on every machine whatever its number
/// of cores: certificates stay deterministic. A photo of a real face compresses poorly, and
/// compressing it was the largest single cost of a certificate.
enum ParallelDeflate {
    /// Bytes per piece. Smaller pieces spread better over cores; each piece starts without
    /// the previous one's history, which costs a little size.
    static let pieceSize = 128 * 1024

    /// `data` compressed in the zlib format (RFC 1950) at `level`.
    /// - Throws: `CertificateError` naming zlib's status when compression fails.
    static func zlib(_ data: [UInt8], level: Int32) throws -> [UInt8] {
        let pieces = max(1, (data.count + pieceSize - 1) / pieceSize)
        var outputs = [[UInt8]?](repeating: nil, count: pieces)
        var failures = [Int32](repeating: Z_OK, count: pieces)
        data.withUnsafeBufferPointer { input in
            outputs.withUnsafeMutableBufferPointer { outs in
                failures.withUnsafeMutableBufferPointer { fails in
                    // Each index writes only its own slot.
                    nonisolated(unsafe) let outs = outs, fails = fails
                    DispatchQueue.concurrentPerform(iterations: pieces) { i in
                        let start = i * pieceSize, end = min(data.count, start + pieceSize)
                        let piece = UnsafeBufferPointer(rebasing: input[start..<end])
                        let (bytes, status) = rawDeflate(piece, level: level, last: i == pieces - 1)
                        outs[i] = bytes
                        fails[i] = status
                    }
                }
            }
        }
        if let bad = failures.first(where: { $0 != Z_OK }) {
            throw CertificateError(.pdf(step: "compressing the photo (zlib status \(bad))", code: 0, detail: 0))
        }
        // Header: deflate, 32 KiB window, "fastest" level hint; the check bits make it a multiple of 31.
        var out: [UInt8] = [0x78, 0x01]
        out.reserveCapacity(outputs.reduce(6) { $0 + ($1?.count ?? 0) })
        for piece in outputs { out.append(contentsOf: piece ?? []) }
        let checksum = data.withUnsafeBufferPointer { adler32(adler32(0, nil, 0), $0.baseAddress, uInt($0.count)) }
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: checksum >> UInt(shift))) }
        return out
    }

    /// One piece as raw deflate: ended with a sync flush, or finished when it is the last.
    private static func rawDeflate(_ piece: UnsafeBufferPointer<UInt8>, level: Int32, last: Bool) -> ([UInt8], Int32) {
        var stream = z_stream()
        var status = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { return ([], status) }
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, uLong(piece.count))) + 16
        var output = [UInt8](repeating: 0, count: capacity)
        output.withUnsafeMutableBufferPointer { out in
            stream.next_in = UnsafeMutablePointer(mutating: piece.baseAddress)
            stream.avail_in = uInt(piece.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(capacity)
            status = deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
        }
        let expected = last ? Z_STREAM_END : Z_OK
        guard status == expected, stream.avail_in == 0 else { return ([], status == Z_OK || status == Z_STREAM_END ? Z_BUF_ERROR : status) }
        output.removeLast(Int(stream.avail_out))
        return (output, Z_OK)
    }
}
