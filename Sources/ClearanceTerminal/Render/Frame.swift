/// A colour used as an aid only: everything it marks is also said in text or symbols.
public enum Colour: Hashable, Sendable {
    case none, red, green, yellow, blue, cyan
    var sgr: Int? {
        switch self {
        case .none: return nil
        case .red: return 31
        case .green: return 32
        case .yellow: return 33
        case .blue: return 34
        case .cyan: return 36
        }
    }
}

/// A run of text with one look.
public struct Span: Hashable, Sendable {
    public var text: String
    public var bold = false
    public var reverse = false
    public var dim = false
    public var colour: Colour = .none
    public init(_ text: String, bold: Bool = false, reverse: Bool = false, dim: Bool = false, colour: Colour = .none) {
        self.text = text.terminalSafe; self.bold = bold; self.reverse = reverse; self.dim = dim; self.colour = colour
    }
}

/// One screen row, as spans.
public struct Row: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]
    public init(_ spans: [Span] = []) { self.spans = spans }
    public init(stringLiteral value: String) { self.spans = [Span(value)] }
    public var text: String { spans.map(\.text).joined() }
}

/// A full screen: exactly `height` rows, none wider than `width` columns once rendered.
///
/// Screens build frames; a terminal device turns them into ANSI with ``ansi(colour:)``;
/// tests read ``plainText``.
public struct Frame: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var rows: [Row]
    /// Where to put the cursor (row, column, 0-based), or nil to hide it.
    public var cursor: (row: Int, column: Int)? {
        get { cursorRow.map { ($0, cursorColumn) } }
        set { cursorRow = newValue?.row; cursorColumn = newValue?.column ?? 0 }
    }
    private var cursorRow: Int?
    private var cursorColumn = 0

    public init(width: Int, height: Int, rows: [Row]) {
        self.width = width; self.height = height; self.rows = rows
    }

    /// Each row cut and padded to `width` columns, `height` rows.
    public var fittedRows: [[Span]] {
        (0..<height).map { i in
            let spans = i < rows.count ? rows[i].spans : []
            var out: [Span] = []
            var left = width
            for var s in spans {
                guard left > 0 else { break }
                let cut = s.text.displayWidth > left
                if cut { s.text = s.text.truncated(toColumns: left) }
                left -= s.text.displayWidth
                out.append(s)
                if cut { break }
            }
            if left > 0 { out.append(Span(String(repeating: " ", count: left))) }
            return out
        }
    }

    /// The screen as plain text, one line a row, trailing spaces removed.
    public var plainText: String {
        fittedRows.map { row in
            var line = row.map(\.text).joined()
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// The screen as ANSI output that redraws it in place: home, each row then erase to end
    /// of line, then the cursor. With `colour` false (`NO_COLOR`), only bold, dim and reverse
    /// are used.
    public func ansi(colour: Bool) -> String {
        var out = "\u{1B}[?25l\u{1B}[H"
        for (i, row) in fittedRows.enumerated() {
            out += Frame.ansi(row, colour: colour) + "\u{1B}[K"
            if i < height - 1 { out += "\r\n" }
        }
        return out + cursorANSI
    }

    /// The ANSI output that turns `previous` (what the terminal shows) into this frame: only
    /// the rows that differ are written, each after a cursor move, so a key that changes one
    /// field sends a few hundred bytes, not the whole screen (slow SSH links). A different
    /// size, or no previous frame, redraws everything (``ansi(colour:)``).
    public func ansiUpdate(from previous: Frame?, colour: Bool) -> String {
        guard let previous, previous.width == width, previous.height == height else { return ansi(colour: colour) }
        let old = previous.fittedRows, new = fittedRows
        var out = "\u{1B}[?25l"
        for i in 0..<height where old[i] != new[i] {
            out += "\u{1B}[\(i + 1);1H" + Frame.ansi(new[i], colour: colour) + "\u{1B}[K"
        }
        return out + cursorANSI
    }

    private var cursorANSI: String {
        guard let c = cursor else { return "" }
        return "\u{1B}[\(c.row + 1);\(c.column + 1)H\u{1B}[?25h"
    }

    /// One fitted row's spans with their attributes.
    static func ansi(_ row: [Span], colour: Bool) -> String {
        var out = ""
        for s in row {
            var codes: [Int] = []
            if s.bold { codes.append(1) }
            if s.dim { codes.append(2) }
            if s.reverse { codes.append(7) }
            if colour, let c = s.colour.sgr { codes.append(c) }
            if codes.isEmpty { out += s.text }
            else { out += "\u{1B}[\(codes.map(String.init).joined(separator: ";"))m\(s.text)\u{1B}[0m" }
        }
        return out
    }
}
