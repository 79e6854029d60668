import Crypto

/// Lower-case hexadecimal of bytes, for SHA-256 digests and key ids.
///
/// Digit by digit rather than `String(format:)`, which costs microseconds per byte and showed
/// up at 15% of an import's instructions under callgrind.
extension Sequence where Element == UInt8 {
    public var hexString: String {
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(hexDigit(byte >> 4))
            out.append(hexDigit(byte & 0x0f))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The ASCII lower-case hex digit of a value 0...15.
@inline(__always) private func hexDigit(_ v: UInt8) -> UInt8 {
    v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
}

extension Digest {
    /// Lower-case hexadecimal of the digest, read from its bytes in place (the generic
    /// ``Swift/Sequence/hexString`` walks a digest through a slow iterator).
    public var hexString: String { withUnsafeBytes { $0.hexString } }
}
