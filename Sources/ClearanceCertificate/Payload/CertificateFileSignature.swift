import Crypto
import Foundation

/// A signature over a certificate PDF as a whole, written as its last line.
///
/// The PDF as libharu wrote it is signed, and one PDF comment line is appended after its
/// `%%EOF`: `%CLRSIG1 <key id> <base64url signature>`. Viewers ignore it; a verifier takes the
/// bytes before that line, so any changed, added or removed byte (a page content stream, the
/// photo, the Info dictionary) makes the signature fail. The message signed is
/// `CLRPDF1:` followed by the base64url SHA-256 of those bytes, which no payload text can be.
///
/// ```swift
/// let file = try CertificateFileSignature.append(to: pdf, signedWith: key)
/// CertificateFileSignature.check(file, publicKey: key.publicKey)   // .valid
/// ```
public enum CertificateFileSignature {
    static let marker = "%CLRSIG1 "

    /// What the file's last line says about the bytes before it.
    public enum Status: Hashable, Sendable {
        /// Signed by the key given, and no byte changed.
        case valid
        /// No signature line (a certificate from before file signatures, or it was removed).
        case missing
        /// The line names another key.
        case otherKey(KeyID)
        /// The bytes before the line are not the bytes that were signed.
        case changed
    }

    /// `pdf` with its signature line appended.
    /// - Throws: `CertificateError` when signing fails.
    public static func append(to pdf: Data, signedWith key: SigningKey) throws -> Data {
        var signed = pdf
        if signed.last != UInt8(ascii: "\n") { signed.append(UInt8(ascii: "\n")) }
        let signature = try key.signature(for: message(for: signed))
        signed.append(Data("\(marker)\(key.keyID.hex) \(Base64URL.encode(signature))\n".utf8))
        return signed
    }

    /// The file without its signature line, the key id and the signature; nil when the last
    /// line is not a well-formed signature line.
    static func split(_ file: Data) -> (signed: Data, keyID: KeyID, signature: Data)? {
        let bytes = [UInt8](file.suffix(200))
        guard bytes.last == UInt8(ascii: "\n") else { return nil }
        var start = bytes.count - 1
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        guard start > 0 else { return nil }
        let line = String(decoding: bytes[start..<(bytes.count - 1)], as: UTF8.self)
        guard line.hasPrefix(marker) else { return nil }
        let parts = line.dropFirst(marker.count).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let keyID = KeyID(hex: String(parts[0])),
              let signature = Base64URL.decode(parts[1]), signature.count == 64 else { return nil }
        let signedCount = file.count - (bytes.count - start)
        return (file.prefix(signedCount), keyID, signature)
    }

    /// Checks `file`'s signature line against `publicKey`.
    public static func check(_ file: Data, publicKey: CertificatePublicKey) -> Status {
        guard let (signed, keyID, signature) = split(file) else { return .missing }
        guard keyID == publicKey.keyID else { return .otherKey(keyID) }
        return publicKey.isValidSignature(signature, for: message(for: signed)) ? .valid : .changed
    }

    /// The bytes signed for a file whose content is `signed`.
    static func message(for signed: Data) -> Data {
        Data(("CLRPDF1:" + Base64URL.encode(Data(SHA256.hash(data: signed)))).utf8)
    }
}
