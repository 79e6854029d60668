import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

@Suite struct AuditLogTests {
    /// A store with `n` audit entries.
    func store(entries n: Int) throws -> (TestStore, TestClock) {
        let test = try TestStore()
        let clock = TestClock()
        try test.database.write { db throws in
            for i in 1...n {
                try AuditLog.append(db, AuditEvent(username: "u\(i % 3)", action: i % 2 == 0 ? .edit : .create,
                                                   entityType: "encounter", entityID: "\(i)", detail: ["reason": "r\(i)", "é": "ü"]),
                                    at: clock.now)
                clock.advance(seconds: 1)
            }
        }
        return (test, clock)
    }

    /// Opens a second, plain connection to the file: what someone editing it outside the app does.
    func outside(_ test: TestStore, _ sql: String) throws {
        let raw = try DatabaseQueue(path: test.path)
        try raw.writeWithoutTransaction { db throws in try db.execute(sql: sql) }
        try raw.close()
    }

    @Test func entriesAreChainedAndVerify() throws {
        let (test, _) = try store(entries: 5)
        let entries = try test.database.read { db throws in try AuditEntryRecord.order(Column("id")).fetchAll(db) }
        #expect(entries.map(\.id) == [1, 2, 3, 4, 5])
        #expect(entries[0].prevHash == AuditLog.genesisHash)
        for i in 1..<entries.count { #expect(entries[i].prevHash == entries[i - 1].hash) }
        #expect(entries[0].at == "2026-03-01T09:00:00.000Z")
        #expect(entries[1].detail == #"{"reason":"r2","é":"ü"}"#)
        let result = try test.database.read { db throws in try AuditLog.verify(db) }
        #expect(result.isIntact)
        #expect(result.checked == 5)
        #expect(try test.database.read { db throws in try AuditLog.entries(db, entityType: "encounter", entityID: "3") }.count == 1)
    }

    @Test func theAppCannotUpdateOrDeleteEntries() throws {
        let (test, _) = try store(entries: 3)
        #expect(throws: DatabaseError.self) {
            try test.database.write { db throws in try db.execute(sql: "UPDATE audit_log SET username = 'x' WHERE id = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try test.database.write { db throws in try db.execute(sql: "DELETE FROM audit_log WHERE id = 3") }
        }
        #expect(try test.database.read { db throws in try AuditLog.verify(db) }.isIntact)
    }

    @Test func anEditBehindTheAppsBackIsNamed() throws {
        let (test, _) = try store(entries: 6)
        try outside(test, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{\"reason\":\"nothing to see\"}' WHERE id = 4")
        let result = try test.database.read { db throws in try AuditLog.verify(db) }
        #expect(result.broken == AuditBreak(id: 4, reason: .contentChanged))
        #expect(result.checked == 3)
        #expect(result.description.contains("entry 4"))
    }

    @Test func aRehashedEditBreaksTheNextLink() throws {
        let (test, _) = try store(entries: 4)
        // The attacker recomputes entry 2's own hash, but cannot fix entry 3's prev_hash without
        // rewriting the rest of the chain.
        let e2 = try #require(try test.database.read { db throws in try AuditEntryRecord.fetchOne(db, key: 2) })
        var forged = e2
        forged.username = "someone-else"
        forged.hash = forged.computedHash
        try outside(test, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'someone-else', hash = '\(forged.hash)' WHERE id = 2")
        let result = try test.database.read { db throws in try AuditLog.verify(db) }
        #expect(result.broken == AuditBreak(id: 3, reason: .chainBroken))
    }

    @Test func aDeletedEntryIsNamed() throws {
        let (test, _) = try store(entries: 5)
        try outside(test, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2")
        #expect(try test.database.read { db throws in try AuditLog.verify(db) }.broken == AuditBreak(id: 2, reason: .missing))
    }

    @Test func swappedEntriesAreDetected() throws {
        let (test, _) = try store(entries: 4)
        try outside(test, """
            DROP TRIGGER audit_log_no_update;
            UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -2;
            """)
        let result = try test.database.read { db throws in try AuditLog.verify(db) }
        #expect(result.broken?.id == 2)
        #expect(!result.isIntact)
    }

    @Test func removingTheNewestEntriesIsCaughtAgainstARecordedHead() throws {
        let (test, _) = try store(entries: 5)
        let head = try #require(try test.database.read { db throws in try AuditLog.head(db) })
        #expect(head.id == 5)
        #expect(try test.database.read { db throws in try AuditLog.verify(db, expectedHead: head) }.isIntact)
        try outside(test, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id >= 4")
        // Without an anchor a truncated chain still looks intact; with one it does not.
        #expect(try test.database.read { db throws in try AuditLog.verify(db) }.isIntact)
        #expect(try test.database.read { db throws in try AuditLog.verify(db, expectedHead: head) }.broken == AuditBreak(id: 5, reason: .truncated))
    }

    @Test func aRolledBackChangeLeavesNoEntry() throws {
        let (test, clock) = try store(entries: 2)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try test.database.write { db throws in
                try AuditLog.append(db, AuditEvent(username: "u", action: .export, entityType: "case", entityID: "1"), at: clock.now)
                throw Boom()
            }
        }
        #expect(try test.database.read { db throws in try AuditLog.head(db) }?.id == 2)
        try test.database.write { db throws in
            let e = try AuditLog.append(db, AuditEvent(username: "u", action: .sign, entityType: "certificate", entityID: "X"), at: clock.now)
            #expect(e.id == 3)
        }
        #expect(try test.database.read { db throws in try AuditLog.verify(db) }.isIntact)
    }
}
