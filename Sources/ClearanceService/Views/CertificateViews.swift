import ClearanceCertificate
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
    /// True only when the signatures are good, the page shows what was signed, the certificate
    /// is current (or its status unknown) and not expired.
    public var valid: Bool
    /// `valid`, `tampered`, `wrong-key`, `expired`, `not-yet-valid`, `superseded` or `revoked`.
    public var status: String
    /// One line for a person at a border desk.
    public var summary: String
    /// The verified certificate's id, name, outcome and dates (when the signature was good).
    public var details: [String: String]
    /// Whether a clinic database was consulted for superseded and revoked certificates.
    public var checkedDatabase: Bool
    /// Whether a signed revocation list was consulted.
    public var checkedRevocations: Bool = false
    /// Every signed printed fact (version-2 PDFs).
    public var facts: CertificateFacts?
    /// Printed facts the page does not show as signed.
    public var differences: [String] = []
    /// Every integrity finding (facts, file signature, page).
    public var problems: [String] = []
    /// What the check could not cover.
    public var notes: [String] = []

    public var json: [String: Any] {
        var o: [String: Any] = ["valid": valid, "status": status, "summary": summary, "certificate": details,
                                "checked_database": checkedDatabase, "checked_revocations": checkedRevocations,
                                "differences": differences, "problems": problems, "notes": notes]
        if let facts, let data = try? facts.canonicalBytes(), let object = try? JSONSerialization.jsonObject(with: data) {
            o["signed_facts"] = object
        }
        return o
    }

    /// The signed facts as lines for a person to compare with the paper.
    public var factLines: [String] {
        guard let f = facts else { return [] }
        var lines = ["Signed facts (compare them with the paper):",
                     "  Certificate      \(f.id)",
                     "  Clinic           \(f.clinic.name)\(f.clinic.address.isEmpty ? "" : ", \(f.clinic.address)") (site \(f.clinic.site))",
                     "  Programme        \(f.programme), destination \(f.destination)",
                     "  Holder           \(f.person.surname)\(f.person.givenNames.isEmpty ? "" : ", \(f.person.givenNames)"), born \(f.person.dateOfBirth), \(f.person.sex), \(f.person.nationality)",
                     "  Document         \(f.person.documentType) \(f.person.documentNumber)",
                     "  Examination      \(f.examinationFrom == f.examinationTo ? f.examinationFrom : "\(f.examinationFrom) to \(f.examinationTo)")"]
        for t in f.tests { lines.append("  Test             \(t.test): \(t.done ? "done" : "not done")\(t.date.map { " \($0)" } ?? "")") }
        lines += ["  Outcome          \(f.outcome)",
                  "  Validity         from \(f.validFrom.event) \(f.validFrom.date); issued \(f.issueDate), valid until \(f.expiryDate)"]
        for c in f.conditions { lines.append("  Condition        \(c)") }
        lines.append("  Medical officer  \(f.officer.name), registration \(f.officer.registrationNumber)")
        if let p = f.photo {
            lines.append("  Photo            \(p.width)x\(p.height) pixels, SHA-256 \(p.sha256.prefix(16))…")
        } else {
            lines.append("  Photo            none: \(f.noPhotoReason ?? "(no reason)")")
        }
        return lines
    }
}
