import ClearanceCore
import Foundation

/// Verifies a certificate offline from its PDF file or its QR text, with the clinic's public key.
///
/// ```swift
/// let result = CertificateVerifier.verify(pdfOrPayload: pdfBytes, publicKeyText: clinicPub,
///                                         today: LocalDate(Date()))
/// print(result.summary)
/// ```
public enum CertificateVerifier {
    /// Verifies a PDF written by `CertificateRenderer`, or a file holding the QR text.
    ///
    /// - Parameters:
    ///   - pdfOrPayload: PDF bytes (payload read from the Info `Keywords`), or the payload text as bytes.
    ///   - publicKeyText: The clinic's exported public key (`-----BEGIN CLEARANCE PUBLIC KEY-----`).
    ///   - today: The verifier's date, for expiry.
    ///   - status: Optional database look-up for superseded and revoked certificates.
    /// - Returns: The result; `.tampered` when no payload is found.
    /// - Throws: `CertificateError` only when the public key text is unusable.
    public static func verify(pdfOrPayload data: Data, publicKeyText: String, today: LocalDate,
                              status: ((CertificateID) -> CertificateStatus)? = nil) throws -> VerificationResult {
        let key = try CertificatePublicKey(text: publicKeyText)
        if PDFPayloadExtractor.isPDF(data) {
            guard let text = PDFPayloadExtractor.payload(in: data) else {
                return .tampered(reason: "the PDF holds no Clearance payload (Keywords entry missing)")
            }
            return SignedPayload.verify(text, publicKey: key, today: today, status: status)
        }
        guard data.count <= SignedPayload.maximumLength, let text = String(data: data, encoding: .utf8) else {
            return .tampered(reason: "the input is neither a PDF nor payload text")
        }
        return SignedPayload.verify(text, publicKey: key, today: today, status: status)
    }

    /// Verifies payload text (as scanned from the QR code).
    /// - Throws: `CertificateError` only when the public key text is unusable.
    public static func verify(pdfOrPayload text: String, publicKeyText: String, today: LocalDate,
                              status: ((CertificateID) -> CertificateStatus)? = nil) throws -> VerificationResult {
        let key = try CertificatePublicKey(text: publicKeyText)
        return SignedPayload.verify(text, publicKey: key, today: today, status: status)
    }
}
