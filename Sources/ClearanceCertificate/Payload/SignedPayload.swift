import ClearanceCore
import Foundation

/// A certificate payload with its Ed25519 signature, as the text printed in the QR code:
/// `CLR1:<base64url canonical JSON>.<base64url signature>`.
///
/// The signature covers the ASCII text before the dot (`CLR1:` and the encoded payload), so the
/// version prefix is bound too and any change to the printed characters breaks it.
///
/// ```swift
/// let signed = try SignedPayload.sign(payload, with: key)
/// let result = SignedPayload.verify(signed.text, publicKey: key.publicKey, today: today)
/// ```
public struct SignedPayload: Hashable, Sendable {
    static let prefix = "CLR1:"
    /// Longest text accepted by `verify` (a real one is under 600 characters).
    static let maximumLength = 4096

    /// The signed data.
    public let payload: CertificatePayload
    /// The full text (QR content, PDF Keywords).
    public let text: String

    /// Signs `payload` with `key`.
    /// - Throws: `CertificateError` when the payload names another key id than `key`'s.
    public static func sign(_ payload: CertificatePayload, with key: SigningKey) throws -> SignedPayload {
        guard payload.keyID == key.keyID else {
            throw CertificateError(.payloadMismatch(
                reason: "payload names key \(payload.keyID.hex) but the signing key is \(key.keyID.hex)"))
        }
        let signedPart = prefix + Base64URL.encode(try payload.canonicalBytes())
        let signature = try key.signature(for: Data(signedPart.utf8))
        return SignedPayload(payload: payload, text: signedPart + "." + Base64URL.encode(signature))
    }

    /// Verifies payload text with the clinic's public key.
    ///
    /// - Parameters:
    ///   - text: The QR text (surrounding whitespace ignored).
    ///   - publicKey: The issuing clinic's public key.
    ///   - today: The verifier's calendar date; after the expiry date gives `.expired`, before
    ///     the issue date `.notYetValid`.
    ///   - status: Optional database look-up for superseded and revoked certificates; consulted
    ///     only once the signature is good.
    /// - Returns: The verification result; never throws, whatever the input.
    public static func verify(_ text: String, publicKey: CertificatePublicKey, today: LocalDate,
                              status: ((CertificateID) -> CertificateStatus)? = nil) -> VerificationResult {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= maximumLength else {
            return .tampered(reason: "the payload is \(trimmed.utf8.count) characters long, far more than a certificate's")
        }
        guard trimmed.hasPrefix(prefix) else {
            return .tampered(reason: "the payload does not start with \(prefix)")
        }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .tampered(reason: "the payload must have exactly one '.' before the signature")
        }
        let encoded = parts[0].dropFirst(prefix.count)
        guard let bytes = Base64URL.decode(encoded) else {
            return .tampered(reason: "the payload part is not base64url")
        }
        guard let signature = Base64URL.decode(parts[1]), signature.count == 64 else {
            return .tampered(reason: "the signature part is not a 64-byte base64url signature")
        }
        guard publicKey.isValidSignature(signature, for: Data(parts[0].utf8)) else {
            if let named = CertificatePayload.keyID(inCanonicalBytes: bytes), named != publicKey.keyID {
                return .wrongKey(expected: publicKey.keyID, found: named)
            }
            return .tampered(reason: "the signature does not match the content")
        }
        guard let payload = CertificatePayload(canonicalBytes: bytes) else {
            return .tampered(reason: "the signed content is not a version-1 or version-2 certificate payload")
        }
        guard payload.keyID == publicKey.keyID else {
            return .tampered(reason: "the payload names key \(payload.keyID.hex) but verifies under \(publicKey.keyID.hex)")
        }
        switch status?(payload.certificateID) ?? .current {
        case .revoked: return .revoked(payload)
        case .superseded(let newer): return .superseded(payload, by: newer)
        case .current: break
        }
        if today < payload.issueDate { return .notYetValid(payload, today: today) }
        if today > payload.expiryDate { return .expired(payload) }
        return .valid(payload)
    }
}
