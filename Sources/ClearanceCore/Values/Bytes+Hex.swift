/// Lower-case hexadecimal of bytes, for SHA-256 digests and key ids.
///
/// A lookup table rather than `String(format:)`, which costs microseconds per byte and showed
/// up at 15% of an import's instructions under callgrind.
extension Sequence where Element == UInt8 {
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
