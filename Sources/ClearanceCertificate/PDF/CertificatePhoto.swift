import Foundation

/// The holder's photo as decoded pixels: 8-bit RGB, row-major, no padding.
///
/// Certificates take pixels, never an encoded file, so libharu's own image loaders (which abort
/// on corrupt input) are never used. Decode the clinic photo with ClearanceImaging first.
///
/// ```swift
/// let photo = try CertificatePhoto(width: 2, height: 1, rgb: [255, 0, 0, 0, 0, 255])
/// ```
public struct CertificatePhoto: Hashable, Sendable {
    /// Largest side accepted, in pixels.
    public static let maximumSide = 4096

    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes.
    public let rgb: [UInt8]

    /// - Throws: `CertificateError` when a side is not within 1...4096 or `rgb.count` is not
    ///   `width * height * 3`.
    public init(width: Int, height: Int, rgb: [UInt8]) throws {
        guard (1...Self.maximumSide).contains(width), (1...Self.maximumSide).contains(height) else {
            throw CertificateError(.photo(reason: "size \(width)x\(height) is outside 1...\(Self.maximumSide) pixels per side"))
        }
        guard rgb.count == width * height * 3 else {
            throw CertificateError(.photo(reason: "expected \(width * height * 3) RGB bytes for \(width)x\(height), found \(rgb.count)"))
        }
        self.width = width
        self.height = height
        self.rgb = rgb
    }
}
