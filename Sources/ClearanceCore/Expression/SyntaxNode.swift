/// An expression node with the column it starts at, and its children in the same order as
/// in ``ExpressionNode``: what the type checker walks to put a column on every problem.
struct SyntaxNode: Sendable {
    /// The whole subtree, as stored in ``Expression/root``.
    var node: ExpressionNode
    /// 1-based column inside the expression text.
    var column: Int
    /// Operands or arguments, positioned.
    var children: [SyntaxNode]
}
