import ClearanceService

// What the account commands print with --json after a change that returns no user view.

/// `user password --json`: whose password was changed.
struct PasswordChangedView: JSONView {
    var username: String
    var passwordChanged = true
    enum CodingKeys: String, CodingKey { case username, passwordChanged = "password_changed" }
}

/// `user reset-password --json`: whose password was reset.
struct PasswordResetView: JSONView {
    var username: String
    var passwordReset = true
    enum CodingKeys: String, CodingKey { case username, passwordReset = "password_reset" }
}

/// `user unlock --json`: whose failed sign-ins were cleared, and how many.
struct FailuresClearedView: JSONView {
    var username: String
    var failuresCleared: Int
    enum CodingKeys: String, CodingKey { case username, failuresCleared = "failures_cleared" }
}
