/// Why line mode stopped without a saved form.
///
/// At the CLI both end with a non-zero exit; answers committed so far are in the draft.
public struct LineFormError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable { case endOfInput, discarded }
    let kind: Kind
    /// The field being asked when input ended, if any.
    public let field: String?

    /// Input ended before the form was saved: nothing was accepted by default.
    public static func endOfInput(at field: String?) -> Self { .init(kind: .endOfInput, field: field) }
    /// The user chose not to save.
    public static let discarded = Self(kind: .discarded, field: nil)

    public var isEndOfInput: Bool { kind == .endOfInput }

    public var description: String {
        switch kind {
        case .endOfInput:
            return "end of input\(field.map { " at \($0)" } ?? ""): the form was not saved (answers so far are kept as a draft); answer every prompt, or use the terminal form"
        case .discarded:
            return "the form was not saved (answers so far are kept as a draft)"
        }
    }
}
