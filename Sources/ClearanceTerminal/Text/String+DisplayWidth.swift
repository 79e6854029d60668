/// Column widths of text in a terminal.
///
/// A terminal cell holds one column. East Asian Wide and Fullwidth characters (CJK ideographs,
/// kana, Hangul syllables, fullwidth forms) and emoji take two; combining marks, zero-width
/// joiners and other format characters take none; everything else (Latin, Cyrillic, Arabic,
/// Greek, ...) takes one. Widths are counted per grapheme cluster, so `e` + U+0301 is one column.
///
/// ```swift
/// "Ivanov".displayWidth        // 6
/// "王秀英".displayWidth          // 6
/// "José".displayWidth          // 4, whether é is precomposed or not
/// ```
public enum DisplayWidth {
    /// Columns a single Unicode scalar takes when it starts a cluster.
    /// - Returns: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Columns a grapheme cluster takes: the width of its first scalar, or 2 for emoji
    /// shown in emoji presentation (including ZWJ sequences and VS16 forms).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return of(first)
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15.
    static func isWide(_ v: UInt32) -> Bool {
        for r in wideRanges where r.contains(v) { return true }
        return false
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
        0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension String {
    /// Terminal columns this text takes (see ``DisplayWidth``).
    public var displayWidth: Int {
        var w = 0
        for c in self { w += DisplayWidth.of(c) }
        return w
    }

    /// The longest prefix that fits in `columns`, ending with `…` when text was cut.
    ///
    /// A wide character never straddles the limit: when it does not fit, the result is one
    /// column shorter than `columns` (``padded(toColumns:)`` fills it).
    /// - Parameter columns: the maximum width; 0 or less gives "".
    /// - Returns: text whose ``displayWidth`` is at most `columns`.
    public func truncated(toColumns columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        if displayWidth <= columns { return self }
        let budget = columns - ellipsis.displayWidth
        guard budget >= 0 else { return "" }
        var out = ""
        var w = 0
        for c in self {
            let cw = DisplayWidth.of(c)
            if w + cw > budget { break }
            out.append(c); w += cw
        }
        return out + ellipsis
    }

    /// The text cut to `columns` and padded with spaces to exactly `columns`.
    public func padded(toColumns columns: Int) -> String {
        let t = truncated(toColumns: columns)
        let w = t.displayWidth
        return w < columns ? t + String(repeating: " ", count: columns - w) : t
    }

    /// The text with control characters (C0, DEL, C1: terminal escapes) replaced by `�`,
    /// so stored data can never move the cursor or change colours.
    public var terminalSafe: String {
        var needs = false
        for s in unicodeScalars where s.value < 0x20 || (0x7F..<0xA0).contains(s.value) { needs = true; break }
        guard needs else { return self }
        var out = String.UnicodeScalarView()
        for s in unicodeScalars {
            out.append(s.value < 0x20 || (0x7F..<0xA0).contains(s.value) ? "\u{FFFD}" : s)
        }
        return String(out)
    }
}
