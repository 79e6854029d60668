import ClearanceCertificate
import ClearanceCore
import ClearanceService
import Foundation
import GRDB
import Testing

@Suite("Signed certificates")
struct CertificateTests {
    /// The person in these tests has no photo; the officer says why.
    static let noPhoto = "Photo declined on religious grounds"

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
        try c.service.setClinicIdentity(name: "Test Migration Clinic", address: "2 Test Street, Testville", siteCode: "TST-01", by: c.admin)
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
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7 && "\($0)".contains("decide")
        }
        _ = try s.c.service.decide(caseID: s.caseID, decision: .pending, reason: "Awaiting specialist opinion", by: s.officer)
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer) } throws: {
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
        _ = try s.c.service.record(module: "vitals", caseID: s.caseID, answers: Answers(["systolic": .integer(125)]),
                                   supersede: "re-measured", by: s.c.nurse)
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7 && "\($0)".contains("after the decision")
        }
    }

    @Test func issueCertifiesTheCaseAndReissueSupersedes() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        let first = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer)
        #expect(first.outcome == "FIT" && first.status == "current" && first.expiryDate == "2027-05-20")
        #expect(try s.c.service.caseSummary(s.caseID, by: s.c.clerk).caseInfo.status == "certified")
        let second = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer)
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
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer)
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
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer)
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

    /// No photo and no reason: refused (exit 7) naming the override; with a reason the
    /// certificate prints it and the sign entry records it; a reason beside a photo is refused.
    @Test func aCertificateWithoutPhotoNeedsTheOfficersReason() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 7 && "\($0)".contains("--no-photo-reason")
        }
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: "Refused HIV photo", by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 6
        }
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer)
        let detail = try s.c.service.database.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_log WHERE action = 'sign' AND entity_id = ?", arguments: [cert.id]) ?? ""
        }
        #expect(detail.contains(Self.noPhoto) && detail.contains("facts_sha256"), "\(detail)")
        let (_, pdf) = try s.c.service.exportCertificate(cert.id, by: s.c.clerk)
        let pub = try s.c.service.signingKeys(by: s.c.clerk)[0].publicKeyText
        let check = try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: LocalDate("2026-11-20")!)
        #expect(check.valid && check.facts?.noPhotoReason == Self.noPhoto && check.facts?.photo == nil, "\(check.problems)")
        #expect(check.factLines.contains { $0.contains("none: \(Self.noPhoto)") })
    }

    /// The clinic identity comes from the settings row: refused (exit 8) until it is set, set
    /// by administrators only, and printed (and signed) on certificates.
    @Test func theClinicIdentityIsASettingCertificatesPrint() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        try s.c.service.database.write { db in try db.execute(sql: "DELETE FROM clinic_identity") }
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 8 && "\($0)".contains("clearance clinic set")
        }
        #expect { try s.c.service.setClinicIdentity(name: "X", address: nil, siteCode: "X", by: s.c.clerk) } throws: {
            ($0 as? ServiceError)?.exitCode == 4
        }
        #expect { try s.c.service.setClinicIdentity(name: "Kampala Clinic", address: nil, siteCode: "UG KLA", by: s.c.admin) } throws: {
            ($0 as? ServiceError)?.issues.first?.path.description == "site_code"
        }
        try s.c.service.setClinicIdentity(name: "Kampala Migration Clinic", address: "Plot 4, Kololo Hill", siteCode: "UG-KLA-02", by: s.c.admin)
        try s.c.service.setClinicIdentity(name: nil, address: nil, siteCode: "UG-KLA-03", by: s.c.admin)
        let identity = try #require(try s.c.service.clinicIdentity(by: s.c.clerk))
        #expect(identity.name == "Kampala Migration Clinic" && identity.address == "Plot 4, Kololo Hill" && identity.siteCode == "UG-KLA-03")
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer)
        let (_, pdf) = try s.c.service.exportCertificate(cert.id, by: s.c.clerk)
        let pub = try s.c.service.signingKeys(by: s.c.clerk)[0].publicKeyText
        let check = try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: LocalDate("2026-11-20")!)
        #expect(check.valid && check.facts?.clinic.name == "Kampala Migration Clinic" && check.facts?.clinic.site == "UG-KLA-03")
        let edits = try s.c.service.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE entity_type = 'clinic-identity'")
        }
        #expect(edits == 3)   // set up, then (after the row was deleted behind the back) set twice
    }

    /// A key row inserted with SQL (no audit entry) is not trusted: neither to sign nor, with
    /// the database at hand, to verify.
    @Test func aSigningKeyInsertedWithSQLIsRefused() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        let rogueDir = s.c.dir.appendingPathComponent("rogue")
        try FileManager.default.createDirectory(at: rogueDir, withIntermediateDirectories: true)
        let rogue = SigningKey.generate()
        try rogue.write(to: rogueDir.appendingPathComponent(ClinicService.privateKeyFileName))
        try s.c.service.database.write { db in
            try db.execute(sql: "DELETE FROM signing_keys")   // the genuine key too: only the rogue one is left
            try db.execute(sql: "INSERT INTO signing_keys (key_id, public_key, created_at, created_by) VALUES (?, ?, '2026-01-01T00:00:00Z', 'admin')",
                           arguments: [rogue.keyID.hex, rogue.publicKey.exportText()])
        }
        #expect { try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: rogueDir, noPhotoReason: Self.noPhoto, by: s.officer) } throws: {
            ($0 as? ServiceError)?.exitCode == 8 && "\($0)".contains("without an audit entry")
        }
        // A certificate forged with the rogue key outside the application.
        let renderer = CertificateRenderer(clock: { Date() })
        var random = SystemRandomNumberGenerator()
        let doc = CertificateDocument(
            certificateID: CertificateID.generate(using: &random), clinicName: "Test Migration Clinic", siteCode: "TST-01",
            programme: "Test", destination: "Anywhere",
            person: CertificatePerson(surname: "IMPOSTOR", givenNames: "", dateOfBirth: LocalDate("1990-01-01")!, sex: "X",
                                      nationality: "XXX", documentType: "Passport", documentNumber: "Z0000000"),
            examinationStart: LocalDate("2026-11-20")!, examinationEnd: LocalDate("2026-11-20")!,
            validityAnchor: CertificateValidityAnchor(event: "Date of issue", date: LocalDate("2026-11-20")!), tests: [],
            outcome: .fit, conditions: [], issueDate: LocalDate("2026-11-20")!, expiryDate: LocalDate("2027-11-20")!,
            officer: CertificateOfficer(name: "Dr Nobody", registrationNumber: "0"), noPhotoReason: "none")
        let pdf = try renderer.render(doc, photo: nil, signingKey: rogue).pdf
        #expect { try s.c.service.verifyCertificate(data: pdf, publicKeyText: nil, today: LocalDate("2026-11-21")!) } throws: {
            ($0 as? ServiceError)?.exitCode == 8 && "\($0)".contains("not trusted")
        }
        // The administrator holding that private key vouches for the row with `keys init`: audited, then trusted.
        let adopted = try s.c.service.initSigningKey(directory: rogueDir, by: s.c.admin)
        #expect(!adopted.created && adopted.keyID == rogue.keyID.hex)
        #expect(try s.c.service.verifyCertificate(data: pdf, publicKeyText: nil, today: LocalDate("2026-11-21")!).valid)
    }

    /// `certificate revocations`: a signed list, no names or reasons, that makes a revoked
    /// certificate fail offline; a changed list is refused.
    @Test func aRevokedCertificateFailsOfflineWithTheSignedList() throws {
        let s = try setUp(); defer { s.c.cleanup() }
        let cert = try s.c.service.issueCertificate(caseID: s.caseID, keyDirectory: s.keys, noPhotoReason: Self.noPhoto, by: s.officer)
        let (_, pdf) = try s.c.service.exportCertificate(cert.id, by: s.c.clerk)
        let pub = try s.c.service.signingKeys(by: s.c.clerk)[0].publicKeyText
        let today = LocalDate("2026-11-20")!
        let before = try s.c.service.revocationList(keyDirectory: s.keys, by: s.c.clerk)
        #expect(before.entries == 0)
        #expect(try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: today, revocations: before.text).valid)
        _ = try s.c.service.revokeCertificate(cert.id, reason: "Issued to the wrong document", by: s.officer)
        let after = try s.c.service.revocationList(keyDirectory: s.keys, by: s.c.clerk)
        #expect(after.entries == 1 && !after.text.contains("wrong document"))
        let offline = try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: today, revocations: after.text)
        #expect(!offline.valid && offline.status == "revoked" && offline.checkedRevocations)
        #expect(try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: today).valid, "without the list only the signature counts")
        let spliced = String(before.text.split(separator: ".")[0]) + "." + String(after.text.split(separator: ".")[1])
        #expect { try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: today, revocations: spliced) } throws: {
            ($0 as? ServiceError)?.exitCode == 6 && "\($0)".contains("revocation list")
        }
    }
}
