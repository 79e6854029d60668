import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

@Suite struct ClinicDatabaseTests {
    @Test func opensInNewFolderWithWALForeignKeysAndFullSync() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("a/b/clinic.sqlite")
        let store = try ClinicDatabase(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.appliedMigrations() == StoreMigration.all.map(\.id))
        try store.read { db throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2) // FULL
        }
        try store.write { db throws in
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)
        }
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func synchronousIsConfigurable() throws {
        let dir = try TemporaryDirectory()
        let store = try ClinicDatabase(path: dir.path("c.sqlite"), configuration: StoreConfiguration(synchronous: .normal))
        try store.write { db throws in #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 1) }
    }

    @Test func foreignKeysAreEnforced() throws {
        let test = try TestStore()
        #expect(throws: DatabaseError.self) {
            try test.database.write { db throws in
                var c = CaseRecord(personId: 999, programme: "uk-tb", purpose: "student", site: "X", openedAt: "t", openedBy: "u")
                try CaseStore.insert(db, &c)
            }
        }
    }

    @Test func laterMigrationsAppendWithoutTouchingShippedOnes() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("m.sqlite")
        _ = try ClinicDatabase(path: path)
        let extra = StoreMigration(id: "v2-test-extra") { db throws in try db.execute(sql: "CREATE TABLE extra (id INTEGER PRIMARY KEY)") }
        let reopened = try ClinicDatabase(path: path, configuration: StoreConfiguration(migrations: StoreMigration.all + [extra]))
        #expect(try reopened.appliedMigrations() == StoreMigration.all.map(\.id) + ["v2-test-extra"])
        try reopened.read { db throws in #expect(try db.tableExists("extra")) }
    }

    @Test func duplicateMigrationIdIsAnErrorNotACrash() throws {
        let dir = try TemporaryDirectory()
        let dup = StoreMigration(id: "v1-core") { _ in }
        #expect(throws: StoreError.self) {
            _ = try ClinicDatabase(path: dir.path("d.sqlite"), configuration: StoreConfiguration(migrations: StoreMigration.all + [dup]))
        }
    }

    @Test func secondConnectionWaitsForTheWriteLockInsteadOfFailing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("busy.sqlite")
        let a = try ClinicDatabase(path: path)
        let b = try ClinicDatabase(path: path)
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? a.write { db throws in
                try db.execute(sql: "CREATE TABLE t (x)")
                started.signal()
                Thread.sleep(forTimeInterval: 0.5)
            }
            done.signal()
        }
        started.wait()
        let t0 = Date()
        try b.write { db throws in try db.execute(sql: "INSERT INTO t VALUES (1)") }
        #expect(Date().timeIntervalSince(t0) > 0.2)
        done.wait()
        #expect(try b.read { db throws in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 1)
    }

    @Test func unopenablePathNamesThePath() throws {
        let dir = try TemporaryDirectory()
        let blocker = dir.path("file")
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        do {
            _ = try ClinicDatabase(path: blocker + "/clinic.sqlite")
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(error.description.contains(blocker))
        }
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(StoreTimestamp.string(from: Date(timeIntervalSince1970: 1_772_355_600.125)) == "2026-03-01T09:00:00.125Z")
        #expect(StoreTimestamp.string(from: Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }
}
