/// What a screen does after a key.
public enum ScreenStep<Result> {
    case stay
    case done(Result)
    /// The user backed out (Esc).
    case cancelled
}

/// A full-screen page driven by keys, with no I/O: the home screen's building block.
///
/// ``ScreenApp/run(_:)`` feeds keys and draws ``render(width:height:)`` after each.
public protocol InteractiveScreen {
    associatedtype Result
    mutating func handle(_ key: Key) -> ScreenStep<Result>
    func render(width: Int, height: Int) -> Frame
}

/// Common frame layout for the generic screens: title bar, body, key line, message.
func standardFrame(title: String, body: [Row], keys: String, message: String?, width: Int, height: Int,
                   focusRow: Int = 0, cursor: (row: Int, column: Int)? = nil) -> Frame {
    let h = max(height, 5)
    let bodyHeight = h - 4
    let start = min(max(0, focusRow - bodyHeight / 2), max(0, body.count - bodyHeight))
    var rows: [Row] = [Row([Span(" \(title)".padded(toColumns: width), bold: true, reverse: true)]), Row()]
    let shown = Array(body.dropFirst(start).prefix(bodyHeight))
    rows += shown + Array(repeating: Row(), count: bodyHeight - shown.count)
    rows.append(Row([Span(keys, dim: true)]))
    rows.append(Row([Span(message ?? "", bold: true, colour: .yellow)]))
    var f = Frame(width: width, height: h, rows: rows)
    if let c = cursor, c.row - start >= 0, c.row - start < bodyHeight { f.cursor = (row: 2 + c.row - start, column: c.column) }
    return f
}
