import Foundation

/// Encodes the normalised copy on its own thread while ``PNGDecoder`` is still decoding: each
/// group of converted rows is compressed as soon as it is handed over. The writer and its calls
/// are ``PNGEncoder/encodeFast(_:settings:)``'s, so the bytes are the same as encoding the
/// finished image.
final class StreamingCopyEncoder: DecodedRowSink, @unchecked Sendable {
    private let settings: PNGEncoder.FastSettings
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var start: UnsafePointer<UInt8>?
    private var available = 0
    private var cancelled = false
    private var outcome: Result<[UInt8], Error>?

    init(settings: PNGEncoder.FastSettings = .default) { self.settings = settings }

    func begin(width: Int, height: Int, layout: PixelLayout) {
        let thread = Thread { [self] in
            let result = Result { try encode(width: width, height: height, layout: layout) }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    func rows(_ first: UnsafePointer<UInt8>, count: Int) {
        condition.lock()
        if start == nil { start = first }
        available += count
        condition.broadcast()
        condition.unlock()
    }

    func end(completed: Bool) {
        guard !completed else { return }
        condition.lock()
        cancelled = true
        condition.broadcast()
        while outcome == nil { condition.wait() }
        condition.unlock()
    }

    /// Waits for the copy. The decoded image must be kept alive until this returns.
    ///
    /// - Throws: ``ImagingError`` `.encodeFailed`.
    func result() throws -> [UInt8] {
        condition.lock()
        while outcome == nil { condition.wait() }
        let done = outcome
        condition.unlock()
        return try done!.get()
    }

    private func encode(width: Int, height: Int, layout: PixelLayout) throws -> [UInt8] {
        let writer = try FastPNGWriter(width: width, height: height, layout: layout, settings: settings)
        let rowBytes = width * layout.channels
        var written = 0
        while written < height {
            condition.lock()
            while available == written && !cancelled { condition.wait() }
            let (first, ready, stop) = (start, available, cancelled)
            condition.unlock()
            if stop { throw ImagingError.encodeFailed("the image could not be decoded") }
            guard let first else { continue }
            try writer.write(first + written * rowBytes, count: ready - written)
            written = ready
        }
        return try writer.finish()
    }
}
