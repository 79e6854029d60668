/// A problem in the text of an expression: bad syntax, an unknown field or function, or types
/// that do not agree.
///
/// `column` counts characters from 1 inside the expression text; the form loader adds the
/// expression's own position in its file, so a user sees `form.yaml:12:31: ...`.
///
/// ```swift
/// do { _ = try Expression(parsing: "${a} = = 1") }
/// catch let e as ExpressionError { print(e.column, e.message) }   // 8 "expected a value ..."
/// ```
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. New kinds may be added without breaking callers.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case syntax, reference, function, type
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The text is not a well-formed expression.
        public static let syntax = Kind(.syntax)
        /// A `${name}` names no field visible from where the expression is used.
        public static let reference = Kind(.reference)
        /// An unknown function, or a call with the wrong number of arguments.
        public static let function = Kind(.function)
        /// Operand or argument types do not agree.
        public static let type = Kind(.type)
        public var description: String { base.rawValue }
    }

    public var kind: Kind
    /// 1-based column inside the expression text.
    public var column: Int
    /// What is wrong and what to write instead.
    public var message: String

    public init(_ kind: Kind, column: Int, _ message: String) {
        self.kind = kind; self.column = column; self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}
