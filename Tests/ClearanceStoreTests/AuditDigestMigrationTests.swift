import ClearanceCore
import ClearanceStore
import Foundation
import GRDB
import Testing

/// `v10-audit-digests` on a database made before it: every existing row gets a `baseline` entry
/// (so it verifies), the digests read one row at a time equal those read table by table, and a
/// plain connection (no Clearance function) can change a clinical row only after dropping triggers.
@Suite("Audit digests migration")
struct AuditDigestMigrationTests {
    @Test func olderRowsGetABaselineAndChangesAfterItAreNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-migr10-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("v9.sqlite").path
        let before = Array(StoreMigration.all.prefix { $0.id != "v10-audit-digests" })
        #expect(before.last?.id == "v9-decision-evidence")
        do {
            let old = try ClinicDatabase(path: path, configuration: StoreConfiguration(migrations: before))
            try old.write { db in
                var p = PersonRecord(surname: "Haddad", givenNames: "Layla", dateOfBirth: "1990-03-02", sex: .female, nationality: "JOR",
                                     documentType: .passport, documentNumber: "N1", createdAt: "2026-01-01T00:00:00.000Z", createdBy: "clerk")
                let pid = try PersonStore.insert(db, &p)
                var c = CaseRecord(personId: pid, programme: "uk-tb", purpose: "study", site: "MAIN", status: .readyForReview,
                                   openedAt: "2026-01-01T00:00:00.000Z", openedBy: "clerk")
                let cid = try CaseStore.insert(db, &c)
                try db.execute(sql: """
                    INSERT INTO decisions (case_id, proposed, decision, differs, decided_by, decided_at)
                    VALUES (?, 'FIT', 'FIT', 0, 'mo', '2026-01-02T00:00:00.000Z')
                    """, arguments: [cid])
            }
        }
        let new = try ClinicDatabase(path: path)
        #expect(try new.appliedMigrations().contains("v10-audit-digests"))
        let check = try new.read { db in try AuditLog.check(db) }
        #expect(check.isIntact && check.rows == 3 && check.entries == 3, "\(check.findings)")
        // One row at a time, as the save path reads it, equals the whole-table scan.
        let all = try new.read { db in try AuditContent.allDigests(db) }
        for (subject, digest) in all.digests {
            #expect(try new.read { db in try AuditContent.digest(db, subject) } == digest, "\(subject)")
        }
        // The application's own connection may still update (person edit goes this way) ...
        try new.write { db in try db.execute(sql: "UPDATE persons SET guardian = NULL WHERE id = 1") }
        // ... a plain one may not, until it drops the trigger; then verify names the row.
        let raw = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try raw.write { db in try db.execute(sql: "UPDATE persons SET surname = 'Mallory'") } }
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER persons_application_update; UPDATE persons SET surname = 'Mallory'")
        }
        try raw.close()
        let after = try new.read { db in try AuditLog.check(db) }
        #expect(after.findings.map(\.problem) == [.differs] && after.findings.first?.subject == AuditSubject(.person, 1), "\(after.findings)")
    }
}
