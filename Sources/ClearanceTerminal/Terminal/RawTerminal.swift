import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The terminal state to put back, reachable from signal handlers and `atexit`.
nonisolated(unsafe) private var savedAttributes: termios?
nonisolated(unsafe) private var savedFD: Int32 = 0
nonisolated(unsafe) private var restoreOutputFD: Int32 = 1

/// Puts the terminal back (cooked mode, main screen, cursor shown). Async-signal-safe:
/// only `tcsetattr` and `write`.
private func restoreTerminal() {
    guard var t = savedAttributes else { return }
    tcsetattr(savedFD, TCSAFLUSH, &t)
    let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
    _ = write(restoreOutputFD, reset.utf8Start, reset.utf8CodeUnitCount)
}

private func onFatalSignal(_ sig: Int32) {
    restoreTerminal()
    signal(sig, SIG_DFL)
    raise(sig)
}

/// A real terminal in raw mode with the alternate screen, over termios and a small ANSI subset.
///
/// ``start()`` saves the terminal's settings, switches to raw mode and the alternate screen;
/// ``stop()`` puts everything back. The restore also runs at exit and on fatal signals
/// (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE), so a crash
/// never leaves the user's shell in raw mode. A resize (SIGWINCH, through a dispatch
/// signal source) makes ``nextKey()`` return ``Key/resize``. Colour is off when `NO_COLOR`
/// is set.
public final class RawTerminal: TerminalDevice {
    public let inputFD: Int32
    public let outputFD: Int32
    /// Whether colours are used (false when `NO_COLOR` is set to anything).
    public let colour: Bool
    private var decoder = KeyDecoder()
    private var queued: [Key] = []
    private var resizeSource: DispatchSourceSignal?
    private let resized = ResizeFlag()
    private var started = false
    /// The frame on the screen, to draw only what changes.
    private var shown: Frame?

    /// - Parameters:
    ///   - inputFD: the terminal to read (0).
    ///   - outputFD: the terminal to draw on (1).
    ///   - environment: the process environment (`NO_COLOR`).
    public init(inputFD: Int32 = 0, outputFD: Int32 = 1, environment: [String: String]) {
        self.inputFD = inputFD; self.outputFD = outputFD
        self.colour = environment["NO_COLOR"] == nil
    }

    /// Whether both descriptors are terminals and `TERM` is not `dumb`: when false, use line mode.
    public static func isUsable(inputFD: Int32 = 0, outputFD: Int32 = 1, environment: [String: String]) -> Bool {
        isatty(inputFD) == 1 && isatty(outputFD) == 1 && environment["TERM"] != "dumb"
    }

    /// Enters raw mode and the alternate screen.
    /// - Throws: ``TerminalError`` when the input is not a terminal.
    public func start() throws {
        var t = termios()
        guard tcgetattr(inputFD, &t) == 0 else { throw TerminalError(message: "standard input is not a terminal; use --plain") }
        savedAttributes = t; savedFD = inputFD; restoreOutputFD = outputFD
        atexit { restoreTerminal() }
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig, onFatalSignal)
        }
        var raw = t
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1; cc[Int(VTIME)] = 0
        }
        tcsetattr(inputFD, TCSAFLUSH, &raw)
        signal(SIGWINCH, SIG_IGN)
        let src = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        let flag = resized
        src.setEventHandler { flag.set() }
        src.resume()
        resizeSource = src
        emit("\u{1B}[?1049h\u{1B}[2J")
        shown = nil
        started = true
    }

    /// Leaves the alternate screen and restores the saved terminal settings.
    public func stop() {
        guard started else { return }
        started = false
        resizeSource?.cancel()
        restoreTerminal()
        // Restored once: the `atexit` hook must not leave the alternate screen a second time,
        // which would move the cursor back over what was printed after stop().
        savedAttributes = nil
    }

    public var size: TerminalSize {
        var w = winsize()
        if ioctl(outputFD, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0, w.ws_row > 0 {
            return TerminalSize(width: Int(w.ws_col), height: Int(w.ws_row))
        }
        return .minimum
    }

    public func nextKey() -> Key? {
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            if resized.take() { shown = nil; return .resize }
            var p = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 50)
            if ready < 0 { if errno == EINTR { continue }; return nil }
            if ready == 0 {
                if decoder.hasPending { queued += decoder.flush() }
                continue
            }
            if p.revents & Int16(POLLIN) == 0, p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return nil }
            var buf = [UInt8](repeating: 0, count: 256)
            let n = read(inputFD, &buf, buf.count)
            if n < 0 { if errno == EINTR || errno == EAGAIN { continue }; return nil }
            if n == 0 { return nil }
            queued += decoder.feed(Array(buf[0..<n]))
        }
    }

    /// Draws `frame`, writing only the rows that changed since the last one drawn
    /// (``Frame/ansiUpdate(from:colour:)``); after a resize everything is redrawn.
    public func draw(_ frame: Frame) {
        emit(frame.ansiUpdate(from: shown, colour: colour))
        shown = frame
    }

    private func emit(_ s: String) {
        var bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(outputFD, $0.baseAddress! + off, $0.count - off) }
            if n < 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }
}

/// A terminal that cannot be used, saying what to do instead.
public struct TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Set from the SIGWINCH source, read by the key loop.
final class ResizeFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    func take() -> Bool { lock.lock(); defer { value = false; lock.unlock() }; return value }
}
