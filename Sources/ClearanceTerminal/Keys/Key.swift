/// One key press (or terminal event) as the form core and screens understand it.
///
/// Produced from raw bytes by ``KeyDecoder``; ``resize`` comes from the terminal device.
public enum Key: Hashable, Sendable {
    /// A printable character (any script; one grapheme may arrive as several `.char`s).
    case char(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl plus a letter, lowercase: `.ctrl("c")`.
    case ctrl(Character)
    /// The terminal changed size: redraw.
    case resize
    /// A sequence the decoder does not know; ignored by every screen.
    case unknown
}
