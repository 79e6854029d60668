import Crypto
import Foundation

/// Validates an attached image and derives what the store keeps beside the original.
///
/// One call checks limits and structure, decodes once with libpng (8 bits by ``EightBitRule``),
/// hashes the original with SHA-256, and encodes a normalised 8-bit copy and an area-averaged
/// thumbnail. With fast encoding (the default) the copy is compressed on a second thread while
/// the rows are still being decoded (``StreamingCopyEncoder``), then this thread hashes and makes
/// the thumbnail while the copy finishes; the copy's bytes are the same as encoding the decoded
/// image afterwards. The original is only read.
///
/// ```swift
/// let processor = AttachmentProcessor()
/// let result = try processor.process(fileBytes)
/// store(original: fileBytes, sha256: result.sha256Hex, thumbnail: result.thumbnail.png)
/// ```
public struct AttachmentProcessor: Sendable {
    /// Limits checked before decoding.
    public var limits: ImageLimits
    /// Longest side of the thumbnail. Default 256.
    public var thumbnailMaxSide: Int
    /// Encode derived PNGs with libpng's fast setting (larger files, much quicker). Default true.
    public var fastEncoding: Bool

    /// The media type of every attachment this processor accepts.
    public static let pngMediaType = "image/png"

    /// Creates a processor.
    ///
    /// - Parameters:
    ///   - limits: Size limits. Default ``ImageLimits/default``.
    ///   - thumbnailMaxSide: Longest thumbnail side in pixels (at least 1). Default 256.
    ///   - fastEncoding: Favour speed over size for the derived PNGs.
    public init(limits: ImageLimits = .default, thumbnailMaxSide: Int = 256, fastEncoding: Bool = true) {
        self.limits = limits
        self.thumbnailMaxSide = max(1, thumbnailMaxSide)
        self.fastEncoding = fastEncoding
    }

    /// Processes the original bytes of an attachment.
    ///
    /// - Parameter original: The file as received.
    /// - Returns: Hash, media type, size, header information, normalised copy and thumbnail.
    /// - Throws: ``ImagingError`` (`.notPNG`, `.truncated`, `.tooLarge`, `.corrupt`, `.encodeFailed`).
    public func process(_ original: [UInt8]) throws -> ProcessedAttachment {
        try original.withUnsafeBytes { try process(bytes: $0) }
    }

    /// Processes the original bytes of an attachment.
    ///
    /// - Parameter original: The file as received.
    /// - Returns: Hash, media type, size, header information, normalised copy and thumbnail.
    /// - Throws: ``ImagingError`` (`.notPNG`, `.truncated`, `.tooLarge`, `.corrupt`, `.encodeFailed`).
    public func process(_ original: Data) throws -> ProcessedAttachment {
        try original.withUnsafeBytes { try process(bytes: $0) }
    }

    /// Lower-case hex SHA-256 of `bytes`.
    ///
    /// - Parameter bytes: Any bytes.
    /// - Returns: 64 hex digits, as `sha256sum` prints them.
    public static func sha256Hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let digest = SHA256.hash(data: bytes)
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private func process(bytes: UnsafeRawBufferPointer) throws -> ProcessedAttachment {
        if fastEncoding { return try processStreaming(bytes: bytes) }
        let decoded = try PNGDecoder.decode(bytes, limits: limits)
        let image = decoded.image
        // The normalised copy (the longest step) is encoded on one thread while the other
        // hashes the original and makes the thumbnail; both finish before returning.
        let work = DerivedImages()
        let (fast, maxSide) = (fastEncoding, thumbnailMaxSide)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                work.normalised = Result { try PNGEncoder.encode(image, fast: fast) }
            } else {
                work.hash = Self.sha256Hex(bytes)
                let small = image.downscaled(maxSide: maxSide)
                // Thumbnails are small: always compressed properly (the fast writer can make them larger than the original).
                work.thumbnail = Result { (try PNGEncoder.encode(small, fast: false), small) }
            }
        }
        guard let normalisedResult = work.normalised, let thumbnailResult = work.thumbnail, let hash = work.hash else {
            throw ImagingError.encodeFailed("the derived images were not produced")
        }
        let normalised = try normalisedResult.get()
        let (thumbnail, small) = try thumbnailResult.get()
        return Self.result(decoded: decoded, hash: hash, byteCount: bytes.count, normalised: normalised,
                           thumbnail: thumbnail, small: small)
    }

    /// The fast path: the copy is compressed on a second thread while the rows are still being
    /// decoded, then this thread hashes the original and makes the thumbnail while it finishes.
    private func processStreaming(bytes: UnsafeRawBufferPointer) throws -> ProcessedAttachment {
        let encoder = StreamingCopyEncoder()
        let decoded = try PNGDecoder.decode(bytes, limits: limits, sink: encoder)
        let hash = Self.sha256Hex(bytes)
        let small = decoded.image.downscaled(maxSide: thumbnailMaxSide)
        // Thumbnails are small: always compressed properly (the fast writer can make them larger than the original).
        let thumbnail = Result { try PNGEncoder.encode(small, fast: false) }
        var normalised = try withExtendedLifetime(decoded) { try encoder.result() }
        // The fast copy of a very compressible image (a 233 KB PNG of flat areas) can be 100x
        // the original: past the bound it is compressed properly instead (zlib's default level).
        if normalised.count > Self.storedCopyBound(originalBytes: bytes.count) {
            normalised = try PNGEncoder.encode(decoded.image, fast: false)
        }
        return Self.result(decoded: decoded, hash: hash, byteCount: bytes.count, normalised: normalised,
                           thumbnail: try thumbnail.get(), small: small)
    }

    /// The size past which the fast normalised copy is re-compressed properly: 4 times the
    /// original, and at least 1 MiB (small images are not worth a second encoding).
    public static func storedCopyBound(originalBytes: Int) -> Int { max(4 * originalBytes, 1 << 20) }

    private static func result(decoded: DecodedPNG, hash: String, byteCount: Int, normalised: [UInt8],
                               thumbnail: [UInt8], small: PixelImage) -> ProcessedAttachment {
        let image = decoded.image
        return ProcessedAttachment(
            sha256Hex: hash, mediaType: pngMediaType, byteCount: byteCount, info: decoded.info,
            normalised: EncodedImage(png: Data(normalised), width: image.width, height: image.height, layout: image.layout),
            thumbnail: EncodedImage(png: Data(thumbnail), width: small.width, height: small.height, layout: small.layout))
    }
}

/// Results of the two concurrent halves of ``AttachmentProcessor``; each field is written by
/// exactly one iteration of `concurrentPerform` and read only after it returns.
private final class DerivedImages: @unchecked Sendable {
    var normalised: Result<[UInt8], Error>?
    var thumbnail: Result<([UInt8], PixelImage), Error>?
    var hash: String?
}
