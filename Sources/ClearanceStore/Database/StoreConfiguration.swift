import Foundation

/// How the clinic database file is opened.
///
/// The defaults favour "every save that reported success is there" over speed:
/// `synchronous = FULL` makes SQLite sync the WAL on every commit (WAL's usual NORMAL can lose
/// the last commits on power loss), and a busy timeout makes a second process on the same
/// machine wait for the lock rather than fail.
///
/// ```swift
/// var config = StoreConfiguration()
/// config.busyTimeout = 10
/// let db = try ClinicDatabase(path: "/var/lib/clearance/clinic.sqlite", configuration: config)
/// ```
public struct StoreConfiguration: Sendable {
    /// SQLite's `PRAGMA synchronous` level.
    public enum Synchronous: String, Sendable {
        /// Sync at every commit: a commit that returned survives power loss.
        case full = "FULL"
        /// Sync at checkpoints only: faster, the last commits may be lost on power loss.
        case normal = "NORMAL"
        /// Never sync: for benchmarks and throw-away files only.
        case off = "OFF"
    }

    /// Durability level of commits; `.full` unless told otherwise.
    public var synchronous: Synchronous = .full
    /// Seconds a writer waits for another connection's lock before failing.
    public var busyTimeout: TimeInterval = 30
    /// Open without writing: no migration, every write fails.
    public var readOnly: Bool = false
    /// Migrations applied when the database opens, in order. Defaults to ``StoreMigration/all``.
    public var migrations: [StoreMigration] = StoreMigration.all

    public init(synchronous: Synchronous = .full, busyTimeout: TimeInterval = 30, readOnly: Bool = false,
                migrations: [StoreMigration] = StoreMigration.all) {
        self.synchronous = synchronous; self.busyTimeout = busyTimeout
        self.readOnly = readOnly; self.migrations = migrations
    }
}
