import ClearanceCore
import ClearanceService
import Foundation
import GRDB
import Testing

@Suite("Signed certificates")
struct CertificateTests {
    /// The clinic, a medical officer with a registration number, a key directory with a
    /// registered key, and a decided FIT case.
    struct Setup {
        let c: Clinic
        let officer: Session
        let keys: URL
        let caseID: Int64
    }

    func setUp(decide: FitnessDecision? = .fit) throws -> Setup {
        let c = try Clinic()
        _ = try c.service.addUser(username: "drmo", displayName: "Dr Amina Yusuf", roles: [.medicalOfficer],
                                  registrationNumber: "MC-4411", password: "password1234", by: c.admin)
        let officer = try c.service.signIn(username: "drmo", password: "password1234")
        let keys = c.dir.appendingPathComponent("keys")
        _ = try c.service.initSigningKey(directory: keys, by: c.admin)
        let caseID = try c.openCase()
        _ = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(120)]), by: c.nurse)
        _ = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(false)]), by: c.counsellor)
        if let decide { _ = try c.service.decide(caseID: caseID, decision: decide, reason: decide == .fit ? nil : "Clinical judgement", by: officer) }
        return Setup(c: c, officer: officer, keys: keys, caseID: caseID)
    }

    @Test func keysInitWritesAPrivateFileAndRegistersThePublicKey() throws {
        let s = try setUp(decide: nil); defer { s.c.cleanup() }
        let attributes = try FileManager.default.attributesOfItem(atPath: s.keys.appendingPathComponent("clinic.key").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let registered = try s.c.service.signingKeys(by: s.c.clerk)
        #expect(registered.count == 1 && registered[0].publicKeyText.contains("BEGIN CLEARANCE PUBLIC KEY"))
        let again = try s.c.service.initSigningKey(directory: s.keys, by: s.c.admin)
        #expect(!again.created && again.keyID == registered[0].keyID)
        #expect { try s.c.service.initSigningKey(directory: s.keys, by: s.officer) } throws: { ($0 as? ServiceError)?.exitCode == 4 }
    }

    @Test func clerkCannotSignAndADecisionIsRequired() throws {
        let s = try setUp(decide: nil); defer { s.c.cleanup() }
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.c.clerk) } throws: { ($0 as? ServiceError)?.exitCode == 4 }
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7 && "\($0)".contains("decide")
        }
        _ = try s.c.service.decide(caseID: s.caseID, decision: .pending, reason: "Awaiting specialist opinion", by: s.officer)
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7 && "\($0)".contains("PENDING")
        }
        #expect(try s.c.count("certificates") == 0)
    }

    @Test func officerWithoutRegistrationNumberCannotSign() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.c.mo) } throws: {
            ($0 as? ServiceError)?.issues.first?.path.description == "registration_number"
        }
    }

    @Test func resultsRecordedAfterTheDecisionBlockIssue() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        _ = try s.c.service.record(module: "vitals", caseID: s.caseID, answers: Answers(["systolic": .integer(125)]), by: s.c.nurse)
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7 && "\($0)".contains("after the decision")
        }
    }

    @Test func issueCertifiesTheCaseAndReissueSupersedes() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        let first = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer)
        #expect(first.outcome == "FIT" && first.status == "current" && first.expiryDate == "2027-05-20")
        #expect(try s.c.service.caseSummary(s.caseID, by: s.c.clerk).caseInfo.status == "certified")
        let second = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer)
        #expect(second.id != first.id && second.superseded == [first.id])
        let old = try s.c.service.certificate(first.id, by: s.c.clerk)
        #expect(old.status == "superseded" && old.supersededBy == second.id)
        let signs = try s.c.service.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'sign'") }
        #expect(signs == 2)

        // Verification with the database at hand knows the old one is superseded.
        let (_, oldPDF) = try s.c.service.exportCertificate(first.id, by: s.c.clerk)
        let (_, newPDF) = try s.c.service.exportCertificate(second.id, by: s.c.clerk)
        let today = LocalDate("2026-11-20")!
        #expect(try s.c.service.verifyCertificate(data: oldPDF, publicKeyText: nil, today: today).status == "superseded")
        #expect(try s.c.service.verifyCertificate(data: newPDF, publicKeyText: nil, today: today).valid)
        let pub = try s.c.service.signingKeys(by: s.c.clerk)[0].publicKeyText
        #expect(try ClinicService.verifyCertificate(data: oldPDF, publicKeyText: pub, today: today).valid, "offline, only the signature counts")
        #expect(try ClinicService.verifyCertificate(data: newPDF, publicKeyText: pub, today: LocalDate("2027-06-01")!).status == "expired")

        _ = try s.c.service.revokeCertificate(second.id, reason: "Issued to the wrong document", by: s.officer)
        #expect(try s.c.service.verifyCertificate(data: newPDF, publicKeyText: pub, today: today).status == "revoked")
        #expect(try s.c.service.caseSummary(s.caseID, by: s.c.clerk).caseInfo.status == "ready-for-review")
    }

    @Test func signedRowsCannotBeUpdatedThroughSQL() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer)
        for sql in ["UPDATE certificates SET outcome = 'UNFIT'", "UPDATE certificates SET signed_payload = 'x'",
                    "UPDATE certificates SET pdf = x'00'", "UPDATE certificates SET expiry_date = '2099-01-01'",
                    "DELETE FROM certificates"] {
            #expect(throws: (any Error).self, "\(sql)") { try s.c.service.database.write { db in try db.execute(sql: sql) } }
        }
        try s.c.service.database.write { db in try db.execute(sql: "UPDATE certificates SET status = 'revoked', status_reason = 'test'") }
        #expect(throws: (any Error).self) {
            try s.c.service.database.write { db in try db.execute(sql: "UPDATE certificates SET status = 'current'") }
        }
        #expect(try s.c.service.certificate(cert.id, by: s.c.clerk).outcome == "FIT")
    }

    @Test func certificateShowsNoConfidentialResultAndTamperingIsDetected() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer)
        let (_, pdf) = try s.c.service.exportCertificate(cert.id, by: s.c.nurse)
        let stored = try s.c.service.database.read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM certificates WHERE id = ?", arguments: [cert.id]) ?? ""
        }
        #expect(stored.contains("Confidential counselling and testing") && stored.contains("MC-4411"))
        #expect(!stored.contains("SEC-") && !stored.uppercased().contains("HIV"))
        let pub = try s.c.service.signingKeys(by: s.c.clerk)[0].publicKeyText
        var tampered = cert.signedPayload
        let i = tampered.index(tampered.startIndex, offsetBy: 20)
        tampered.replaceSubrange(i...i, with: tampered[i] == "A" ? "B" : "A")
        let today = LocalDate("2026-11-20")!
        #expect(try ClinicService.verifyCertificate(data: Data(cert.signedPayload.utf8), publicKeyText: pub, today: today).valid)
        #expect(try !ClinicService.verifyCertificate(data: Data(tampered.utf8), publicKeyText: pub, today: today).valid)
        #expect(try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: today).valid)
        let exports = try s.c.service.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'export'") }
        #expect(exports == 1)
    }
}
