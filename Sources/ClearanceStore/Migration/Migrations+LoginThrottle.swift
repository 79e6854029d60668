import GRDB

extension StoreMigration {
    /// `v6-login-throttle`: failed sign-ins per user name, for the lockout with a growing delay (``LoginThrottle``).
    ///
    /// Keyed by the name typed, not by the account: an unknown name is throttled exactly like a
    /// known one, so the answers do not tell which names exist.
    static let loginThrottle = StoreMigration(id: "v6-login-throttle") { db in
        try db.execute(sql: """
        CREATE TABLE login_throttle (
            username TEXT PRIMARY KEY NOT NULL,
            failures INTEGER NOT NULL CHECK (failures >= 0),
            last_failure_at TEXT NOT NULL,
            locked_until_unix REAL
        ) WITHOUT ROWID
        """)
    }
}
