import ClearanceCore
import Foundation

/// The minimum data a verifier needs, signed into the certificate's QR code.
///
/// This type has exactly these fields and no others: certificate id, name, date of birth,
/// document number, outcome, issue and expiry dates, key id, and (from version 2) the SHA-256 of
/// the certificate's full printed facts (`CertificateFacts`, which include the photo's digest).
/// There is no place for a diagnosis, a result code or HIV status, so none can be signed.
///
/// Its canonical encoding is compact JSON with short, sorted keys (`dob`, `doc`, `exp`, `fct`,
/// `id`, `iss`, `kid`, `name`, `out`, `v`): the same payload always gives the same bytes.
///
/// Versions: `v` = 1 (certificates issued before printed facts were signed: no `fct`) still
/// verify, with only these fields covered; `v` = 2 carries `fct`, the base64url SHA-256 of the
/// canonical facts, and the PDF then also carries the facts and a signature over the whole file.
///
/// ```swift
/// let payload = try CertificatePayload(certificateID: id, name: "OKAFOR, Ada",
///     dateOfBirth: LocalDate("1990-02-28")!, documentNumber: "A1234567", outcome: .fit,
///     issueDate: LocalDate("2026-06-01")!, expiryDate: LocalDate("2026-12-01")!, keyID: key.keyID)
/// ```
public struct CertificatePayload: Hashable, Sendable {
    public let certificateID: CertificateID
    /// The holder's name as printed ("SURNAME, Given Names").
    public let name: String
    public let dateOfBirth: LocalDate
    /// Travel document number.
    public let documentNumber: String
    public let outcome: CertificateOutcome
    public let issueDate: LocalDate
    public let expiryDate: LocalDate
    /// The id of the key that signs (or signed) this payload.
    public let keyID: KeyID
    /// SHA-256 of the canonical `CertificateFacts` (version 2); nil in a version-1 payload.
    public let factsDigest: Data?

    /// The payload version: 2 when it covers the printed facts, 1 for older certificates.
    public var version: Int { factsDigest == nil ? 1 : 2 }

    /// Creates a payload after checking each field.
    /// - Throws: `CertificateError` naming the field: empty or over-long name or document number,
    ///   control characters, or an expiry date before the issue date.
    public init(certificateID: CertificateID, name: String, dateOfBirth: LocalDate, documentNumber: String,
                outcome: CertificateOutcome, issueDate: LocalDate, expiryDate: LocalDate, keyID: KeyID,
                factsDigest: Data? = nil) throws {
        if let factsDigest, factsDigest.count != 32 {
            throw CertificateError(.invalidField(field: "facts digest", reason: "\(factsDigest.count) bytes, a SHA-256 has 32"))
        }
        try Self.checkText(name, field: "name", maximum: 250)
        try Self.checkText(documentNumber, field: "document number", maximum: 40)
        guard expiryDate >= issueDate else {
            throw CertificateError(.invalidField(field: "expiry date",
                reason: "\(expiryDate) is before the issue date \(issueDate)"))
        }
        self.certificateID = certificateID
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.documentNumber = documentNumber
        self.outcome = outcome
        self.issueDate = issueDate
        self.expiryDate = expiryDate
        self.keyID = keyID
        self.factsDigest = factsDigest
    }

    static func checkText(_ text: String, field: String, maximum: Int) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw CertificateError(.invalidField(field: field, reason: "it is empty; fill it in"))
        }
        guard text.count <= maximum else {
            throw CertificateError(.invalidField(field: field, reason: "it has \(text.count) characters, at most \(maximum) allowed"))
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CertificateError(.invalidField(field: field, reason: "it contains control characters (tab, newline, ...); remove them"))
        }
    }

    // MARK: - Canonical encoding

    /// The wire form: short keys, version `v` = 1 or 2 (`fct` only in version 2; an absent
    /// optional is left out, so version-1 bytes are exactly as before).
    struct Wire: Codable {
        var v: Int
        var id: String
        var name: String
        var dob: String
        var doc: String
        var out: String
        var iss: String
        var exp: String
        var kid: String
        var fct: String?
    }

    /// The canonical bytes: JSON with sorted keys, no insignificant whitespace, slashes unescaped.
    public func canonicalBytes() throws -> Data {
        let wire = Wire(v: version, id: certificateID.description, name: name, dob: dateOfBirth.description,
                        doc: documentNumber, out: outcome.code, iss: issueDate.description,
                        exp: expiryDate.description, kid: keyID.hex, fct: factsDigest.map(Base64URL.encode))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(wire)
    }

    /// Reads canonical bytes back; nil when they are not a version-1 or version-2 payload with
    /// valid fields (version 1 without `fct`, version 2 with a 32-byte `fct`).
    init?(canonicalBytes: Data) {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: canonicalBytes),
              (wire.v == 1 && wire.fct == nil) || (wire.v == 2 && wire.fct != nil) else { return nil }
        let digest = wire.fct.flatMap { Base64URL.decode(Substring($0)) }
        guard wire.fct == nil || digest?.count == 32,
              let id = CertificateID(wire.id), let dob = LocalDate(wire.dob),
              let issue = LocalDate(wire.iss), let expiry = LocalDate(wire.exp),
              let kid = KeyID(hex: wire.kid), let outcome = try? CertificateOutcome(code: wire.out),
              let payload = try? CertificatePayload(certificateID: id, name: wire.name, dateOfBirth: dob,
                  documentNumber: wire.doc, outcome: outcome, issueDate: issue, expiryDate: expiry, keyID: kid,
                  factsDigest: digest)
        else { return nil }
        self = payload
    }

    /// Only the key id, when the bytes are JSON with a well-formed `kid` (used to tell a wrong key
    /// from tampering when the signature fails).
    static func keyID(inCanonicalBytes data: Data) -> KeyID? {
        struct KidOnly: Decodable { var kid: String }
        guard let kid = try? JSONDecoder().decode(KidOnly.self, from: data) else { return nil }
        return KeyID(hex: kid.kid)
    }
}
