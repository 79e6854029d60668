import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Verifies a certificate PDF or QR payload offline, with only the clinic's public key.
    ///
    /// A PDF is checked whole: payload signature, signed facts, the file's signature and the
    /// page read back with poppler (every printed fact and the photo). With `revocations` (the
    /// text of a list from ``revocationList(keyDirectory:by:)``) a revoked or superseded
    /// certificate fails offline too.
    ///
    /// ```swift
    /// let check = try ClinicService.verifyCertificate(data: pdf, publicKeyText: pub, today: LocalDate(Date()))
    /// print(check.valid ? "valid" : check.summary)
    /// ```
    /// - Throws: ``ServiceError/invalid(field:_:)`` when the public key or the list is unusable.
    public static func verifyCertificate(data: Data, publicKeyText: String, today: LocalDate,
                                         revocations: String? = nil) throws -> CertificateCheck {
        let list = try revocations.map { try readRevocationList($0, publicKeyText: publicKeyText) }
        return try check(data: data, publicKeyText: publicKeyText, today: today, status: list.map { l in { l.status(of: $0) } },
                         revocations: list)
    }

    /// Verifies with this database at hand: also reports superseded and revoked certificates,
    /// and, when `publicKeyText` is nil, uses the registered keys the payload names. A key row
    /// without its audit entry (inserted behind the application's back) is not trusted. Needs
    /// no sign-in: it reveals only what the signed certificate already states.
    /// - Throws: ``ServiceError``: invalid public key text or list; configuration when no key
    ///   is given and no audited one is registered.
    public func verifyCertificate(data: Data, publicKeyText: String?, today: LocalDate,
                                  revocations: String? = nil) throws -> CertificateCheck {
        let listed = try revocations.map { text -> RevocationList in
            guard let key = publicKeyText else {
                throw ServiceError.invalid(field: "revocations", "a revocation list is checked with the clinic's public key; pass --public-key FILE too")
            }
            return try Self.readRevocationList(text, publicKeyText: key)
        }
        let status: (CertificateID) -> CertificateStatus = { [database] id in
            if let s = listed?.status(of: id), s != .current { return s }
            let row = try? database.read { db in try CertificateStore.fetch(db, id: id.description) }
            switch row?.status {
            case .revoked: return .revoked
            case .superseded: return .superseded(by: row?.supersededBy.flatMap { CertificateID($0) } ?? id)
            default: return .current
            }
        }
        if let publicKeyText {
            return try Self.check(data: data, publicKeyText: publicKeyText, today: today, status: status,
                                  revocations: listed, checkedDatabase: true)
        }
        let (keys, unaudited) = try read { db in try auditedKeys(db) }
        guard !keys.isEmpty else {
            let note = unaudited.isEmpty ? "" : " (key \(unaudited.joined(separator: ", ")) is registered without an audit entry and is not trusted)"
            throw ServiceError.configuration("no public key given and no audited key registered in this database\(note); pass --public-key FILE")
        }
        var last: CertificateCheck?
        for key in keys {
            let result = try Self.check(data: data, publicKeyText: key.publicKey, today: today, status: status,
                                        revocations: nil, checkedDatabase: true)
            if result.status != "wrong-key" { return result }
            last = result
        }
        var result = last!
        if !unaudited.isEmpty {
            result.notes.append("key \(unaudited.joined(separator: ", ")) is registered without an audit entry (added behind the application's back) and was not trusted")
        }
        return result
    }

    /// Writes the clinic's signed revocation list: every revoked and superseded certificate
    /// signed with the key in `keyDirectory`, their replacing id and date, no names or reasons.
    /// Audited (`export`, `revocation-list`).
    ///
    /// ```swift
    /// let list = try service.revocationList(keyDirectory: keys, by: clerk)
    /// try list.text.write(toFile: "revoked.clr", atomically: true, encoding: .utf8)
    /// ```
    /// - Throws: ``ServiceError``: forbidden; configuration (key missing or not registered).
    public func revocationList(keyDirectory: URL, by session: Session) throws -> (text: String, entries: Int) {
        try session.require(.exportCertificates)
        let key = try loadSigningKey(directory: keyDirectory)
        return try write { db in
            try requireRegisteredKey(db, key)
            let rows = try CertificateStore.notCurrent(db, keyID: key.keyID.hex)
            let entries = rows.map {
                RevocationList.Entry(id: $0.id, status: $0.status.rawValue, by: $0.supersededBy,
                                     date: String(($0.statusChangedAt ?? $0.issuedAt).prefix(10)))
            }
            let text: String
            do { text = try RevocationList(keyID: key.keyID, issuedAt: timestamp, entries: entries).signed(with: key) } catch let e as CertificateError {
                throw ServiceError.configuration(e.description)
            }
            try audit(db, session, "export", "revocation-list", key.keyID.hex, ["entries": entries.count])
            return (text, entries.count)
        }
    }

    // MARK: - Keys and lists

    /// Registered keys that entered through the audited command, and the ids of those that did not.
    func auditedKeys(_ db: Database) throws -> (keys: [SigningKeyRecord], unaudited: [String]) {
        var keys: [SigningKeyRecord] = [], unaudited: [String] = []
        for key in try SigningKeyStore.all(db) {
            if try isAudited(db, keyID: key.keyId) { keys.append(key) } else { unaudited.append(key.keyId) }
        }
        return (keys, unaudited)
    }

    /// Refuses a private key whose public half this database does not hold, or holds unaudited.
    func requireRegisteredKey(_ db: Database, _ key: SigningKey) throws {
        guard try SigningKeyStore.fetch(db, keyID: key.keyID.hex) != nil else {
            throw ServiceError.configuration("signing key \(key.keyID.hex) is not registered in this database; an administrator runs `clearance keys init` with the same key directory")
        }
        try requireAuditedKey(db, keyID: key.keyID.hex)
    }

    /// Refuses a key row with no `create signing-key` audit entry.
    func requireAuditedKey(_ db: Database, keyID: String) throws {
        guard try isAudited(db, keyID: keyID) else {
            throw ServiceError.configuration("signing key \(keyID) is registered without an audit entry (it was not added by `clearance keys init`) and is not trusted; check the database with `clearance audit verify` and register the clinic key with `clearance keys init`")
        }
    }

    func isAudited(_ db: Database, keyID: String) throws -> Bool {
        try AuditLog.entries(db, entityType: "signing-key", entityID: keyID).contains { $0.action == "create" }
    }

    static func readRevocationList(_ text: String, publicKeyText: String) throws -> RevocationList {
        do {
            return try RevocationList(text: text, publicKey: try CertificatePublicKey(text: publicKeyText))
        } catch let e as CertificateError {
            throw ServiceError.invalid(field: "revocations", e.description)
        }
    }

    static func check(data: Data, publicKeyText: String, today: LocalDate,
                      status: ((CertificateID) -> CertificateStatus)?, revocations: RevocationList?,
                      checkedDatabase: Bool = false) throws -> CertificateCheck {
        let verification: CertificateVerification
        do {
            verification = try CertificateVerifier.verify(pdfOrPayload: data, publicKeyText: publicKeyText, today: today, status: status)
        } catch let e as CertificateError {
            throw ServiceError.invalid(field: "public-key", e.description)
        }
        let result = verification.result
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
                       "expiry_date": p.expiryDate.description, "key_id": p.keyID.hex, "version": String(p.version)]
        }
        var notes = verification.notes
        if let revocations { notes.append("revocation list of \(revocations.issuedAt.prefix(10)) consulted (\(revocations.entries.count) entries)") }
        return CertificateCheck(valid: result.isValid, status: name, summary: result.summary, details: details,
                                checkedDatabase: checkedDatabase, checkedRevocations: revocations != nil,
                                facts: verification.facts, differences: verification.differences.map(\.description),
                                problems: verification.problems, notes: notes)
    }
}
