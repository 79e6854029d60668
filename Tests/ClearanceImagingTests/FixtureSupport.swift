import Foundation
@testable import ClearanceImaging

/// Loads fixture files and mirrors the pixel patterns of fuzz/make_fixtures.py.
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureMissing(name: "Fixtures")
        }
        return folder.appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try url(name)))
    }

    struct FixtureMissing: Error { let name: String }

    // MARK: - Patterns (keep in step with fuzz/make_fixtures.py)

    static func grey(depth: Int) -> (Int, Int) -> [Int] { { x, y in [(x + 2 * y) % (1 << depth)] } }
    static func grey8(_ x: Int, _ y: Int) -> [Int] { [(x * 16 + y * 3) & 255] }
    static func grey16(_ x: Int, _ y: Int) -> [Int] { [(x * 4099 + y * 1799) & 0xFFFF] }
    static func rgb8(_ x: Int, _ y: Int) -> [Int] { [(x * 30) & 255, (y * 40) & 255, ((x + y) * 10) & 255] }
    static func rgb16(_ x: Int, _ y: Int) -> [Int] { [(x * 5000) & 0xFFFF, (y * 7000) & 0xFFFF, ((x + y) * 3000) & 0xFFFF] }
    static func rgba8(_ x: Int, _ y: Int) -> [Int] { rgb8(x, y) + [(x * 20 + y * 50 + 5) & 255] }
    static func rgba16(_ x: Int, _ y: Int) -> [Int] { rgb16(x, y) + [20000 + x * 3000 + y * 1000] }
    static func greyAlpha8(_ x: Int, _ y: Int) -> [Int] { [(x * 20) & 255, (y * 60 + 15) & 255] }
    static let palette: [[Int]] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]
    static func paletteIndex(_ x: Int, _ y: Int) -> Int { (x + y) % 4 }

    /// 16-bit to 8-bit as stored, rounded.
    static func to8(_ value: Int) -> Int { (value * 255 + 32767) / 65535 }
}

/// Writes PNG files in Swift with stored (uncompressed) deflate blocks: any size, colour type
/// and depth, without libpng, so tests do not depend on the code under test to make inputs.
enum RawPNGWriter {
    static func make(width: Int, height: Int, bitDepth: Int, colorType: UInt8, rows: (Int) -> [UInt8]) -> [UInt8] {
        var raw = [UInt8]()
        for y in 0..<height { raw.append(0); raw += rows(y) }
        var ihdr = be32(width) + be32(height)
        ihdr += [UInt8(bitDepth), colorType, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr)
            + chunk("IDAT", storedZlib(raw)) + chunk("IEND", [])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(crc32(body)))
    }

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return out + be32(Int(b << 16 | a))
    }

    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
