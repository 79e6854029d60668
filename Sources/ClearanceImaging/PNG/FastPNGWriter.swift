import CLibPNG
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpng's classic writer fed row by row (`clearance_png_writer` in CLibPNG/shim.h) with
/// ``PNGEncoder/FastSettings``: 8-bit, non-interlaced, no colour-space chunk. The same rows give
/// the same bytes however they are split into calls.
final class FastPNGWriter {
    private let handle: UnsafeMutablePointer<clearance_png_writer>
    private let rowBytes: Int

    /// Starts a PNG of `width` x `height` pixels in `layout`.
    ///
    /// - Throws: ``ImagingError`` `.encodeFailed` when libpng cannot start.
    init(width: Int, height: Int, layout: PixelLayout, settings: PNGEncoder.FastSettings) throws {
        guard width > 0, height > 0, width <= 0x7FFF_FFFF / layout.channels, height <= 0x7FFF_FFFF,
              let handle = clearance_png_writer_open(UInt32(width), UInt32(height), Int32(layout.channels),
                                                     min(max(settings.level, 0), 9), settings.strategy, settings.filters) else {
            throw ImagingError.encodeFailed("libpng could not start writing a \(width)x\(height) image")
        }
        self.handle = handle
        rowBytes = width * layout.channels
    }

    deinit { clearance_png_writer_close(handle) }

    /// Writes the next `count` rows (`count * width * channels` bytes at `rows`).
    ///
    /// - Throws: ``ImagingError`` `.encodeFailed`.
    func write(_ rows: UnsafePointer<UInt8>, count: Int) throws {
        guard clearance_png_writer_rows(handle, rows, UInt32(count)) == 0 else {
            throw ImagingError.encodeFailed("libpng could not write the image")
        }
    }

    /// Ends the PNG once every row is written and returns its bytes.
    ///
    /// - Throws: ``ImagingError`` `.encodeFailed`.
    func finish() throws -> [UInt8] {
        var output: UnsafePointer<UInt8>?
        var size = 0
        guard clearance_png_writer_finish(handle, &output, &size) == 0, let output else {
            throw ImagingError.encodeFailed("libpng could not finish the image")
        }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
