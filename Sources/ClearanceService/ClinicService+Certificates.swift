import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Issues a signed fitness certificate for a case, with the key in `keyDirectory`.
    ///
    /// See ``issueCertificate(caseID:signingKey:noPhotoReason:photoDecoder:by:)``.
    /// - Throws: ``ServiceError/configuration(_:)`` when the key file is missing, has loose
    ///   permissions or is not registered; otherwise as the signing-key variant.
    public func issueCertificate(caseID: Int64, keyDirectory: URL, noPhotoReason: String? = nil, language: String = "en",
                                 by session: Session) throws -> CertificateView {
        try session.require(.signCertificate)
        let key = try loadSigningKey(directory: keyDirectory)
        return try issueCertificate(caseID: caseID, signingKey: key, noPhotoReason: noPhotoReason, language: language,
                                    photoDecoder: nil, by: session)
    }

    /// Issues a signed fitness certificate for a case.
    ///
    /// Builds the document from the clinic identity, the latest decision (not PENDING) and final
    /// encounters (each module's certificate entry; confidential modules give a neutral line),
    /// signs its payload (which covers every printed fact and the photo's digest), renders the
    /// PDF, signs the file and stores the row, which never changes afterwards. A re-issue gets a
    /// new id and marks the case's current certificate superseded. The case becomes `certified`.
    /// Audited (`sign`) in the same transaction, with the no-photo reason when there is one.
    ///
    /// ```swift
    /// let cert = try service.issueCertificate(caseID: 7, signingKey: key, photoDecoder: nil, by: mo)
    /// print(cert.id)   // CLR-7K3M-9QXD-4T2B-R
    /// ```
    /// - Parameter noPhotoReason: Why the certificate has no photo; required when the person has
    ///   none (or it cannot be read), refused when they have one. Printed on the certificate.
    /// - Parameter language: The clinic's language (`en`, `fr`, `es`): the PDF's labels print in
    ///   it beside English (``CertificateLabels``); the signed facts are the same in every language.
    /// - Throws: ``ServiceError``: forbidden (medical officers only), not found, conflict (no
    ///   decision, PENDING or stale decision, results pending, modules missing, newer results, no photo
    ///   and no reason), invalid (no registration number, unprintable content), configuration
    ///   (unregistered or unaudited key, clinic identity not set).
    public func issueCertificate(caseID: Int64, signingKey key: SigningKey, noPhotoReason: String? = nil, language: String = "en",
                                 photoDecoder: CertificatePhotoDecoder?, by session: Session) throws -> CertificateView {
        try session.require(.signCertificate)
        var draft = try read { db in
            try certificateDraft(db, caseID: caseID, key: key, noPhotoReason: noPhotoReason, photoDecoder: photoDecoder, by: session)
        }
        draft.document.language = language
        let signed: SignedCertificate
        do {
            let now = clock.now
            signed = try CertificateRenderer(clock: { now }).render(draft.document, photo: draft.photo, signingKey: key)
        } catch let e as CertificateError {
            throw ServiceError.invalid(field: "certificate", e.description)
        }
        let doc = draft.document
        let record = CertificateRecord(id: doc.certificateID.description, caseId: caseID, decisionId: draft.decisionID,
                                       outcome: doc.outcome.code, issueDate: doc.issueDate.description,
                                       expiryDate: doc.expiryDate.description, keyId: key.keyID.hex,
                                       payload: Self.contentJSON(doc), signedPayload: signed.payload.text,
                                       issuedAt: timestamp, issuedBy: session.username)
        return try write { db in
            if let status = try CaseStore.fetch(db, id: caseID)?.status, status.hasEnded { throw Self.caseStateRefusal(caseID, status) }
            guard let decision = try DecisionStore.latest(db, caseID: caseID), decision.id == draft.decisionID else {
                throw ServiceError.conflict("the decision on case \(caseID) changed while the certificate was prepared; issue it again")
            }
            // A correction saved while the PDF was rendered makes the decision stale too.
            if let because = try decisionStaleness(db, try caseState(db, caseID), decision) {
                throw Self.staleDecisionRefusal(caseID, decision, because: because)
            }
            try CertificateStore.insert(db, record, pdf: signed.pdf)
            let superseded = try CertificateStore.supersede(db, caseID: caseID, by: record.id, at: record.issuedAt, username: session.username)
            try CaseStore.setStatus(db, caseID: caseID, .certified)
            var detail: [String: Any] = ["case": caseID, "decision": draft.decisionID, "outcome": record.outcome,
                                         "key_id": record.keyId, "supersedes": superseded,
                                         "facts_sha256": signed.payload.payload.factsDigest.map { $0.map { String(format: "%02x", $0) }.joined() } ?? NSNull()]
            if let reason = doc.noPhotoReason { detail["no_photo_reason"] = reason }
            try audit(db, session, "sign", "certificate", record.id, detail,
                      wrote: ([record.id] + superseded).map { AuditSubject(.certificate, $0) })
            var v = view(record)
            v.superseded = superseded
            return v
        }
    }

    /// A certificate's record (no PDF).
    public func certificate(_ id: String, by session: Session) throws -> CertificateView {
        try session.require(.findPersons)
        return try read { db in view(try requireCertificate(db, id)) }
    }

    /// The certificates of a case, newest first.
    public func certificates(caseID: Int64, by session: Session) throws -> [CertificateView] {
        try session.require(.findPersons)
        return try read { db in
            _ = try requireCase(db, caseID)
            return try CertificateStore.certificates(db, caseID: caseID).map(view)
        }
    }

    /// Current certificates issued on or after `since`, oldest first (for batch export).
    public func currentCertificates(issuedSince since: LocalDate, by session: Session) throws -> [CertificateView] {
        try session.require(.exportCertificates)
        return try read { db in try CertificateStore.issued(db, since: since.description, status: .current).map(view) }
    }

    /// The PDF of a certificate, as signed. Audited (`export`).
    /// - Throws: ``ServiceError``: forbidden, not found.
    public func exportCertificate(_ id: String, by session: Session) throws -> (certificate: CertificateView, pdf: Data) {
        try session.require(.exportCertificates)
        return try write { db in
            let record = try requireCertificate(db, id)
            guard let pdf = try CertificateStore.pdf(db, id: record.id) else {
                throw ServiceError.notFound("certificate \(id) has no PDF stored")
            }
            try audit(db, session, "export", "certificate", record.id, ["case": record.caseId, "status": record.status.rawValue])
            return (view(record), pdf)
        }
    }

    /// Revokes a current certificate (medical officers). Audited (`revoke`). The case goes back
    /// to ready for review when it has no other current certificate.
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (no reason), conflict (not current).
    public func revokeCertificate(_ id: String, reason: String, by session: Session) throws -> CertificateView {
        try session.require(.signCertificate)
        guard let reason = Self.cleaned(reason) else {
            throw ServiceError.invalid(field: "reason", "say why the certificate is revoked: pass --reason TEXT")
        }
        return try write { db in
            let record = try requireCertificate(db, id)
            guard record.status == .current else {
                throw ServiceError.conflict("certificate \(record.id) is \(record.status.rawValue), not current; only a current certificate can be revoked")
            }
            try CertificateStore.revoke(db, id: record.id, reason: reason, at: timestamp, username: session.username)
            if try CertificateStore.certificates(db, caseID: record.caseId).allSatisfy({ $0.status != .current }),
               try CaseStore.fetch(db, id: record.caseId)?.status == .certified {
                try CaseStore.setStatus(db, caseID: record.caseId, .readyForReview)
            }
            try audit(db, session, "revoke", "certificate", record.id, ["case": record.caseId, "reason": reason])
            return view(try requireCertificate(db, record.id))
        }
    }

    // MARK: - Helpers

    func requireCertificate(_ db: Database, _ id: String) throws -> CertificateRecord {
        let key = CertificateID(id)?.description ?? id
        guard let r = try CertificateStore.fetch(db, id: key) else {
            throw ServiceError.catalogued(ServiceError.notFound, "error.no_certificate", ["id": id])
        }
        return r
    }

    func view(_ r: CertificateRecord) -> CertificateView {
        CertificateView(id: r.id, caseID: r.caseId, decisionID: r.decisionId, outcome: r.outcome, issueDate: r.issueDate,
                        expiryDate: r.expiryDate, keyID: r.keyId, signedPayload: r.signedPayload, issuedAt: r.issuedAt,
                        issuedBy: r.issuedBy, status: r.status.rawValue, supersededBy: r.supersededBy, statusReason: r.statusReason)
    }
}
