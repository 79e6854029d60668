import CQREncode
import Foundation

/// A QR code's module matrix, from libqrencode (8-bit mode, error correction M).
///
/// Row-major, `size` x `size`, `true` = dark module; no quiet zone is included (draw at least
/// 4 light modules around it).
///
/// ```swift
/// let qr = try QRMatrix(encoding: signed.text)
/// qr.isDark(row: 0, column: 0)   // true: a finder pattern corner
/// ```
public struct QRMatrix: Hashable, Sendable {
    /// Modules per side.
    public let size: Int
    /// The QR version libqrencode chose (1...40).
    public let version: Int
    /// Row-major dark flags, `size * size` entries.
    public let modules: [Bool]

    /// Encodes `text` as UTF-8 bytes.
    /// - Throws: `CertificateError` when the text is empty, holds a NUL, or is too long for a QR code.
    public init(encoding text: String) throws {
        guard !text.isEmpty, !text.utf8.contains(0) else {
            throw CertificateError(.qrEncoding(reason: "the text is empty or contains a NUL byte"))
        }
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw CertificateError(.qrEncoding(reason: "libqrencode failed (\(String(cString: strerror(errno)))); the text may be too long (\(text.utf8.count) bytes)"))
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        size = width
        version = Int(code.pointee.version)
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at (`row`, `column`) is dark; false outside the matrix.
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// The matrix as a binary PGM (P5) image, `scale` pixels per module, with a 4-module quiet
    /// zone: handy for tests and for decoding with an external reader.
    public func pgm(scale: Int = 4) -> Data {
        let s = max(1, scale), border = 4
        let side = (size + 2 * border) * s
        var pixels = [UInt8](repeating: 255, count: side * side)
        for row in 0..<size {
            for column in 0..<size where modules[row * size + column] {
                for dy in 0..<s {
                    let start = ((row + border) * s + dy) * side + (column + border) * s
                    for dx in 0..<s { pixels[start + dx] = 0 }
                }
            }
        }
        var data = Data("P5\n\(side) \(side)\n255\n".utf8)
        data.append(contentsOf: pixels)
        return data
    }
}
