/// One token of an expression, with the 1-based column where it starts.
struct ExpressionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case number(Double)
        case string(String)
        case field(String)
        case current
        /// Identifiers and keywords: `and`, `or`, `not`, `div`, `mod`, `true`, `false`, function names.
        case word(String)
        /// `=`, `!=`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `(`, `)`, `,`.
        case symbol(String)
        case end
    }
    var kind: Kind
    var column: Int
}

/// Splits expression text into tokens.
enum ExpressionLexer {
    /// - Throws: ``ExpressionError`` (syntax) naming the column of the first bad character.
    static func tokens(_ text: String) throws -> [ExpressionToken] {
        let chars = Array(text)
        var out: [ExpressionToken] = []
        var i = 0
        func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isNameChar(_ c: Character) -> Bool { isNameStart(c) || (c.isASCII && c.isNumber) }
        while i < chars.count {
            let c = chars[i]
            let col = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "$" {
                guard i + 1 < chars.count, chars[i + 1] == "{" else {
                    throw ExpressionError(.syntax, column: col, "'$' must start a field reference like ${name}")
                }
                var j = i + 2
                while j < chars.count, chars[j] != "}" { j += 1 }
                guard j < chars.count else {
                    throw ExpressionError(.syntax, column: col, "field reference is not closed; write ${name}")
                }
                let name = String(chars[(i + 2)..<j])
                guard FormNames.isValidName(name) else {
                    throw ExpressionError(.syntax, column: col,
                        "'\(name)' is not a field name; names are lowercase letters, digits and '_', starting with a letter")
                }
                out.append(ExpressionToken(kind: .field(name), column: col))
                i = j + 1
            } else if c == "'" || c == "\"" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else {
                    throw ExpressionError(.syntax, column: col, "text starting here is not closed; end it with \(c)")
                }
                out.append(ExpressionToken(kind: .string(String(chars[(i + 1)..<j])), column: col))
                i = j + 1
            } else if c.isASCII && c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                var j = i
                var seenDot = false
                while j < chars.count, (chars[j].isASCII && chars[j].isNumber) || (chars[j] == "." && !seenDot) {
                    if chars[j] == "." { seenDot = true }
                    j += 1
                }
                let text = String(chars[i..<j])
                guard let v = Double(text) else {
                    throw ExpressionError(.syntax, column: col, "'\(text)' is not a number")
                }
                if j < chars.count, isNameStart(chars[j]) {
                    throw ExpressionError(.syntax, column: j + 1, "a number cannot be followed by letters; put a space or an operator between them")
                }
                out.append(ExpressionToken(kind: .number(v), column: col))
                i = j
            } else if c == "." {
                out.append(ExpressionToken(kind: .current, column: col))
                i += 1
            } else if isNameStart(c) {
                var j = i
                while j < chars.count, isNameChar(chars[j]) { j += 1 }
                out.append(ExpressionToken(kind: .word(String(chars[i..<j])), column: col))
                i = j
            } else {
                let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
                switch two {
                case "!=", "<=", ">=":
                    out.append(ExpressionToken(kind: .symbol(two), column: col)); i += 2; continue
                case "==":
                    throw ExpressionError(.syntax, column: col, "'==' is not an operator; write '=' to compare")
                case "&&":
                    throw ExpressionError(.syntax, column: col, "'&&' is not an operator; write 'and'")
                case "||":
                    throw ExpressionError(.syntax, column: col, "'||' is not an operator; write 'or'")
                default: break
                }
                switch c {
                case "=", "<", ">", "+", "-", "*", "(", ")", ",":
                    out.append(ExpressionToken(kind: .symbol(String(c)), column: col)); i += 1
                case "/":
                    throw ExpressionError(.syntax, column: col, "'/' is not an operator; write 'div' to divide")
                case "!":
                    throw ExpressionError(.syntax, column: col, "'!' is not an operator; write 'not' or '!='")
                default:
                    throw ExpressionError(.syntax, column: col, "unexpected character '\(c)'")
                }
            }
        }
        out.append(ExpressionToken(kind: .end, column: chars.count + 1))
        return out
    }
}
