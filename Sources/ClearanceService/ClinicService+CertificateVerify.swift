import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Verifies a certificate PDF or QR payload offline, with only the clinic's public key.
    ///
    /// ```swift
    /// let check = try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: LocalDate(Date()))
    /// print(check.valid ? "valid" : check.summary)
    /// ```
    /// - Throws: ``ServiceError/invalid(field:_:)`` when the public key text is unusable.
    public static func verifyCertificate(data: Data, publicKeyText: String, today: LocalDate) throws -> CertificateCheck {
        try check(data: data, publicKeyText: publicKeyText, today: today, status: nil)
    }

    /// Verifies with this database at hand: also reports superseded and revoked certificates,
    /// and, when `publicKeyText` is nil, uses the registered key the payload names. Needs no
    /// sign-in: it reveals only what the signed payload already states.
    /// - Throws: ``ServiceError``: invalid public key text; configuration when no key is given
    ///   and none is registered.
    public func verifyCertificate(data: Data, publicKeyText: String?, today: LocalDate) throws -> CertificateCheck {
        let status: (CertificateID) -> CertificateStatus = { [database] id in
            let row = try? database.read { db in try CertificateStore.fetch(db, id: id.description) }
            switch row?.status {
            case .revoked: return .revoked
            case .superseded: return .superseded(by: row?.supersededBy.flatMap { CertificateID($0) } ?? id)
            default: return .current
            }
        }
        if let publicKeyText {
            return try Self.check(data: data, publicKeyText: publicKeyText, today: today, status: status)
        }
        let keys = try read { db in try SigningKeyStore.all(db) }
        guard !keys.isEmpty else {
            throw ServiceError.configuration("no public key given and none registered in this database; pass --public-key FILE")
        }
        var last: CertificateCheck?
        for key in keys {
            let result = try Self.check(data: data, publicKeyText: key.publicKey, today: today, status: status)
            if result.status != "wrong-key" { return result }
            last = result
        }
        return last!
    }

    static func check(data: Data, publicKeyText: String, today: LocalDate,
                      status: ((CertificateID) -> CertificateStatus)?) throws -> CertificateCheck {
        let result: VerificationResult
        do {
            result = try CertificateVerifier.verify(pdfOrPayload: data, publicKeyText: publicKeyText, today: today, status: status)
        } catch let e as CertificateError {
            throw ServiceError.invalid(field: "public-key", e.description)
        }
        let name: String = switch result {
        case .valid: "valid"
        case .tampered: "tampered"
        case .wrongKey: "wrong-key"
        case .expired: "expired"
        case .notYetValid: "not-yet-valid"
        case .superseded: "superseded"
        case .revoked: "revoked"
        }
        var details: [String: String] = [:]
        if let p = result.payload {
            details = ["id": p.certificateID.description, "name": p.name, "date_of_birth": p.dateOfBirth.description,
                       "document_number": p.documentNumber, "outcome": p.outcome.code, "issue_date": p.issueDate.description,
                       "expiry_date": p.expiryDate.description, "key_id": p.keyID.hex]
        }
        return CertificateCheck(valid: result.isValid, status: name, summary: result.summary, details: details,
                                checkedDatabase: status != nil)
    }
}
