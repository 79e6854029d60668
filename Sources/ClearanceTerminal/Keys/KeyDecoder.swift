/// Turns the raw bytes a terminal sends into ``Key``s.
///
/// Handles arrows (`ESC [ A`, `ESC O A`, with modifiers `ESC [ 1 ; 5 A`), Home/End
/// (`ESC [ H`, `ESC [ 1 ~`, `ESC [ 4 ~`, ...), Delete, PageUp/Down, Shift-Tab (`ESC [ Z`),
/// Enter (CR or LF), Backspace (DEL or BS), Ctrl-letters, and UTF-8 multibyte characters
/// (an invalid byte becomes `�`). Input may arrive split at any byte: what is incomplete is
/// kept for the next ``feed(_:)``. A lone ESC cannot be told from the start of a sequence
/// until the terminal goes quiet, so the caller calls ``flush()`` after a short read timeout.
///
/// ```swift
/// var d = KeyDecoder()
/// d.feed(Array("\u{1B}[Zé".utf8))   // [.backTab, .char("é")]
/// ```
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Whether bytes are held waiting for the rest of a sequence.
    public var hasPending: Bool { !pending.isEmpty }

    /// Decodes as many keys as the bytes so far allow.
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        var i = 0
        while i < pending.count {
            guard let (key, used) = decode(at: i, final: false) else { break }
            if let key { keys.append(key) }
            i += used
        }
        pending.removeFirst(i)
        return keys
    }

    /// Decodes whatever is held as complete input: a lone ESC becomes ``Key/escape``,
    /// a truncated UTF-8 sequence `�`.
    public mutating func flush() -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < pending.count {
            guard let (key, used) = decode(at: i, final: true) else { break }
            if let key { keys.append(key) }
            i += used
        }
        pending.removeAll()
        return keys
    }

    /// One key starting at `i`; nil when more bytes are needed (never when `final`).
    private func decode(at i: Int, final: Bool) -> (Key?, Int)? {
        let b = pending[i]
        switch b {
        case 0x1B: return decodeEscape(at: i, final: final)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x00: return (nil, 1)
        case 0x01...0x1A: return (.ctrl(Character(Unicode.Scalar(b + 0x60))), 1)
        case 0x1C...0x1F: return (.unknown, 1)
        case 0x20...0x7E: return (.char(Character(Unicode.Scalar(b))), 1)
        default: return decodeUTF8(at: i, final: final)
        }
    }

    private func decodeUTF8(at i: Int, final: Bool) -> (Key?, Int)? {
        let b = pending[i]
        let length: Int
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (.char("\u{FFFD}"), 1)
        }
        var n = 1
        while n < length, i + n < pending.count {
            guard (0x80...0xBF).contains(pending[i + n]) else { return (.char("\u{FFFD}"), n) }
            n += 1
        }
        if n < length { return final ? (.char("\u{FFFD}"), n) : nil }
        let bytes = Array(pending[i..<(i + length)])
        if let s = String(validating: bytes, as: UTF8.self), let c = s.first, s.count == 1 {
            if c.unicodeScalars.allSatisfy({ $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) { return (.unknown, length) }
            return (.char(c), length)
        }
        return (.char("\u{FFFD}"), length)
    }

    private func decodeEscape(at i: Int, final: Bool) -> (Key?, Int)? {
        guard i + 1 < pending.count else { return final ? (.escape, 1) : nil }
        let next = pending[i + 1]
        if next == UInt8(ascii: "O") {
            guard i + 2 < pending.count else { return final ? (.escape, 1) : nil }
            switch pending[i + 2] {
            case UInt8(ascii: "A"): return (.up, 3)
            case UInt8(ascii: "B"): return (.down, 3)
            case UInt8(ascii: "C"): return (.right, 3)
            case UInt8(ascii: "D"): return (.left, 3)
            case UInt8(ascii: "H"): return (.home, 3)
            case UInt8(ascii: "F"): return (.end, 3)
            default: return (.unknown, 3)
            }
        }
        guard next == UInt8(ascii: "[") else {
            // ESC then something else: a lone ESC (Alt+key is not used), the rest is decoded next.
            return (.escape, 1)
        }
        // CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
        var j = i + 2
        while j < pending.count, (0x20...0x3F).contains(pending[j]) { j += 1 }
        guard j < pending.count else { return final ? (.escape, 1) : nil }
        let finalByte = pending[j]
        let used = j - i + 1
        guard (0x40...0x7E).contains(finalByte) else { return (.unknown, used) }
        let params = String(decoding: pending[(i + 2)..<j], as: UTF8.self)
        switch finalByte {
        case UInt8(ascii: "A"): return (.up, used)
        case UInt8(ascii: "B"): return (.down, used)
        case UInt8(ascii: "C"): return (.right, used)
        case UInt8(ascii: "D"): return (.left, used)
        case UInt8(ascii: "H"): return (.home, used)
        case UInt8(ascii: "F"): return (.end, used)
        case UInt8(ascii: "Z"): return (.backTab, used)
        case UInt8(ascii: "~"):
            switch params.split(separator: ";").first.map(String.init) ?? "" {
            case "1", "7": return (.home, used)
            case "4", "8": return (.end, used)
            case "3": return (.delete, used)
            case "5": return (.pageUp, used)
            case "6": return (.pageDown, used)
            default: return (.unknown, used)
            }
        default: return (.unknown, used)
        }
    }
}
