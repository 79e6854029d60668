/// Recursive-descent parser for the expression language.
///
/// Grammar (lowest precedence first):
/// ```
/// or      := and ('or' and)*
/// and     := compare ('and' compare)*
/// compare := sum (('=' | '!=' | '<' | '<=' | '>' | '>=') sum)?
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | 'div' | 'mod') unary)*
/// unary   := ('-' | 'not') unary | primary
/// primary := number | text | 'true' | 'false' | ${name} | '.' | name '(' args? ')' | '(' or ')'
/// ```
struct ExpressionParser {
    private var tokens: [ExpressionToken]
    private var position = 0

    /// Keywords that cannot name a function.
    static let keywords: Set<String> = ["and", "or", "not", "div", "mod", "true", "false"]

    init(_ text: String) throws {
        tokens = try ExpressionLexer.tokens(text)
    }

    /// Parses the whole text as one expression.
    /// - Throws: ``ExpressionError`` with the column of the offending token.
    static func parse(_ text: String) throws -> SyntaxNode {
        var p = try ExpressionParser(text)
        if case .end = p.peek.kind {
            throw ExpressionError(.syntax, column: 1, "the expression is empty; write a condition or a value")
        }
        let node = try p.parseOr()
        guard case .end = p.peek.kind else {
            throw ExpressionError(.syntax, column: p.peek.column,
                                  "unexpected \(p.describe(p.peek)) after a complete expression; join parts with 'and', 'or' or an operator")
        }
        return node
    }

    // MARK: - Token helpers

    private var peek: ExpressionToken { tokens[position] }

    private mutating func advance() -> ExpressionToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func isWord(_ w: String) -> Bool {
        if case .word(w) = peek.kind { return true }
        return false
    }

    private func isSymbol(_ s: String) -> Bool {
        if case .symbol(s) = peek.kind { return true }
        return false
    }

    private func describe(_ t: ExpressionToken) -> String {
        switch t.kind {
        case .number(let n): return "number \(FormNumber.format(n))"
        case .string(let s): return "text '\(s)'"
        case .field(let f): return "${\(f)}"
        case .current: return "'.'"
        case .word(let w): return "'\(w)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    // MARK: - Grammar

    private mutating func parseOr() throws -> SyntaxNode {
        var left = try parseAnd()
        while isWord("or") {
            _ = advance()
            let right = try parseAnd()
            left = SyntaxNode(node: .binary(op: "or", left.node, right.node), column: left.column, children: [left, right])
        }
        return left
    }

    private mutating func parseAnd() throws -> SyntaxNode {
        var left = try parseCompare()
        while isWord("and") {
            _ = advance()
            let right = try parseCompare()
            left = SyntaxNode(node: .binary(op: "and", left.node, right.node), column: left.column, children: [left, right])
        }
        return left
    }

    private static let comparisons: Set<String> = ["=", "!=", "<", "<=", ">", ">="]

    private mutating func parseCompare() throws -> SyntaxNode {
        let left = try parseSum()
        guard case .symbol(let op) = peek.kind, Self.comparisons.contains(op) else { return left }
        _ = advance()
        let right = try parseSum()
        if case .symbol(let op2) = peek.kind, Self.comparisons.contains(op2) {
            throw ExpressionError(.syntax, column: peek.column,
                                  "comparisons do not chain; write 'a \(op) b and b \(op2) c'")
        }
        return SyntaxNode(node: .binary(op: op, left.node, right.node), column: left.column, children: [left, right])
    }

    private mutating func parseSum() throws -> SyntaxNode {
        var left = try parseProduct()
        while case .symbol(let op) = peek.kind, op == "+" || op == "-" {
            _ = advance()
            let right = try parseProduct()
            left = SyntaxNode(node: .binary(op: op, left.node, right.node), column: left.column, children: [left, right])
        }
        return left
    }

    private mutating func parseProduct() throws -> SyntaxNode {
        var left = try parseUnary()
        while true {
            let op: String
            if isSymbol("*") { op = "*" } else if isWord("div") { op = "div" } else if isWord("mod") { op = "mod" } else { break }
            _ = advance()
            let right = try parseUnary()
            left = SyntaxNode(node: .binary(op: op, left.node, right.node), column: left.column, children: [left, right])
        }
        return left
    }

    private mutating func parseUnary() throws -> SyntaxNode {
        let start = peek
        if isSymbol("-") || isWord("not") {
            let op = isSymbol("-") ? "-" : "not"
            _ = advance()
            let operand = try parseUnary()
            if op == "-", case .number(let n) = operand.node {
                return SyntaxNode(node: .number(-n), column: start.column, children: [])
            }
            return SyntaxNode(node: .unary(op: op, operand.node), column: start.column, children: [operand])
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws -> SyntaxNode {
        let t = advance()
        switch t.kind {
        case .number(let n): return SyntaxNode(node: .number(n), column: t.column, children: [])
        case .string(let s): return SyntaxNode(node: .string(s), column: t.column, children: [])
        case .field(let f): return SyntaxNode(node: .field(f), column: t.column, children: [])
        case .current: return SyntaxNode(node: .current, column: t.column, children: [])
        case .word("true"): return SyntaxNode(node: .bool(true), column: t.column, children: [])
        case .word("false"): return SyntaxNode(node: .bool(false), column: t.column, children: [])
        case .word(let w) where !Self.keywords.contains(w):
            guard isSymbol("(") else {
                throw ExpressionError(.syntax, column: t.column,
                                      "'\(w)' is not a value; write ${\(w)} for a field, '\(w)' for text, or \(w)(...) for a function")
            }
            _ = advance()
            var args: [SyntaxNode] = []
            if !isSymbol(")") {
                while true {
                    args.append(try parseOr())
                    if isSymbol(",") { _ = advance(); continue }
                    break
                }
            }
            guard isSymbol(")") else {
                throw ExpressionError(.syntax, column: peek.column,
                                      "expected ',' or ')' in the arguments of \(w)(), found \(describe(peek))")
            }
            _ = advance()
            return SyntaxNode(node: .call(name: w, arguments: args.map(\.node)), column: t.column, children: args)
        case .symbol("("):
            let inner = try parseOr()
            guard isSymbol(")") else {
                throw ExpressionError(.syntax, column: peek.column,
                                      "expected ')' to close the '(' at column \(t.column), found \(describe(peek))")
            }
            _ = advance()
            return inner
        default:
            throw ExpressionError(.syntax, column: t.column, "expected a value, found \(describe(t))")
        }
    }
}
