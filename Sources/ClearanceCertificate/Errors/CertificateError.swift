import Foundation

/// An error raised while creating keys, signing, rendering or verifying a certificate.
///
/// Extensible: a public struct wrapping a private enum, so adding a case breaks no caller.
/// Every message says what was wrong, where (file, field) and what to do.
///
/// ```swift
/// do { _ = try SigningKey.load(from: url) }
/// catch let error as CertificateError { print(error.description) }
/// ```
public struct CertificateError: Error, CustomStringConvertible, Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case keyFileExists(path: String)
        case keyFilePermissions(path: String, mode: String)
        case keyFileUnreadable(path: String, reason: String)
        case keyFileMalformed(path: String, reason: String)
        case keyFileWrite(path: String, reason: String)
        case publicKeyMalformed(reason: String)
        case invalidField(field: String, reason: String)
        case forbiddenContent(field: String, token: String)
        case payloadMismatch(reason: String)
        case qrEncoding(reason: String)
        case pdf(step: String, code: UInt, detail: UInt)
        case photo(reason: String)
        case font(path: String)
        case revocationList(reason: String)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .keyFileExists(let path):
            return "Key file \(path) already exists; refusing to overwrite a signing key. Move it away or choose another path."
        case .keyFilePermissions(let path, let mode):
            return "Key file \(path) is readable by group or others (mode \(mode)); run `chmod 600 \(path)` and try again."
        case .keyFileUnreadable(let path, let reason):
            return "Cannot read key file \(path): \(reason). Check the path and that you own the file."
        case .keyFileMalformed(let path, let reason):
            return "Key file \(path) is not a Clearance private key: \(reason). Generate one with `clearance key generate`."
        case .keyFileWrite(let path, let reason):
            return "Cannot write key file \(path): \(reason). Check that the folder exists and is writable."
        case .publicKeyMalformed(let reason):
            return "Public key text is not a Clearance public key: \(reason). Export it again from the clinic's signing key."
        case .invalidField(let field, let reason):
            return "Certificate field '\(field)' is invalid: \(reason)."
        case .forbiddenContent(let field, let token):
            return "Certificate field '\(field)' contains '\(token)', which looks like a screening result code; a certificate shows only the fitness outcome, never diagnoses or HIV status. Remove it."
        case .payloadMismatch(let reason):
            return "The signed payload does not match the certificate: \(reason). Sign the certificate again before rendering."
        case .qrEncoding(let reason):
            return "Cannot encode the QR code: \(reason)."
        case .pdf(let step, let code, let detail):
            return "PDF generation failed at \(step) (libharu error 0x\(String(code, radix: 16, uppercase: true)), detail \(detail))."
        case .photo(let reason):
            return "Certificate photo is unusable: \(reason). Retake or re-import the photo."
        case .font(let path):
            return "Cannot load font \(path); install fonts-dejavu-core (scripts/setup)."
        case .revocationList(let reason):
            return "The revocation list is not usable: \(reason)."
        }
    }

    public static func == (a: CertificateError, b: CertificateError) -> Bool { a.kind == b.kind }
}
