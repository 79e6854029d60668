import ClearanceCore
import Foundation

/// What the database knows about a certificate id: consulted by verification when given.
public enum CertificateStatus: Hashable, Sendable {
    /// The certificate is the current one for its case.
    case current
    /// A re-issue replaced it; `by` is the new certificate's id.
    case superseded(by: CertificateID)
    /// It was revoked.
    case revoked
}

/// The outcome of verifying a signed certificate payload.
///
/// Checks run in this order: well-formed text, signature (a failure is `wrongKey` when the
/// payload names another key id, else `tampered`), database status (`revoked`, `superseded`),
/// then the dates (`notYetValid` before the issue date, `expired` after the expiry date).
public enum VerificationResult: Hashable, Sendable {
    /// Signature good, current (or status unknown), not expired.
    case valid(CertificatePayload)
    /// The text is malformed or the signature does not match its content.
    case tampered(reason: String)
    /// The payload names key `found` but was checked with key `expected`.
    case wrongKey(expected: KeyID, found: KeyID)
    /// Signature good but `today` is after the expiry date.
    case expired(CertificatePayload)
    /// Signature good but `today` is before the issue date: the verifier's or the clinic's
    /// clock is wrong, and the certificate is not accepted until its issue date.
    case notYetValid(CertificatePayload, today: LocalDate)
    /// Signature good but a newer certificate replaces this one.
    case superseded(CertificatePayload, by: CertificateID)
    /// Signature good but the certificate was revoked.
    case revoked(CertificatePayload)

    /// True only for `.valid`.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    /// The verified payload, when the signature was good.
    public var payload: CertificatePayload? {
        switch self {
        case .valid(let p), .expired(let p), .revoked(let p), .superseded(let p, _), .notYetValid(let p, _): return p
        case .tampered, .wrongKey: return nil
        }
    }

    /// One line for a person at a border desk.
    public var summary: String {
        switch self {
        case .valid(let p):
            return "VALID: \(p.certificateID) for \(p.name), born \(p.dateOfBirth), document \(p.documentNumber): \(p.outcome.code), valid \(p.issueDate) to \(p.expiryDate)."
        case .tampered(let reason):
            return "NOT VALID (tampered or damaged): \(reason). Do not accept this certificate; ask the clinic."
        case .wrongKey(let expected, let found):
            return "NOT VERIFIED (wrong key): signed with key \(found.hex), checked against key \(expected.hex). Use the issuing clinic's public key."
        case .expired(let p):
            return "EXPIRED: \(p.certificateID) expired on \(p.expiryDate)."
        case .notYetValid(let p, let today):
            return "NOT YET VALID: \(p.certificateID) is issued on \(p.issueDate), after today (\(today)). Check this device's date; if it is right, ask the clinic."
        case .superseded(let p, let newer):
            return "SUPERSEDED: \(p.certificateID) was replaced by \(newer)."
        case .revoked(let p):
            return "REVOKED: \(p.certificateID) was revoked by the clinic."
        }
    }
}
