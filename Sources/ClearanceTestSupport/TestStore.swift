import ClearanceStore
import Foundation

/// A clinic database in its own temporary directory, for tests.
///
/// The file is on disk (never `:memory:`) so WAL, locking and durability behave as in use.
/// `synchronous` defaults to NORMAL here to keep tests quick.
public struct TestStore: Sendable {
    /// The opened database.
    public let database: ClinicDatabase
    /// The directory holding it; removed when the last reference goes away.
    public let directory: TemporaryDirectory

    /// Opens a fresh, migrated database at `<tmp dir>/clinic.sqlite`.
    /// - Throws: ``ClearanceStore/StoreError`` when it cannot be created.
    public init(configuration: StoreConfiguration = StoreConfiguration(synchronous: .normal)) throws {
        directory = try TemporaryDirectory(prefix: "store")
        database = try ClinicDatabase(path: directory.path("clinic.sqlite"), configuration: configuration)
    }

    /// The database file's path.
    public var path: String { database.path }
}
