import Foundation

/// The fitness outcome a certificate states: FIT, FIT WITH CONDITIONS, UNFIT, or a programme's
/// own outcome code.
///
/// PENDING is deliberately absent: no certificate is issued while results are pending.
/// A programme code may not look like a screening result code (`TB-…`, `HIV…`, `CXR-…`,
/// `AUD-…`): certificates never carry diagnoses or HIV status.
///
/// ```swift
/// let outcome = try CertificateOutcome(code: "FIT WITH CONDITIONS")   // .fitWithConditions
/// let escort = try CertificateOutcome(code: "FIT WITH ESCORT")        // .programme("FIT WITH ESCORT")
/// ```
public enum CertificateOutcome: Hashable, Sendable, CustomStringConvertible {
    case fit
    case fitWithConditions
    case unfit
    /// A programme's own outcome code (upper-case letters, digits, space, `-`, `/`, `.`).
    case programme(String)

    /// Reads an outcome code; the three standard codes map to their cases.
    /// - Throws: `CertificateError` when the code is empty, too long, uses other characters,
    ///   or looks like a screening result code.
    public init(code: String) throws {
        switch code {
        case "FIT": self = .fit
        case "FIT WITH CONDITIONS": self = .fitWithConditions
        case "UNFIT": self = .unfit
        case "PENDING":
            throw CertificateError(.invalidField(field: "outcome",
                reason: "PENDING is not an outcome; no certificate is issued while results are pending"))
        default:
            let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -/.")
            guard (1...40).contains(code.count), code.allSatisfy({ allowed.contains($0) }),
                  code.first != " ", code.last != " " else {
                throw CertificateError(.invalidField(field: "outcome",
                    reason: "'\(code)' must be 1 to 40 upper-case letters, digits, spaces, '-', '/' or '.'"))
            }
            try ForbiddenContent.check(code, field: "outcome")
            self = .programme(code)
        }
    }

    /// The code as printed and signed.
    public var code: String {
        switch self {
        case .fit: return "FIT"
        case .fitWithConditions: return "FIT WITH CONDITIONS"
        case .unfit: return "UNFIT"
        case .programme(let code): return code
        }
    }

    public var description: String { code }
}
