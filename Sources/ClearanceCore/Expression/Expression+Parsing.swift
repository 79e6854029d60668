// MARK: - Parsing

extension Expression {
    /// Parses expression text.
    ///
    /// ```swift
    /// let e = try Expression(parsing: "${a} + 2 * 3 > 7")   // + binds tighter than >, * than +
    /// ```
    /// - Parameters:
    ///   - text: the expression as written in the form file.
    ///   - line: line of the expression in its file (kept for messages).
    ///   - column: column of the expression's first character in its file.
    /// - Throws: ``ExpressionError`` whose `column` is inside `text` (1-based).
    public init(parsing text: String, line: Int = 0, column: Int = 0) throws {
        let tree = try ExpressionParser.parse(text)
        self.init(source: text, root: tree.node, line: line, column: column)
    }

    /// Field names referenced as `${name}`, in order of first appearance.
    public var references: [String] { root.references }
}

extension ExpressionNode {
    /// Field names referenced as `${name}` in this subtree, in order of first appearance.
    public var references: [String] {
        var out: [String] = []
        func walk(_ n: ExpressionNode) {
            switch n {
            case .field(let f): if !out.contains(f) { out.append(f) }
            case .current, .string, .number, .bool: break
            case .unary(_, let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .call(_, let args): args.forEach(walk)
            }
        }
        walk(self)
        return out
    }
}
