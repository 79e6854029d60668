import ClearanceCore
import ClearanceStore
import Foundation
import GRDB
import Testing

/// A database made before `v7-case-lifecycle` and `v8-person-history` keeps its rows, gains the
/// `cancelled` status and finds its non-Latin names by their Latin spelling.
@Suite("Case lifecycle and person history migrations")
struct CaseLifecycleMigrationTests {
    @Test func olderDatabaseIsMigratedInPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-migr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let before = Array(StoreMigration.all.prefix { $0.id != "v7-case-lifecycle" })
        #expect(before.count == 7)
        var caseID: Int64 = 0
        do {
            let old = try ClinicDatabase(path: path, configuration: StoreConfiguration(migrations: before))
            caseID = try old.write { db in
                var p = PersonRecord(surname: "Иванова", givenNames: "Мария", dateOfBirth: "1985-05-17", sex: .female, nationality: "UKR",
                                     documentType: .passport, documentNumber: "FT120456", createdAt: "2026-01-01T00:00:00.000Z", createdBy: "clerk")
                let pid = try PersonStore.insert(db, &p)
                // As the old code wrote them: native-script keys only.
                try db.execute(sql: "DELETE FROM person_search_keys WHERE key GLOB '[a-z]*'")
                var c = CaseRecord(personId: pid, programme: "us-panel", purpose: "family", site: "MAIN", status: .readyForReview,
                                   openedAt: "2026-01-01T00:00:00.000Z", openedBy: "clerk")
                return try CaseStore.insert(db, &c)
            }
            #expect(try old.read { db in try PersonSearch.byName(db, "ivanova") }.isEmpty)
        }
        let new = try ClinicDatabase(path: path)
        // Every later migration applied too, in order (others are appended after v8).
        let applied = try new.appliedMigrations()
        #expect(Array(applied.drop(while: { $0 != "v7-case-lifecycle" })) == Array(StoreMigration.all.map(\.id).drop(while: { $0 != "v7-case-lifecycle" })),
                "\(applied)")
        #expect(applied.contains("v8-person-history") && applied.contains("v9-decision-evidence"))
        let (status, latin, native) = try new.read { db in
            (try CaseStore.fetch(db, id: caseID)?.status, try PersonSearch.byName(db, "ivanova").map(\.surname),
             try PersonSearch.byName(db, "иван").count)
        }
        #expect(status == .readyForReview)
        #expect(latin == ["Иванова"])
        #expect(native == 1)
        try new.write { db in
            try CaseStore.change(db, CaseStatusChange(caseID: caseID, action: "cancel", from: .readyForReview, to: .cancelled,
                                                      reason: "opened in error", changedBy: "clerk", changedAt: "2026-01-02T00:00:00.000Z"))
        }
        #expect(try new.read { db in try CaseStore.fetch(db, id: caseID)?.status } == .cancelled)
        #expect(try new.integrityCheck() == ["ok"])
        #expect(try new.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
        // The status history is append-only, and a reason is required.
        #expect(throws: (any Error).self) { try new.write { db in try db.execute(sql: "UPDATE case_status_changes SET reason = 'x'") } }
        #expect(throws: (any Error).self) {
            try new.write { db in
                try CaseStore.change(db, CaseStatusChange(caseID: caseID, action: "reopen", from: .cancelled, to: .open, reason: " ",
                                                          changedBy: "clerk", changedAt: "2026-01-03T00:00:00.000Z"))
            }
        }
    }
}
