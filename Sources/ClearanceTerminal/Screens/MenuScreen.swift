/// A numbered menu: arrows and Enter, or the item's number.
public struct MenuScreen: InteractiveScreen {
    public var title: String
    public var items: [String]
    /// Lines shown above the menu (a case summary).
    public var header: [String]
    public var selected = 0
    /// Digits typed so far of a two-digit item number (menus of ten items or more).
    public var typed = ""
    public var message: String?
    /// Language of the key help.
    public var language = "en"

    public init(title: String, items: [String], header: [String] = [], message: String? = nil) {
        self.title = title; self.items = items; self.header = header; self.message = message
    }

    public mutating func handle(_ key: Key) -> ScreenStep<Int> {
        switch key {
        case .up, .backTab: selected = max(0, selected - 1)
        case .down, .tab: selected = min(max(0, items.count - 1), selected + 1)
        case .home: selected = 0
        case .end: selected = max(0, items.count - 1)
        case .enter:
            if let n = Int(typed), n >= 1, n <= items.count { return .done(n - 1) }
            return items.isEmpty ? .stay : .done(selected)
        case .escape, .ctrl("c"), .ctrl("d"): return .cancelled
        case .char(let c) where c.isNumber:
            // A digit picks at once unless a second one could follow (item 2 of 25 waits for
            // a 1 to make 21, or Enter).
            var digits = typed + String(c)
            if let n = Int(digits), n > items.count { digits = String(c) }
            guard let n = Int(digits), n >= 1, n <= items.count else { typed = ""; return .stay }
            if n * 10 <= items.count { typed = digits; selected = n - 1; return .stay }
            typed = ""
            return .done(n - 1)
        default: break
        }
        return .stay
    }

    public func render(width: Int, height: Int) -> Frame {
        var body: [Row] = header.map { Row([Span(" \($0)")]) }
        if !header.isEmpty { body.append(Row()) }
        let first = body.count
        for (i, item) in items.enumerated() {
            body.append(Row([Span(i == selected ? " > " : "   "), Span("\(i + 1)) \(item)", reverse: i == selected)]))
        }
        return standardFrame(title: title, body: body, keys: HostText.text("menu.keys", language),
                             message: message, width: width, height: height, focusRow: first + selected)
    }
}
