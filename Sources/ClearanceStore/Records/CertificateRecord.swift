import Foundation
import GRDB

/// Where a stored certificate stands: `current`, `superseded` by a re-issue, or `revoked`.
public enum CertificateRecordStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case current, superseded, revoked
}

/// A row of `certificates` without its PDF bytes (listings never load them; see
/// ``CertificateStore/pdf(_:id:)``). Content columns are immutable once written (SQL trigger).
public struct CertificateRecord: Codable, Hashable, Sendable, FetchableRecord, TableRecord {
    public static let databaseTableName = "certificates"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    /// Every column but `pdf`.
    public static let databaseSelection: [any SQLSelectable] = [
        Column("id"), Column("case_id"), Column("decision_id"), Column("outcome"), Column("issue_date"),
        Column("expiry_date"), Column("key_id"), Column("payload"), Column("signed_payload"), Column("issued_at"),
        Column("issued_by"), Column("status"), Column("superseded_by"), Column("status_changed_at"),
        Column("status_changed_by"), Column("status_reason"),
    ]

    /// The certificate id (`CLR-XXXX-XXXX-XXXX-C`).
    public var id: String
    public var caseId: Int64
    public var decisionId: Int64
    /// Outcome code as printed (`FIT`, `FIT WITH CONDITIONS`, `UNFIT`).
    public var outcome: String
    public var issueDate: String
    public var expiryDate: String
    public var keyId: String
    /// The certificate's printed content as JSON (identity, tests, dates, officer).
    public var payload: String
    /// The signed QR text (`CLR1:...`).
    public var signedPayload: String
    public var issuedAt: String
    public var issuedBy: String
    public var status: CertificateRecordStatus
    public var supersededBy: String?
    public var statusChangedAt: String?
    public var statusChangedBy: String?
    public var statusReason: String?

    public init(id: String, caseId: Int64, decisionId: Int64, outcome: String, issueDate: String, expiryDate: String,
                keyId: String, payload: String, signedPayload: String, issuedAt: String, issuedBy: String,
                status: CertificateRecordStatus = .current, supersededBy: String? = nil, statusChangedAt: String? = nil,
                statusChangedBy: String? = nil, statusReason: String? = nil) {
        self.id = id; self.caseId = caseId; self.decisionId = decisionId; self.outcome = outcome
        self.issueDate = issueDate; self.expiryDate = expiryDate; self.keyId = keyId; self.payload = payload
        self.signedPayload = signedPayload; self.issuedAt = issuedAt; self.issuedBy = issuedBy; self.status = status
        self.supersededBy = supersededBy; self.statusChangedAt = statusChangedAt; self.statusChangedBy = statusChangedBy
        self.statusReason = statusReason
    }
}
