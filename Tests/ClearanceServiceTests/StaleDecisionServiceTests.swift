import ClearanceCore
import ClearanceService
import Foundation
import GRDB
import Testing

/// Decisions bound to their evidence, through the service: what makes a decision stale, how
/// the views show it, and that no certificate is signed on it.
@Suite("Decision evidence")
struct StaleDecisionServiceTests {
    func tbVitals(_ s: CertificateTests.Setup) throws -> Int64 {
        try #require(try s.c.service.caseSummary(s.caseID, by: s.officer).encounters.first { $0.module == "vitals" }).id
    }

    @Test func aCorrectionMakesTheDecisionStaleAndBlocksSigning() throws {
        let s = try CertificateTests().setUp(decide: .fit); defer { s.c.cleanup() }
        #expect(try s.c.service.latestDecision(caseID: s.caseID, by: s.c.clerk)?.stale == false)
        let stored = try s.c.service.database.read { db in
            try Row.fetchOne(db, sql: "SELECT evidence, evidence_sha256 FROM decisions")
        }
        let evidence: String? = stored?["evidence"], digest: String? = stored?["evidence_sha256"]
        #expect(evidence?.contains("\"module\":\"vitals\"") == true && digest?.count == 64, "\(String(describing: stored))")

        let vitals = try tbVitals(s)
        _ = try s.c.service.correct(encounterID: vitals, changes: ["systolic": 150], reason: "misread the cuff", by: s.c.nurse)

        let d = try #require(try s.c.service.latestDecision(caseID: s.caseID, by: s.officer))
        #expect(d.stale == true && d.staleBecause?.contains("encounter \(vitals) (vitals) corrected after the decision") == true,
                "\(String(describing: d.staleBecause))")
        #expect(d.staleBecause?.contains("the proposal changed from FIT to FIT WITH CONDITIONS") == true, "\(String(describing: d.staleBecause))")
        let summary = try s.c.service.caseSummary(s.caseID, by: s.c.clerk)
        #expect(summary.decision?.json["stale"] as? Bool == true)
        #expect(summary.text().contains("STALE: encounter \(vitals) (vitals) corrected"), "\(summary.text())")

        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: CertificateTests.noPhoto, by: s.officer) } throws: {
            let e = $0 as? ServiceError
            return e?.exitCode == 7 && e?.description.contains("re-decide with `clearance case decide \(s.caseID)") == true
        }
        #expect(try s.c.count("certificates") == 0)

        _ = try s.c.service.decide(caseID: s.caseID, decision: .fitWithConditions, conditions: "See a doctor within 30 days", by: s.officer)
        #expect(try s.c.service.latestDecision(caseID: s.caseID, by: s.officer)?.stale == false)
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: CertificateTests.noPhoto, by: s.officer)
        #expect(cert.outcome == "FIT WITH CONDITIONS")
    }

    @Test func aNewRecordingSupersedingAModuleIsNamed() throws {
        let s = try CertificateTests().setUp(decide: .fit); defer { s.c.cleanup() }
        let first = try tbVitals(s)
        let again = try s.c.service.record(module: "vitals", caseID: s.caseID, answers: Answers(["systolic": .integer(118)]),
                                           supersede: "re-measured", by: s.c.nurse)
        let d = try #require(try s.c.service.latestDecision(caseID: s.caseID, by: s.officer))
        #expect(d.staleBecause == "encounter \(again.encounterID) (vitals) recorded after the decision, superseding encounter \(first)",
                "\(String(describing: d.staleBecause))")
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: CertificateTests.noPhoto, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7 && ($0 as? ServiceError)?.description.contains("stale") == true
        }
    }

    @Test func aNewAttachmentMakesTheDecisionStale() throws {
        let s = try CertificateTests().setUp(decide: .fit); defer { s.c.cleanup() }
        let vitals = try tbVitals(s)
        _ = try s.c.service.attach(fileAt: ImageClinic.fixture("rgb8.png"), toEncounter: vitals, kind: .other, by: s.c.nurse)
        let d = try #require(try s.c.service.latestDecision(caseID: s.caseID, by: s.officer))
        #expect(d.stale == true && d.staleBecause == "encounter \(vitals) (vitals) has a new attachment since the decision",
                "\(String(describing: d.staleBecause))")
    }

    @Test func aDecisionFromBeforeEvidenceBindingIsStaleUntilReDecided() throws {
        let s = try CertificateTests().setUp(decide: nil); defer { s.c.cleanup() }
        // As a v8 database holds it: no evidence stored.
        try s.c.service.database.write { db in
            try db.execute(sql: """
                INSERT INTO decisions (case_id, proposed, decision, differs, last_encounter_id, decided_by, decided_at)
                VALUES (?, 'FIT', 'FIT', 0, (SELECT max(id) FROM encounters), 'drmo', '2026-01-01T00:00:00Z')
                """, arguments: [s.caseID])
        }
        let d = try #require(try s.c.service.latestDecision(caseID: s.caseID, by: s.officer))
        #expect(d.stale == true && d.staleBecause?.contains("before decisions were bound to their evidence") == true)
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: CertificateTests.noPhoto, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7
        }
        _ = try s.c.service.decide(caseID: s.caseID, decision: .fit, by: s.officer)
        _ = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: CertificateTests.noPhoto, by: s.officer)
        #expect(try s.c.count("certificates") == 1)
    }

    @Test func evidenceCannotBeRewrittenInPlace() throws {
        let s = try CertificateTests().setUp(decide: .fit); defer { s.c.cleanup() }
        #expect(throws: (any Error).self) {
            try s.c.service.database.write { db in try db.execute(sql: "UPDATE decisions SET evidence_sha256 = NULL") }
        }
    }
}
