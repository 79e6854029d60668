import Dispatch
import Foundation
import GRDB
import GRDBSQLite

extension ClinicDatabase {
    /// Runs each of `bodies` on its own reader connection, at the same time, all on one and the
    /// same committed state of the database; nil when that state cannot be pinned (a read-only
    /// file, or another program holding the write lock), for the caller to read serially.
    ///
    /// The write lock is taken (`BEGIN IMMEDIATE`, nothing written) while every reader opens
    /// its snapshot, so no commit from any connection or program lands between them; it is
    /// released as soon as they have, and the readers then work while others keep saving.
    ///
    /// ```swift
    /// let counts = try store.concurrentReads([{ db in try Int.fetchOne(db, sql: "SELECT count(*) FROM persons")! },
    ///                                         { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")! }])
    /// ```
    /// - Throws: What a body throws, or a database error.
    func concurrentReads<T: Sendable>(_ bodies: [@Sendable (Database) throws -> T]) throws -> [T]? {
        if isReadOnly { return nil }
        let results = ResultSlots<T>(count: bodies.count)
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchGroup()
        let pinned: Bool = try pool.writeWithoutTransaction { writer in
            // Wait no longer than a moment for the lock: a long write elsewhere means reading serially.
            sqlite3_busy_timeout(writer.sqliteConnection, 200)
            defer { sqlite3_busy_timeout(writer.sqliteConnection, Int32(configuration.busyTimeout * 1000)) }
            do { try writer.execute(sql: "BEGIN IMMEDIATE") } catch let e as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY].contains(e.resultCode) {
                return false
            }
            defer { try? writer.execute(sql: "ROLLBACK") }
            let pool = self.pool
            for (i, body) in bodies.enumerated() {
                finished.enter()
                DispatchQueue.global(qos: .userInitiated).async {
                    defer { finished.leave() }
                    var signalled = false
                    results.set(i, Result {
                        try pool.read { db in
                            // The first read opens the snapshot (WAL: the state committed now).
                            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                            started.signal(); signalled = true
                            return try body(db)
                        }
                    })
                    if !signalled { started.signal() }
                }
            }
            for _ in bodies { started.wait() }
            return true
        }
        finished.wait()
        guard pinned else { return nil }
        return try results.values()
    }
}

/// One result slot per concurrent read, each written by its own thread.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<T, Error>) { lock.lock(); slots[i] = r; lock.unlock() }

    func values() throws -> [T] {
        lock.lock(); defer { lock.unlock() }
        return try slots.map { try $0!.get() }
    }
}
