import Foundation

/// One entry of a searchable list: a title and what else to show (what a case still needs).
public struct ListEntry: Hashable, Sendable {
    public var title: String
    public var detail: String
    /// Words a search finds the entry by without showing them (a document number, a status).
    public var keywords: String
    public init(title: String, detail: String = "", keywords: String = "") {
        self.title = title; self.detail = detail; self.keywords = keywords
    }

    /// Whether every word of `query` is in the title, detail or keywords, in any order (case and
    /// accents ignored): `us-panel ready` finds the us-panel cases ready for review. A word of
    /// digits only is a whole number there (`case 1` is not case 12, nor document N1234567).
    public func matches(_ query: String) -> Bool {
        let fold = { (s: String) in s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let text = fold("\(title) \(detail) \(keywords)")
        let numbers = Set(text.split { !$0.isLetter && !$0.isNumber }.map(String.init))
        return query.split(separator: " ").allSatisfy { word in
            word.allSatisfy(\.isASCII) && word.allSatisfy(\.isNumber) ? numbers.contains(String(word)) : text.contains(fold(String(word)))
        }
    }
}

/// A searchable list: typing filters (the `search` closure decides what matches, so it can
/// ask a database), arrows move, Enter picks.
public struct ListScreen: InteractiveScreen {
    public var title: String
    public private(set) var query = ""
    public private(set) var entries: [ListEntry]
    public var selected = 0
    public var message: String?
    let search: (String) -> [ListEntry]
    /// Text shown when nothing matches.
    public var emptyText: String
    /// Language of the key help.
    public var language = "en"

    /// - Parameters:
    ///   - search: the entries matching a query ("" = all). Its result index is what
    ///     ``handle(_:)`` returns, so keep the order stable for a given query.
    public init(title: String, emptyText: String = "Nothing matches; type fewer letters",
                search: @escaping (String) -> [ListEntry]) {
        self.title = title; self.search = search; self.emptyText = emptyText
        self.entries = search("")
    }

    /// A list filtered locally by ``ListEntry/matches(_:)``: every word typed, in any order.
    public init(title: String, entries: [ListEntry]) {
        self.init(title: title) { q in entries.filter { $0.matches(q) } }
    }

    /// The chosen entry's query and index in that query's results.
    public mutating func handle(_ key: Key) -> ScreenStep<(query: String, index: Int)> {
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down, .tab: selected = min(max(0, entries.count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - 10)
        case .pageDown: selected = min(max(0, entries.count - 1), selected + 10)
        case .enter: return entries.isEmpty ? .stay : .done((query: query, index: selected))
        case .escape, .ctrl("c"), .ctrl("d"): return .cancelled
        case .backspace:
            if !query.isEmpty { query.removeLast(); refresh() }
        case .ctrl("u"): query = ""; refresh()
        case .char(let c): query.append(c); refresh()
        default: break
        }
        return .stay
    }

    private mutating func refresh() { entries = search(query); selected = 0 }

    public func render(width: Int, height: Int) -> Frame {
        let search = " " + HostText.text("list.search", language) + " "
        var body: [Row] = [Row([Span(search), Span("[\(query)]", reverse: true)]), Row()]
        if entries.isEmpty { body.append(Row([Span("   \(emptyText)", dim: true)])) }
        // The title column fits the longest title (in terminal columns: wide characters count
        // two), up to 60% of the width.
        let longest = entries.map(\.title.displayWidth).max() ?? 0
        let titleCols = max(20, min(longest + 1, width * 60 / 100))
        for (i, e) in entries.enumerated() {
            let on = i == selected
            body.append(Row([Span(on ? " > " : "   "), Span(e.title.padded(toColumns: titleCols), reverse: on),
                             Span("  " + e.detail, dim: !on)]))
        }
        return standardFrame(title: title, body: body, keys: HostText.text("list.keys", language),
                             message: message, width: width, height: height, focusRow: 2 + selected,
                             cursor: (row: 0, column: search.displayWidth + 1 + query.displayWidth))
    }
}
