import ClearanceCore
import Crypto
import Foundation

/// Verifies a certificate offline from its PDF file or its QR text, with the clinic's public key.
///
/// For a PDF (payload version 2) it checks, in order: the payload's signature; that the facts
/// stored in the file are the ones whose digest the payload signs; the signature over the whole
/// file (any changed byte fails); then it reads the page back (`PDFPageReader`, poppler by
/// default) and compares every printed fact and the photo's pixels with the signed facts.
/// Version-1 certificates (issued before printed facts were signed) still verify on their
/// payload alone, with a note saying the page is not covered.
///
/// ```swift
/// let check = try CertificateVerifier.verify(pdfOrPayload: pdfBytes, publicKeyText: clinicPub,
///                                            today: LocalDate(Date()))
/// print(check.result.summary)
/// check.differences.forEach { print($0) }
/// ```
public enum CertificateVerifier {
    /// Verifies a PDF written by `CertificateRenderer`, or a file holding the QR text.
    ///
    /// - Parameters:
    ///   - pdfOrPayload: PDF bytes (payload and facts read from the Info `Keywords`), or the
    ///     payload text as bytes.
    ///   - publicKeyText: The clinic's exported public key (`-----BEGIN CLEARANCE PUBLIC KEY-----`).
    ///   - today: The verifier's date, for expiry.
    ///   - status: Optional look-up (database, revocation list) for superseded and revoked certificates.
    ///   - reader: How the page is read back (poppler by default).
    /// - Returns: The verification; `.tampered` when no payload is found.
    /// - Throws: `CertificateError` only when the public key text is unusable.
    public static func verify(pdfOrPayload data: Data, publicKeyText: String, today: LocalDate,
                              status: ((CertificateID) -> CertificateStatus)? = nil,
                              reader: PDFPageReader = .poppler) throws -> CertificateVerification {
        let key = try CertificatePublicKey(text: publicKeyText)
        guard PDFPayloadExtractor.isPDF(data) else {
            guard data.count <= SignedPayload.maximumLength, let text = String(data: data, encoding: .utf8) else {
                return CertificateVerification(result: .tampered(reason: "the input is neither a PDF nor payload text"))
            }
            return verify(payloadText: text, key: key, today: today, status: status)
        }
        guard let text = PDFPayloadExtractor.payload(in: data) else {
            return CertificateVerification(result: .tampered(reason: "the PDF holds no Clearance payload (Keywords entry missing)"))
        }
        let base = SignedPayload.verify(text, publicKey: key, today: today, status: status)
        guard let payload = base.payload else { return CertificateVerification(result: base) }
        guard let signedDigest = payload.factsDigest else {
            return CertificateVerification(result: base, notes: [
                "version-1 certificate: only the QR payload (name, date of birth, document, outcome, dates) is signed; the rest of the page and the photo are not covered"])
        }

        var problems: [String] = []
        var facts: CertificateFacts?
        if let bytes = PDFPayloadExtractor.facts(in: data) {
            if Data(SHA256.hash(data: bytes)) != signedDigest {
                problems.append("the certificate facts stored in the file are not the ones signed")
            } else if let decoded = CertificateFacts(canonicalBytes: bytes), decoded.id == payload.certificateID.description {
                facts = decoded
            } else {
                problems.append("the signed certificate facts cannot be read")
            }
        } else {
            problems.append("the signed certificate facts are missing from the file")
        }
        switch CertificateFileSignature.check(data, publicKey: key) {
        case .valid: break
        case .missing: problems.append("the file's signature line is missing (the file was re-saved or cut)")
        case .otherKey(let other): problems.append("the file's signature names key \(other.hex), not \(key.keyID.hex)")
        case .changed: problems.append("the file was changed after it was signed (its signature does not match its bytes)")
        }

        var differences: [PrintedDifference] = []
        var notes: [String] = []
        if let facts {
            do {
                differences = PrintedTextCheck.differences(facts, pageText: try reader.text(data))
            } catch {
                notes.append("page text not compared: \(error)")
            }
            do {
                if let difference = photoDifference(facts, images: try reader.images(data)) { differences.append(difference) }
            } catch {
                notes.append("photo not compared: \(error)")
            }
        }
        problems += differences.map(\.description)
        guard problems.isEmpty else {
            return CertificateVerification(result: .tampered(reason: problems.joined(separator: "; ")), facts: facts,
                                           differences: differences, problems: problems, notes: notes)
        }
        return CertificateVerification(result: base, facts: facts, notes: notes)
    }

    /// Verifies payload text (as scanned from the QR code).
    /// - Throws: `CertificateError` only when the public key text is unusable.
    public static func verify(pdfOrPayload text: String, publicKeyText: String, today: LocalDate,
                              status: ((CertificateID) -> CertificateStatus)? = nil) throws -> CertificateVerification {
        verify(payloadText: text, key: try CertificatePublicKey(text: publicKeyText), today: today, status: status)
    }

    static func verify(payloadText text: String, key: CertificatePublicKey, today: LocalDate,
                       status: ((CertificateID) -> CertificateStatus)?) -> CertificateVerification {
        let result = SignedPayload.verify(text, publicKey: key, today: today, status: status)
        let note = result.payload?.version == 2
            ? ["QR text only: the printed page and photo were not compared; verify the PDF to check them"] : []
        return CertificateVerification(result: result, notes: note)
    }

    /// The photo finding: the page's one image must have the signed pixels; none when unsigned.
    static func photoDifference(_ facts: CertificateFacts, images: [CertificatePhoto]) -> PrintedDifference? {
        let digests = images.map { CertificateFacts.pixelDigest($0.rgb) }
        guard let photo = facts.photo else {
            return images.isEmpty ? nil
                : PrintedDifference(field: "photo", signed: "no photo", printed: "\(images.count) image(s)")
        }
        if digests == [photo.sha256] { return nil }
        let shown = images.isEmpty ? "no photo"
            : images.map { "\($0.width)x\($0.height) image \(CertificateFacts.pixelDigest($0.rgb).prefix(12))…" }.joined(separator: ", ")
        return PrintedDifference(field: "photo", signed: "\(photo.width)x\(photo.height) image \(photo.sha256.prefix(12))…",
                                 printed: shown)
    }
}
