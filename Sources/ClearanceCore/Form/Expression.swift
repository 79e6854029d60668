/// A parsed expression of the form language (skip logic, constraints, calculations, rules).
///
/// Expressions are side-effect free, parsed and type-checked when the form loads, so a running
/// form never meets a syntax error. See `docs/FORMS.md` for the language.
///
/// ```swift
/// let e = try Expression(parsing: "${cough_2w} = 'yes' or ${fever} = 'yes'")
/// ```
public struct Expression: Hashable, Sendable, CustomStringConvertible {
    /// The text as written in the form file.
    public var source: String
    /// Line and column of the expression in its form file (for error messages).
    public var line: Int
    public var column: Int
    /// The syntax tree.
    public var root: ExpressionNode

    public init(source: String, root: ExpressionNode, line: Int = 0, column: Int = 0) {
        self.source = source; self.root = root; self.line = line; self.column = column
    }

    public var description: String { source }
}

/// A node of an expression's syntax tree.
public indirect enum ExpressionNode: Hashable, Sendable {
    /// `${name}`: a field of the form (or of the current repeat instance).
    case field(String)
    /// `.`: the value being checked by a constraint.
    case current
    case string(String)
    case number(Double)
    case bool(Bool)
    case unary(op: String, ExpressionNode)
    case binary(op: String, ExpressionNode, ExpressionNode)
    case call(name: String, arguments: [ExpressionNode])
}
