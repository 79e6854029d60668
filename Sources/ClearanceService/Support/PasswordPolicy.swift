import Foundation

/// What a password of a real account must be: at least ``minimumLength`` characters (a few
/// unrelated words are easiest to remember), at most ``maximumLength``, not the user name and
/// not one character repeated. The demo database is the one exception: its accounts keep the
/// password `demo`, and `clearance demo` says so.
///
/// ```swift
/// try PasswordPolicy.check("correct horse battery", username: "amina")   // fine
/// try PasswordPolicy.check("short", username: "amina")                   // ServiceError.invalid
/// ```
public enum PasswordPolicy {
    /// The shortest password accepted for a real account.
    public static let minimumLength = 12
    /// The longest (a password is typed, not pasted from a file).
    public static let maximumLength = 1024

    /// Throws ``ServiceError/invalid(field:_:)`` on the field `field` saying what to change;
    /// the password itself is never echoed.
    public static func check(_ password: String, username: String, field: String = "password") throws {
        let count = password.count
        guard count >= minimumLength else {
            throw ServiceError.invalid(field: field, "use at least \(minimumLength) characters (this one has \(count)); a few unrelated words are easy to remember")
        }
        guard count <= maximumLength else {
            throw ServiceError.invalid(field: field, "use at most \(maximumLength) characters")
        }
        guard password.lowercased() != username.lowercased() else {
            throw ServiceError.invalid(field: field, "must not be the user name")
        }
        guard Set(password).count > 1 else {
            throw ServiceError.invalid(field: field, "must not be one character repeated")
        }
    }
}
