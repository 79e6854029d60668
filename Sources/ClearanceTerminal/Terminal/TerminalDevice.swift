/// A terminal's size in columns and rows.
public struct TerminalSize: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    /// The smallest size the screens are laid out for.
    public static let minimum = TerminalSize(width: 80, height: 24)
}

/// What the screen loop needs from a terminal: keys in, frames out.
///
/// ``RawTerminal`` is the real one; tests use ``ScriptedTerminal``.
public protocol TerminalDevice: AnyObject {
    var size: TerminalSize { get }
    /// The next key, blocking; ``Key/resize`` when the size changed; nil at end of input
    /// (terminal closed, SSH dropped).
    func nextKey() -> Key?
    /// Shows a full frame.
    func draw(_ frame: Frame)
}

/// A terminal fed from a list of keys, recording every frame drawn (tests, benchmarks).
public final class ScriptedTerminal: TerminalDevice {
    public var size: TerminalSize
    public private(set) var frames: [Frame] = []
    private var keys: [Key]
    /// Called before each key is handed out (tests change ``size`` here to simulate a resize).
    public var beforeKey: ((ScriptedTerminal, Int) -> Void)?
    private var served = 0

    public init(keys: [Key], size: TerminalSize = .minimum) { self.keys = keys; self.size = size }

    public func nextKey() -> Key? {
        beforeKey?(self, served)
        guard !keys.isEmpty else { return nil }
        served += 1
        return keys.removeFirst()
    }

    public func draw(_ frame: Frame) { frames.append(frame) }

    /// Appends keys to the script.
    public func type(_ more: [Key]) { keys += more }
    /// Keys for a string, one `.char` per character.
    public static func keys(_ text: String) -> [Key] { text.map { Key.char($0) } }
    /// The last frame as text.
    public var screen: String { frames.last?.plainText ?? "" }
}
