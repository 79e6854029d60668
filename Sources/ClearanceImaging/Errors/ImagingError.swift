/// An error met while checking, decoding or encoding an image.
///
/// `ImagingError` is a struct wrapping a private enum so that new kinds can be added without
/// breaking callers. Compare ``code`` against the static members of ``ImagingError/Code`` and read
/// the detail properties (``limit``, ``actual``, ``libpngMessage``, ``offset``) for specifics.
/// ``description`` is a full sentence meant for the person who supplied the file: it says what is
/// wrong, where, and what to do.
///
/// ```swift
/// do { _ = try PNGDecoder.decode(bytes) }
/// catch let error as ImagingError where error.code == .tooLarge { print(error.limit ?? 0) }
/// ```
public struct ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A stable identifier of what went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The bytes do not start with the 8-byte PNG signature (also: empty input).
        public static let notPNG = Code("notPNG")
        /// The file ends before the PNG structure does (inside a chunk, or before IEND).
        public static let truncated = Code("truncated")
        /// The file size, a side, or the pixel count is over the configured ``ImageLimits``.
        public static let tooLarge = Code("tooLarge")
        /// The PNG structure or data is invalid (bad header, bad CRC, bad compressed data...).
        public static let corrupt = Code("corrupt")
        /// An image could not be encoded (invalid pixel buffer or libpng write failure).
        public static let encodeFailed = Code("encodeFailed")
    }

    /// Which quantity a ``Code/tooLarge`` error is about.
    public enum Quantity: String, Sendable {
        case fileBytes = "file size (bytes)"
        case width = "width (pixels)"
        case height = "height (pixels)"
        case pixels = "pixel count (width x height)"
    }

    private enum Kind: Equatable, Sendable {
        case notPNG(empty: Bool)
        case truncated(byteCount: Int, detail: String)
        case tooLarge(Quantity, limit: Int, actual: Int)
        case corrupt(detail: String, libpng: String?, offset: Int?)
        case encodeFailed(detail: String)
    }

    private let kind: Kind
    /// The file or field the bytes came from, if the caller said so with ``attributed(to:)``.
    public private(set) var source: String?

    private init(_ kind: Kind) { self.kind = kind }

    // MARK: - Constructors (internal)

    static func notPNG(empty: Bool) -> ImagingError { ImagingError(.notPNG(empty: empty)) }
    static func truncated(byteCount: Int, detail: String) -> ImagingError {
        ImagingError(.truncated(byteCount: byteCount, detail: detail))
    }
    static func tooLarge(_ quantity: Quantity, limit: Int, actual: Int) -> ImagingError {
        ImagingError(.tooLarge(quantity, limit: limit, actual: actual))
    }
    static func corrupt(_ detail: String, libpng: String? = nil, offset: Int? = nil) -> ImagingError {
        ImagingError(.corrupt(detail: detail, libpng: libpng, offset: offset))
    }
    static func encodeFailed(_ detail: String) -> ImagingError { ImagingError(.encodeFailed(detail: detail)) }

    // MARK: - API

    /// Returns a copy of this error whose message names `source` (a file name or form field).
    ///
    /// - Parameter source: Where the bytes came from, e.g. `"xray-0412.png"`.
    /// - Returns: The same error, with ``source`` set.
    public func attributed(to source: String) -> ImagingError {
        var copy = self
        copy.source = source
        return copy
    }

    /// What went wrong, as a stable code.
    public var code: Code {
        switch kind {
        case .notPNG: return .notPNG
        case .truncated: return .truncated
        case .tooLarge: return .tooLarge
        case .corrupt: return .corrupt
        case .encodeFailed: return .encodeFailed
        }
    }

    /// For ``Code/tooLarge``: the quantity that was over its limit.
    public var quantity: Quantity? {
        if case let .tooLarge(quantity, _, _) = kind { return quantity }
        return nil
    }

    /// For ``Code/tooLarge``: the configured limit.
    public var limit: Int? {
        if case let .tooLarge(_, limit, _) = kind { return limit }
        return nil
    }

    /// For ``Code/tooLarge``: the actual value found in the file.
    public var actual: Int? {
        if case let .tooLarge(_, _, actual) = kind { return actual }
        return nil
    }

    /// For ``Code/corrupt``: libpng's own message (from `png_image.message`), when libpng reported it.
    public var libpngMessage: String? {
        if case let .corrupt(_, libpng, _) = kind { return libpng }
        return nil
    }

    /// For ``Code/corrupt`` found by the structure check: the byte offset of the bad chunk.
    public var offset: Int? {
        if case let .corrupt(_, _, offset) = kind { return offset }
        return nil
    }

    /// A sentence for the user: what is wrong, where, and what to do.
    public var description: String {
        let prefix = source.map { "\($0): " } ?? ""
        switch kind {
        case .notPNG(let empty):
            if empty {
                return prefix + "the file is empty (0 bytes), not a PNG image; attach the image file again."
            }
            return prefix + "not a PNG image (the first 8 bytes are not the PNG signature); "
                + "export or convert the image to PNG and attach it again."
        case let .truncated(byteCount, detail):
            return prefix + "the PNG file is truncated after \(byteCount) bytes (\(detail)); "
                + "copy or export the image again from its source."
        case let .tooLarge(quantity, limit, actual):
            return prefix + "the image is too large: its \(quantity.rawValue) is \(actual), "
                + "over the limit of \(limit); reduce the image or raise the configured image limit."
        case let .corrupt(detail, libpng, offset):
            var text = prefix + "the PNG file is corrupt: \(detail)"
            if let offset { text += " at byte \(offset)" }
            if let libpng, libpng != detail { text += " (libpng: \(libpng))" }
            return text + "; export the image again from its source."
        case let .encodeFailed(detail):
            return prefix + "could not encode the PNG image: \(detail)."
        }
    }
}
