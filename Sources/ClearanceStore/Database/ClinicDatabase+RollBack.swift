import GRDB

extension ClinicDatabase {
    /// Runs `body` in one write transaction that is always rolled back: every check and write
    /// happens as in ``write(_:)``, then nothing of it stays (`record --dry-run`).
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or a database error.
    public func writeThenRollBack<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path: path, reason: readOnlyReason ?? "it was opened read-only") }
        var result: T?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .rollback
            }
        }
        guard let result else { throw StoreError.invalidInput(field: "dry run", reason: "the transaction produced no result") }
        return result
    }
}
