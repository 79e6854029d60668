/// A message box: the lines (a message may hold newlines; long lines wrap to the width),
/// scrolled with ↑↓ and PgUp/PgDn when they do not fit; any other key goes on.
public struct MessageScreen: InteractiveScreen {
    public var title: String
    public var lines: [String]
    public var isError: Bool
    /// The first wrapped line shown.
    public var top = 0
    /// Language of the key help.
    public var language = "en"
    public init(title: String, lines: [String], isError: Bool = false) {
        self.title = title; self.lines = lines; self.isError = isError
    }
    public mutating func handle(_ key: Key) -> ScreenStep<Void> {
        switch key {
        case .resize: return .stay
        case .up: top = max(0, top - 1); return .stay
        case .down: top += 1; return .stay
        case .pageUp: top = max(0, top - 10); return .stay
        case .pageDown: top += 10; return .stay
        default: return .done(())
        }
    }

    /// The lines as shown at `width`: prefixed, wrapped, control characters made safe.
    func wrappedLines(width: Int) -> [String] {
        let prefix = isError ? " ! " : " "
        return lines.flatMap { line in
            line.wrapped(toColumns: width - prefix.count - 1).enumerated().map { i, l in
                (i == 0 ? prefix : String(repeating: " ", count: prefix.count)) + l.terminalSafe
            }
        }
    }

    public func render(width: Int, height: Int) -> Frame {
        let all = wrappedLines(width: width)
        let bodyHeight = max(1, max(height, 5) - 4)
        let fits = all.count <= bodyHeight
        let first = fits ? 0 : min(top, all.count - bodyHeight)
        let body = all.dropFirst(first).prefix(bodyHeight)
            .map { Row([Span($0, bold: isError, colour: isError ? .red : .none)]) }
        let keys = fits ? HostText.text("message.keys", language)
                        : HostText.text("message.scroll", language, ["first": "\(first + 1)", "last": "\(first + body.count)", "count": "\(all.count)"])
        return standardFrame(title: title, body: Array(body), keys: keys, message: nil, width: width, height: height)
    }
}

/// A yes/no question: `y` (or `o`, `s`) answers yes; `n`, Esc or Ctrl-C answer no.
public struct ConfirmScreen: InteractiveScreen {
    public var title: String
    public var question: String
    /// Language of the key help.
    public var language = "en"
    public init(title: String, question: String) { self.title = title; self.question = question }
    public mutating func handle(_ key: Key) -> ScreenStep<Bool> {
        switch key {
        case .char("y"), .char("Y"), .char("o"), .char("O"), .char("s"), .char("S"): return .done(true)
        case .char("n"), .char("N"), .escape, .ctrl("c"), .enter: return .done(false)
        case .ctrl("d"): return .done(true)
        default: return .stay
        }
    }
    public func render(width: Int, height: Int) -> Frame {
        let body = question.wrapped(toColumns: width - 2).map { Row([Span(" " + $0, bold: true)]) }
        return standardFrame(title: title, body: body, keys: HostText.text("confirm.keys", language), message: nil, width: width, height: height)
    }
}

/// A form session as a screen: done when saved or discarded.
public struct FormScreen: InteractiveScreen {
    public var session: FormSession
    public init(session: FormSession) { self.session = session }
    public mutating func handle(_ key: Key) -> ScreenStep<FormSession.Outcome> {
        session.handle(key)
        return session.outcome.map { .done($0) } ?? .stay
    }
    public func render(width: Int, height: Int) -> Frame { session.render(width: width, height: height) }
}
