import Foundation

/// A stored certificate as front ends show it (the PDF bytes are fetched by export only).
public struct CertificateView: Sendable, Hashable {
    /// `CLR-XXXX-XXXX-XXXX-C`.
    public var id: String
    public var caseID: Int64
    public var decisionID: Int64
    /// `FIT`, `FIT WITH CONDITIONS`, `UNFIT`.
    public var outcome: String
    public var issueDate: String
    public var expiryDate: String
    public var keyID: String
    /// The signed QR text (`CLR1:...`).
    public var signedPayload: String
    public var issuedAt: String
    public var issuedBy: String
    /// `current`, `superseded` or `revoked`.
    public var status: String
    public var supersededBy: String?
    public var statusReason: String?
    /// Ids this issue marked superseded (set by `issueCertificate` only).
    public var superseded: [String] = []

    public var json: [String: Any] {
        var o: [String: Any] = ["id": id, "case": caseID, "decision": decisionID, "outcome": outcome, "issue_date": issueDate,
                                "expiry_date": expiryDate, "key_id": keyID, "signed_payload": signedPayload,
                                "issued_at": issuedAt, "issued_by": issuedBy, "status": status,
                                "superseded_by": supersededBy ?? NSNull(), "status_reason": statusReason ?? NSNull()]
        if !superseded.isEmpty { o["superseded"] = superseded }
        return o
    }

    public var text: String {
        var lines = ["Certificate \(id) for case \(caseID): \(outcome), valid \(issueDate) to \(expiryDate) (\(status))",
                     "  issued \(issuedAt.prefix(16)) by \(issuedBy), key \(keyID)"]
        if let supersededBy { lines.append("  superseded by \(supersededBy)") }
        if let statusReason, status == "revoked" { lines.append("  revoked: \(statusReason)") }
        for s in superseded { lines.append("  supersedes \(s)") }
        return lines.joined(separator: "\n")
    }
}

/// The result of verifying a certificate PDF or QR payload.
public struct CertificateCheck: Sendable, Hashable {
    /// True only when the signature is good, the certificate is current (or its status unknown)
    /// and not expired.
    public var valid: Bool
    /// `valid`, `tampered`, `wrong-key`, `expired`, `superseded` or `revoked`.
    public var status: String
    /// One line for a person at a border desk.
    public var summary: String
    /// The verified certificate's id, name, outcome and dates (when the signature was good).
    public var details: [String: String]
    /// Whether a clinic database was consulted for superseded and revoked certificates.
    public var checkedDatabase: Bool

    public var json: [String: Any] {
        ["valid": valid, "status": status, "summary": summary, "certificate": details, "checked_database": checkedDatabase]
    }
}
