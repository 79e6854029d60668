// libFuzzer entry over the production decode path of ClearanceImaging.
// Built by fuzz/build.sh together with the library's own source files (same module), so the code
// fuzzed is exactly Sources/ClearanceImaging's PNGStructure + PNGDecoder + downscale + PNGEncoder.

/// Production limits (64 MiB, 60 megapixels, 1,000,000 a side).
private let limits = ImageLimits.default

/// Each input is decoded twice: as given (exercises signature/CRC/framing refusal), and with
/// every chunk's CRC recomputed, so mutations inside chunk data reach libpng's inflate, filters,
/// interlace and colour transforms instead of stopping at the CRC check.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    exercise(bytes)
    var fixed = Array(bytes)
    fixCRCs(&fixed)
    fixed.withUnsafeBytes { exercise($0) }
    return 0
}

private func exercise(_ bytes: UnsafeRawBufferPointer) {
    guard let decoded = try? PNGDecoder.decode(bytes, limits: limits) else { return }
    guard decoded.image.isConsistent, decoded.image.width == decoded.info.width else {
        fatalError("decoder returned an inconsistent image")
    }
    let small = decoded.image.downscaled(maxSide: 32)
    guard let png = try? PNGEncoder.encode(small, fast: true),
          let again = try? PNGDecoder.decode(png), again.image == small else {
        fatalError("normalised copy does not round-trip")
    }
}

private let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
}

/// Rewrites the CRC of every complete chunk after the signature.
private func fixCRCs(_ bytes: inout [UInt8]) {
    var offset = 8
    while offset + 12 <= bytes.count {
        let length = Int(UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
                         | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]))
        let end = offset + 12 + length
        guard length <= 0x7FFF_FFFF, end <= bytes.count else { return }
        var c: UInt32 = 0xFFFF_FFFF
        for index in (offset + 4)..<(end - 4) { c = crcTable[Int((c ^ UInt32(bytes[index])) & 0xFF)] ^ (c >> 8) }
        c ^= 0xFFFF_FFFF
        bytes[end - 4] = UInt8(c >> 24); bytes[end - 3] = UInt8((c >> 16) & 0xFF)
        bytes[end - 2] = UInt8((c >> 8) & 0xFF); bytes[end - 1] = UInt8(c & 0xFF)
        offset = end
    }
}
