extension String {
    /// The text as lines of at most `columns` terminal columns: broken at its newlines, then
    /// between words; a word wider than a line is cut (a wide character is never split).
    /// A line's leading spaces indent its continuation lines too.
    ///
    /// - Parameter columns: the line width; less than 2 is taken as 2.
    /// - Returns: at least one line (an empty text gives `[""]`); each line's ``displayWidth``
    ///   is at most `columns`.
    public func wrapped(toColumns columns: Int) -> [String] {
        let width = Swift.max(2, columns)
        var out: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            let text = paragraph.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\t", with: "    ")
            if text.displayWidth <= width { out.append(text); continue }   // as it is, spacing kept
            let indentCount = Swift.min(text.prefix { $0 == " " }.count, width / 2)
            let indent = String(repeating: " ", count: indentCount)
            var line = indent, used = indentCount, hasWord = false
            func flush() { out.append(line); line = indent; used = indentCount; hasWord = false }
            for word in text.split(separator: " ") {
                let ww = String(word).displayWidth
                if hasWord, used + 1 + ww > width { flush() }
                if used + (hasWord ? 1 : 0) + ww <= width {
                    if hasWord { line += " "; used += 1 }
                    line += word; used += ww; hasWord = true
                    continue
                }
                if hasWord { flush() }
                for c in word {
                    let cw = DisplayWidth.of(c)
                    if used + cw > width, used > indentCount { flush() }
                    line.append(c); used += cw
                }
                hasWord = true
            }
            out.append(line)
        }
        return out
    }
}
