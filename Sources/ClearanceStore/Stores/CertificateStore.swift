import Foundation
import GRDB

/// Signed certificates. Rows are written once; afterwards only the status moves (current to
/// superseded or revoked), which the schema's triggers enforce.
public enum CertificateStore {
    /// Stores a signed certificate with its PDF.
    /// - Throws: a database error (duplicate id, unknown case, decision or key).
    public static func insert(_ db: Database, _ r: CertificateRecord, pdf: Data) throws {
        try db.execute(sql: """
            INSERT INTO certificates (id, case_id, decision_id, outcome, issue_date, expiry_date, key_id, payload,
                                      signed_payload, pdf, issued_at, issued_by, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current')
            """, arguments: [r.id, r.caseId, r.decisionId, r.outcome, r.issueDate, r.expiryDate, r.keyId, r.payload,
                             r.signedPayload, pdf, r.issuedAt, r.issuedBy])
    }

    /// A certificate without its PDF, or nil.
    public static func fetch(_ db: Database, id: String) throws -> CertificateRecord? {
        try CertificateRecord.fetchOne(db, key: id)
    }

    /// The PDF bytes of a certificate, or nil.
    public static func pdf(_ db: Database, id: String) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT pdf FROM certificates WHERE id = ?", arguments: [id])
    }

    /// The certificates of a case, newest first.
    public static func certificates(_ db: Database, caseID: Int64) throws -> [CertificateRecord] {
        try CertificateRecord.filter(Column("case_id") == caseID).order(Column("issued_at").desc, Column("id")).fetchAll(db)
    }

    /// Certificates issued at or after `since` (a store timestamp or date prefix), oldest first.
    public static func issued(_ db: Database, since: String, status: CertificateRecordStatus? = nil) throws -> [CertificateRecord] {
        var request = CertificateRecord.filter(Column("issued_at") >= since)
        if let status { request = request.filter(Column("status") == status) }
        return try request.order(Column("issued_at"), Column("id")).fetchAll(db)
    }

    /// The revoked and superseded certificates signed with `keyID`, by id (for the revocation list).
    public static func notCurrent(_ db: Database, keyID: String) throws -> [CertificateRecord] {
        try CertificateRecord.filter(Column("key_id") == keyID && Column("status") != CertificateRecordStatus.current)
            .order(Column("id")).fetchAll(db)
    }

    /// Marks every current certificate of `caseID` other than `newID` superseded by `newID`.
    /// - Returns: the ids marked.
    public static func supersede(_ db: Database, caseID: Int64, by newID: String, at: String, username: String) throws -> [String] {
        let old = try String.fetchAll(db, sql: "SELECT id FROM certificates WHERE case_id = ? AND status = 'current' AND id <> ?",
                                      arguments: [caseID, newID])
        for id in old {
            try db.execute(sql: """
                UPDATE certificates SET status = 'superseded', superseded_by = ?, status_changed_at = ?, status_changed_by = ?,
                       status_reason = 're-issued' WHERE id = ?
                """, arguments: [newID, at, username, id])
        }
        return old
    }

    /// Revokes a current certificate.
    /// - Throws: a database error when the certificate is not current (schema trigger).
    public static func revoke(_ db: Database, id: String, reason: String, at: String, username: String) throws {
        try db.execute(sql: """
            UPDATE certificates SET status = 'revoked', status_changed_at = ?, status_changed_by = ?, status_reason = ? WHERE id = ?
            """, arguments: [at, username, reason, id])
    }
}
