import Foundation

/// Everything a verification found: the verdict, the signed facts and what the page shows.
///
/// `result` is the verdict. For a version-2 PDF it is `.tampered` when the facts in the file do
/// not match the signed digest, when the file's signature line is missing or does not match
/// (any changed byte), or when the page's text or photo differs from the signed facts; each
/// finding is in `problems`, and differences of printed facts also in `differences`.
public struct CertificateVerification: Hashable, Sendable {
    /// The verdict.
    public var result: VerificationResult
    /// The signed facts (version-2 PDFs whose facts match their signature).
    public var facts: CertificateFacts?
    /// Printed facts the page does not show as signed (with the photo, as field "photo").
    public var differences: [PrintedDifference]
    /// Every integrity finding, for a person to read.
    public var problems: [String]
    /// Things the verifier could not check, or that limit what the verdict covers.
    public var notes: [String]

    /// The payload version (1 or 2) when the payload's signature was good.
    public var version: Int? { result.payload?.version }

    init(result: VerificationResult, facts: CertificateFacts? = nil, differences: [PrintedDifference] = [],
         problems: [String] = [], notes: [String] = []) {
        self.result = result; self.facts = facts; self.differences = differences
        self.problems = problems; self.notes = notes
    }
}
