/// One problem with a form's answers, naming the field and saying what to do.
///
/// ```swift
/// ValidationIssue(path: FieldPath(field: "right_air_1000"),
///                 message: "12 is not a multiple of 5 dB")
/// ```
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    public var path: FieldPath
    public var message: String

    public init(path: FieldPath, message: String) { self.path = path; self.message = message }
    public init(field: String, message: String) { self.init(path: FieldPath(field: field), message: message) }

    public var description: String { "\(path): \(message)" }
}
