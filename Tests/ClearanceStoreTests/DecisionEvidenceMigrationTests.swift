import ClearanceCore
import ClearanceStore
import Foundation
import GRDB
import Testing

/// A database made before `v9-decision-evidence` keeps its decisions, with no evidence (the
/// service then treats them as stale until re-decided), and decisions stay append-only.
@Suite("Decision evidence migration")
struct DecisionEvidenceMigrationTests {
    @Test func olderDecisionsKeepNoEvidenceAndStayAppendOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-migr9-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("v8.sqlite").path
        let before = Array(StoreMigration.all.prefix { $0.id != "v9-decision-evidence" })
        #expect(before.last?.id == "v8-person-history")
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
        #expect(try new.appliedMigrations().contains("v9-decision-evidence"))
        let d = try #require(try new.read { db in try DecisionStore.latest(db, caseID: 1) })
        #expect(d.decision == "FIT" && d.evidence == nil && d.evidenceSha256 == nil)
        #expect(throws: (any Error).self) {
            try new.write { db in try db.execute(sql: "UPDATE decisions SET evidence = '{}', evidence_sha256 = ?", arguments: [String(repeating: "0", count: 64)]) }
        }
        // A digest must be SHA-256 hex length.
        #expect(throws: (any Error).self) {
            try new.write { db in
                try db.execute(sql: """
                    INSERT INTO decisions (case_id, proposed, decision, differs, decided_by, decided_at, evidence, evidence_sha256)
                    VALUES (1, 'FIT', 'FIT', 0, 'mo', '2026-01-03T00:00:00.000Z', '{}', 'short')
                    """)
            }
        }
    }
}
