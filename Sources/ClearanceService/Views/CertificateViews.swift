import ClearanceCertificate
import Foundation

/// A stored certificate as front ends show it (the PDF bytes are fetched by export only).
public struct CertificateView: Sendable, Hashable, JSONView {
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

    enum CodingKeys: String, CodingKey {
        case id, caseID = "case", decisionID = "decision", outcome, issueDate = "issue_date", expiryDate = "expiry_date"
        case keyID = "key_id", signedPayload = "signed_payload", issuedAt = "issued_at", issuedBy = "issued_by", status
        case supersededBy = "superseded_by", statusReason = "status_reason", superseded
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(caseID, forKey: .caseID); try c.encode(decisionID, forKey: .decisionID)
        try c.encode(outcome, forKey: .outcome); try c.encode(issueDate, forKey: .issueDate); try c.encode(expiryDate, forKey: .expiryDate)
        try c.encode(keyID, forKey: .keyID); try c.encode(signedPayload, forKey: .signedPayload)
        try c.encode(issuedAt, forKey: .issuedAt); try c.encode(issuedBy, forKey: .issuedBy); try c.encode(status, forKey: .status)
        try c.encode(supersededBy, forKey: .supersededBy); try c.encode(statusReason, forKey: .statusReason)
        if !superseded.isEmpty { try c.encode(superseded, forKey: .superseded) }
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
public struct CertificateCheck: Sendable, Hashable, JSONView {
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

    enum CodingKeys: String, CodingKey {
        case valid, status, summary, details = "certificate", checkedDatabase = "checked_database"
        case checkedRevocations = "checked_revocations", facts = "signed_facts", differences, problems, notes
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
