import ClearanceCore
import Crypto
import Foundation

/// Every fact a certificate prints, and the digest of its photo, in one signed record.
///
/// A version-2 payload signs `digest` (the SHA-256 of `canonicalBytes()`), so the signature
/// covers the clinic, the holder, the tests, the validity anchor, the outcome, the conditions,
/// the officer and the photo's pixels, not only the few fields in the QR code. The PDF carries
/// these bytes too (Info `Keywords`, after the payload) so `CertificateVerifier` can print the
/// signed facts and compare them with the page's text.
///
/// Canonical form: JSON with sorted keys, no insignificant whitespace, slashes unescaped; an
/// absent optional is left out. `v` is the facts version (1).
///
/// ```swift
/// let facts = CertificateFacts(document: doc, photo: photo, keyID: key.keyID)
/// let digest = try facts.digest()   // 32 bytes, signed in the payload's `fct`
/// ```
public struct CertificateFacts: Codable, Hashable, Sendable {
    public struct Clinic: Codable, Hashable, Sendable {
        public var name: String
        public var address: String
        public var site: String
    }

    public struct Person: Codable, Hashable, Sendable {
        public var surname: String
        public var givenNames: String
        public var dateOfBirth: String
        public var sex: String
        public var nationality: String
        public var documentType: String
        public var documentNumber: String

        enum CodingKeys: String, CodingKey {
            case surname, sex, nationality
            case givenNames = "given_names", dateOfBirth = "date_of_birth"
            case documentType = "document_type", documentNumber = "document_number"
        }
    }

    public struct Test: Codable, Hashable, Sendable {
        public var test: String
        public var done: Bool
        public var date: String?
    }

    public struct Anchor: Codable, Hashable, Sendable {
        /// What validity counts from, as printed ("Date of issue", "Chest X-ray").
        public var event: String
        public var date: String
    }

    public struct Officer: Codable, Hashable, Sendable {
        public var name: String
        public var registrationNumber: String

        enum CodingKeys: String, CodingKey {
            case name
            case registrationNumber = "registration_number"
        }
    }

    public struct Photo: Codable, Hashable, Sendable {
        /// Lower-case hex SHA-256 of the RGB pixels (row-major, 3 bytes a pixel, no padding).
        public var sha256: String
        public var width: Int
        public var height: Int
    }

    /// Facts version.
    public var v: Int
    public var id: String
    public var clinic: Clinic
    public var programme: String
    public var destination: String
    public var person: Person
    public var examinationFrom: String
    public var examinationTo: String
    public var validFrom: Anchor
    public var tests: [Test]
    public var outcome: String
    public var conditions: [String]
    public var issueDate: String
    public var expiryDate: String
    public var officer: Officer
    public var keyID: String
    /// The photo printed, or nil when the certificate has none.
    public var photo: Photo?
    /// Why there is no photo, as stated by the officer and printed in the photo box.
    public var noPhotoReason: String?

    enum CodingKeys: String, CodingKey {
        case v, id, clinic, programme, destination, person, tests, outcome, conditions, officer, photo
        case examinationFrom = "examination_from", examinationTo = "examination_to", validFrom = "valid_from"
        case issueDate = "issue_date", expiryDate = "expiry_date", keyID = "key_id", noPhotoReason = "no_photo_reason"
    }

    /// The facts of `document` printed with `photo`, signed by `keyID`.
    public init(document d: CertificateDocument, photo: CertificatePhoto?, keyID signer: KeyID) {
        let p = d.person
        v = 1
        id = d.certificateID.description
        clinic = Clinic(name: d.clinicName, address: d.clinicAddress, site: d.siteCode)
        programme = d.programme
        destination = d.destination
        person = Person(surname: p.surname, givenNames: p.givenNames, dateOfBirth: p.dateOfBirth.description, sex: p.sex,
                        nationality: p.nationality, documentType: p.documentType, documentNumber: p.documentNumber)
        examinationFrom = d.examinationStart.description
        examinationTo = d.examinationEnd.description
        validFrom = Anchor(event: d.validityAnchor.event, date: d.validityAnchor.date.description)
        tests = d.tests.map { Test(test: $0.test, done: $0.done, date: $0.date?.description) }
        outcome = d.outcome.code
        conditions = d.conditions
        issueDate = d.issueDate.description
        expiryDate = d.expiryDate.description
        officer = Officer(name: d.officer.name, registrationNumber: d.officer.registrationNumber)
        keyID = signer.hex
        self.photo = photo.map { Photo(sha256: Self.pixelDigest($0.rgb), width: $0.width, height: $0.height) }
        noPhotoReason = photo == nil ? d.noPhotoReason : nil
    }

    /// The canonical bytes (sorted keys, compact).
    public func canonicalBytes() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// SHA-256 of the canonical bytes: what a version-2 payload signs as `fct`.
    public func digest() throws -> Data { Data(SHA256.hash(data: try canonicalBytes())) }

    /// Reads canonical bytes back; nil when they are not facts version 1.
    public init?(canonicalBytes: Data) {
        guard let facts = try? JSONDecoder().decode(CertificateFacts.self, from: canonicalBytes), facts.v == 1 else { return nil }
        self = facts
    }

    /// Lower-case hex SHA-256 of photo pixels.
    public static func pixelDigest(_ rgb: [UInt8]) -> String {
        SHA256.hash(data: rgb).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - As printed

    /// One fact as the page prints it: `label` (may be empty) followed by `value` on the page.
    public struct PrintedFact: Hashable, Sendable {
        /// Short field name for messages ("surname", "valid until").
        public var field: String
        /// The label printed before the value on the same line, or "" when the value stands alone.
        public var label: String
        /// The value as signed (the page may shorten it with "…" to fit).
        public var value: String
        /// What the page prints after the value on the same line, never shortened ("" for nothing).
        public var after: String = ""
    }

    /// Every fact that the page prints as text, with its label, in page order.
    ///
    /// `CertificateLayout` draws these labels and values; `PrintedTextCheck` finds each one in
    /// the page's extracted text.
    /// A name as the page prints it: in another script it is followed by its ICAO 9303 Latin
    /// spelling on the same row (`Иванова (IVANOVA)`).
    public static func withLatin(_ name: String) -> String {
        LatinTransliteration.latinIfNeeded(name).map { "\(name) (\($0))" } ?? name
    }

    public var printed: [PrintedFact] {
        let l = CertificateLabels.english
        let dates = examinationFrom == examinationTo ? examinationFrom : "\(examinationFrom) to \(examinationTo)"
        var facts: [PrintedFact] = [
            PrintedFact(field: "clinic name", label: "", value: clinic.name),
            PrintedFact(field: "site code", label: l("site_code"), value: clinic.site),
            PrintedFact(field: "certificate id", label: "", value: id),
            PrintedFact(field: "programme", label: l("programme"), value: programme),
            PrintedFact(field: "destination", label: l("destination"), value: destination),
            PrintedFact(field: "surname", label: l("surname"), value: Self.withLatin(person.surname)),
            PrintedFact(field: "given names", label: l("given_names"), value: person.givenNames.isEmpty ? "—" : Self.withLatin(person.givenNames)),
            PrintedFact(field: "date of birth", label: l("date_of_birth"), value: person.dateOfBirth),
            PrintedFact(field: "sex", label: l("sex"), value: person.sex),
            PrintedFact(field: "nationality", label: l("nationality"), value: person.nationality),
            PrintedFact(field: "document type", label: l("travel_document"), value: person.documentType),
            PrintedFact(field: "document number", label: l("document_number"), value: person.documentNumber),
            PrintedFact(field: "examination dates", label: l("examination_dates"), value: dates),
            PrintedFact(field: "validity anchor", label: l("validity_from"), value: "\(validFrom.event) \(validFrom.date)"),
        ]
        if !clinic.address.isEmpty { facts.insert(PrintedFact(field: "clinic address", label: "", value: clinic.address), at: 1) }
        for (index, test) in tests.enumerated() {
            facts.append(PrintedFact(field: "test \(index + 1)", label: "", value: test.test,
                                     after: "\(test.done ? "Done" : "Not done") \(test.date ?? "—")"))
        }
        facts.append(PrintedFact(field: "outcome", label: "", value: outcome))
        facts.append(PrintedFact(field: "date of issue", label: l("date_of_issue"), value: issueDate))
        facts.append(PrintedFact(field: "valid until", label: l("valid_until"), value: expiryDate))
        for (index, condition) in conditions.enumerated() {
            facts.append(PrintedFact(field: "condition \(index + 1)", label: "", value: condition))
        }
        facts.append(PrintedFact(field: "medical officer", label: "", value: officer.name))
        facts.append(PrintedFact(field: "registration number", label: l("registration"), value: officer.registrationNumber))
        if let noPhotoReason { facts.append(PrintedFact(field: "no photo reason", label: l("no_photo_because"), value: noPhotoReason)) }
        return facts
    }
}
