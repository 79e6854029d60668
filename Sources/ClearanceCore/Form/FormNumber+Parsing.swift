// MARK: - Text to number

extension FormNumber {
    /// The number written in `text` (what `number(text)` gives), or nil when it is not one.
    ///
    /// Accepted: optional spaces around, an optional sign, digits with an optional `.` decimal
    /// part (`16`, `-3`, `0.5`, `.5`, `+2.`). Refused: a comma decimal (`2,5`), exponents
    /// (`1e3`), `inf`/`nan`, thousands separators and anything else around the number.
    /// A whole number gives `.integer`, otherwise `.decimal`.
    static func parse(_ text: String) -> Value? {
        var chars = Substring(text).drop { $0 == " " || $0 == "\t" }
        while let last = chars.last, last == " " || last == "\t" { chars = chars.dropLast() }
        var negative = false
        if let first = chars.first, first == "+" || first == "-" { negative = first == "-"; chars = chars.dropFirst() }
        var digits = 0, dots = 0
        for c in chars {
            if c == "." { dots += 1 } else if c.isASCII && c.isNumber { digits += 1 } else { return nil }
        }
        guard digits > 0, dots <= 1, digits <= 18 || dots == 1 else { return nil }
        if dots == 0, let i = Int(chars) { return .integer(negative ? -i : i) }
        let body = chars.hasPrefix(".") ? "0" + chars : String(chars)
        guard let d = Double(body.hasSuffix(".") ? body + "0" : body), d.isFinite else { return nil }
        let v = negative ? -d : d
        return v == v.rounded() && abs(v) < 9e15 ? .integer(Int(v)) : .decimal(v)
    }
}
