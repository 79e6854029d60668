import GRDB
import GRDBSQLite

/// Binds values straight through SQLite's C API, for the statements a bulk import runs per row.
///
/// GRDB's `StatementArguments` boxes every value; for the fifteen observation rows of an
/// encounter that cost more than SQLite's own work (measured with callgrind). Use only with
/// a statement from `db.cachedStatement(sql:)` that writes (INSERT, UPDATE) inside a
/// transaction the caller holds: GRDB's own hooks (transaction observers, region tracking) are
/// skipped, and nothing in Clearance observes these tables.
struct DirectBinder {
    let handle: OpaquePointer

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }
    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        var text = value
        text.withUTF8 { bytes in
            // SQLITE_TRANSIENT: SQLite copies the bytes before this returns. An empty string
            // still binds as text, not NULL.
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            if let base = bytes.baseAddress, bytes.count > 0 {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
                }
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, transient)
            }
        }
    }
}

extension Statement {
    /// Binds with `bind`, runs the statement to completion, then resets it and clears its
    /// bindings (so GRDB finds it as it left it).
    ///
    /// - Throws: `DatabaseError` with SQLite's message (a constraint, a full disk).
    func runDirect(_ bind: (DirectBinder) -> Void) throws {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bind(DirectBinder(handle: handle))
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
        guard code == SQLITE_DONE else {
            let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }

    /// Binds with `bind`, steps once and reads the first row with `read` (nil when there is no
    /// row); then resets. For small lookups inside a write transaction.
    func firstRowDirect<T>(_ bind: (DirectBinder) -> Void = { _ in }, read: (OpaquePointer) -> T) throws -> T? {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bind(DirectBinder(handle: handle))
        defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return read(handle) }
        guard code == SQLITE_DONE else {
            let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
        return nil
    }
}
