import ClearanceCore
import Foundation

/// The holder as printed on a certificate.
public struct CertificatePerson: Hashable, Sendable {
    public var surname: String
    public var givenNames: String
    public var dateOfBirth: LocalDate
    /// As recorded ("Female", "Male", "X").
    public var sex: String
    /// ISO 3166-1 alpha-3 code or country name.
    public var nationality: String
    /// "Passport", "Refugee travel document", "National ID", ...
    public var documentType: String
    public var documentNumber: String

    public init(surname: String, givenNames: String, dateOfBirth: LocalDate, sex: String,
                nationality: String, documentType: String, documentNumber: String) {
        self.surname = surname; self.givenNames = givenNames; self.dateOfBirth = dateOfBirth
        self.sex = sex; self.nationality = nationality; self.documentType = documentType
        self.documentNumber = documentNumber
    }

    /// "SURNAME, Given Names" (or the surname alone), the name signed into the payload.
    public var printedName: String {
        givenNames.trimmingCharacters(in: .whitespaces).isEmpty ? surname : "\(surname), \(givenNames)"
    }
}

/// One line of the tests table: which test, whether it was done, and when.
public struct CertificateTestLine: Hashable, Sendable {
    /// A neutral test name ("Chest X-ray", "Audiometry"); never a result code.
    public var test: String
    public var date: LocalDate?
    public var done: Bool

    public init(test: String, date: LocalDate?, done: Bool) {
        self.test = test; self.date = date; self.done = done
    }
}

/// The medical officer who decided and signed.
public struct CertificateOfficer: Hashable, Sendable {
    public var name: String
    public var registrationNumber: String

    public init(name: String, registrationNumber: String) {
        self.name = name; self.registrationNumber = registrationNumber
    }
}

/// Everything printed on a fitness certificate.
///
/// There is no field for a diagnosis, a result code or HIV status; free-text fields are also
/// checked by `validate()` for result-code namespaces (`TB-`, `HIV`, `CXR-`, `AUD-`).
/// Sign before rendering: `signedPayload` must be the signature of `payload(keyID:)`.
///
/// ```swift
/// var doc = CertificateDocument(...)
/// doc.signedPayload = try SignedPayload.sign(doc.payload(keyID: key.keyID), with: key)
/// let pdf = try renderer.render(doc, photo: photo)
/// ```
public struct CertificateDocument: Hashable, Sendable {
    public var certificateID: CertificateID
    public var clinicName: String
    public var siteCode: String
    /// Programme name and code, e.g. "US panel (us-panel)".
    public var programme: String
    public var destination: String
    public var person: CertificatePerson
    public var examinationStart: LocalDate
    public var examinationEnd: LocalDate
    /// The chest X-ray date, the validity anchor; nil when no X-ray was taken.
    public var chestXRayDate: LocalDate?
    public var tests: [CertificateTestLine]
    public var outcome: CertificateOutcome
    /// Conditions or follow-up, one per entry (empty when none).
    public var conditions: [String]
    public var issueDate: LocalDate
    public var expiryDate: LocalDate
    public var officer: CertificateOfficer
    /// The signed payload printed as QR and stored in the PDF's Keywords.
    public var signedPayload: SignedPayload?

    public init(certificateID: CertificateID, clinicName: String, siteCode: String, programme: String,
                destination: String, person: CertificatePerson, examinationStart: LocalDate,
                examinationEnd: LocalDate, chestXRayDate: LocalDate?, tests: [CertificateTestLine],
                outcome: CertificateOutcome, conditions: [String], issueDate: LocalDate, expiryDate: LocalDate,
                officer: CertificateOfficer, signedPayload: SignedPayload? = nil) {
        self.certificateID = certificateID; self.clinicName = clinicName; self.siteCode = siteCode
        self.programme = programme; self.destination = destination; self.person = person
        self.examinationStart = examinationStart; self.examinationEnd = examinationEnd
        self.chestXRayDate = chestXRayDate; self.tests = tests; self.outcome = outcome
        self.conditions = conditions; self.issueDate = issueDate; self.expiryDate = expiryDate
        self.officer = officer; self.signedPayload = signedPayload
    }

    /// The minimum data to sign for this certificate.
    /// - Throws: `CertificateError` for an invalid name, document number or date order.
    public func payload(keyID: KeyID) throws -> CertificatePayload {
        try CertificatePayload(certificateID: certificateID, name: person.printedName,
                               dateOfBirth: person.dateOfBirth, documentNumber: person.documentNumber,
                               outcome: outcome, issueDate: issueDate, expiryDate: expiryDate, keyID: keyID)
    }

    /// Signs this certificate's payload with `key` and stores it in `signedPayload`.
    public mutating func sign(with key: SigningKey) throws {
        signedPayload = try SignedPayload.sign(payload(keyID: key.keyID), with: key)
    }

    /// Checks every field before rendering.
    /// - Throws: `CertificateError` naming the field: empty required text, control characters,
    ///   result codes or HIV mentions in free text, dates out of order, missing or mismatched
    ///   signature.
    public func validate() throws {
        let required: [(String, String, Int)] = [
            (clinicName, "clinic name", 120), (siteCode, "site code", 40), (programme, "programme", 80),
            (destination, "destination", 80), (person.surname, "surname", 120), (person.sex, "sex", 20),
            (person.nationality, "nationality", 60), (person.documentType, "document type", 60),
            (officer.name, "medical officer name", 120), (officer.registrationNumber, "registration number", 60),
        ]
        for (text, field, maximum) in required {
            try CertificatePayload.checkText(text, field: field, maximum: maximum)
        }
        if !person.givenNames.isEmpty {
            try CertificatePayload.checkText(person.givenNames, field: "given names", maximum: 120)
        }
        let freeText = [(clinicName, "clinic name"), (programme, "programme"), (destination, "destination")]
            + tests.map { ($0.test, "test name") } + conditions.map { ($0, "conditions") }
        for (text, field) in freeText { try ForbiddenContent.check(text, field: field) }
        for line in tests { try CertificatePayload.checkText(line.test, field: "test name", maximum: 60) }
        for condition in conditions { try CertificatePayload.checkText(condition, field: "conditions", maximum: CertificateConditions.maximumCharacters) }
        guard tests.count <= 12 else {
            throw CertificateError(.invalidField(field: "tests", reason: "\(tests.count) lines; at most 12 fit on the page"))
        }
        guard conditions.count <= CertificateConditions.maximumLines else {
            throw CertificateError(.invalidField(field: "conditions", reason: "\(conditions.count) entries; at most \(CertificateConditions.maximumLines) fit on the page"))
        }
        guard examinationStart <= examinationEnd else {
            throw CertificateError(.invalidField(field: "examination dates",
                reason: "start \(examinationStart) is after end \(examinationEnd)"))
        }
        guard let signed = signedPayload else {
            throw CertificateError(.payloadMismatch(reason: "the certificate is not signed"))
        }
        guard signed.payload == (try payload(keyID: signed.payload.keyID)) else {
            throw CertificateError(.payloadMismatch(reason: "the signed payload was made for different certificate data"))
        }
    }
}
