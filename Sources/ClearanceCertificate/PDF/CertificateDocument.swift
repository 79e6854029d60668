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

/// What a certificate's validity counts from, as the programme's rule pack says: the issue date,
/// or the date of a test (a chest X-ray).
public struct CertificateValidityAnchor: Hashable, Sendable {
    /// As printed: "Date of issue", or the test's name ("Chest X-ray").
    public var event: String
    public var date: LocalDate

    public init(event: String, date: LocalDate) {
        self.event = event; self.date = date
    }
}

/// Everything printed on a fitness certificate.
///
/// There is no field for a diagnosis, a result code or HIV status; free-text fields are also
/// checked by `validate()` for result-code namespaces (`TB-`, `HIV`, `CXR-`, `AUD-`).
/// `CertificateRenderer.render(_:photo:signingKey:)` signs it (payload, printed facts and file).
///
/// ```swift
/// let doc = CertificateDocument(...)
/// let signed = try renderer.render(doc, photo: photo, signingKey: key)
/// ```
public struct CertificateDocument: Hashable, Sendable {
    public var certificateID: CertificateID
    public var clinicName: String
    /// The clinic's postal address, one line ("" prints none).
    public var clinicAddress: String
    public var siteCode: String
    /// Programme name and code, e.g. "US panel (us-panel)".
    public var programme: String
    public var destination: String
    public var person: CertificatePerson
    public var examinationStart: LocalDate
    public var examinationEnd: LocalDate
    /// What validity counts from (the programme's anchor), printed beside the examination dates.
    public var validityAnchor: CertificateValidityAnchor
    public var tests: [CertificateTestLine]
    public var outcome: CertificateOutcome
    /// Conditions or follow-up, one per entry (empty when none).
    public var conditions: [String]
    public var issueDate: LocalDate
    public var expiryDate: LocalDate
    public var officer: CertificateOfficer
    /// Why the certificate has no photo, stated by the officer; printed in the photo box and
    /// required when rendering without a photo.
    public var noPhotoReason: String?
    /// The clinic's language (`en`, `fr`, `es`): the labels print in it beside English
    /// (``CertificateLabels``). Not a signed fact: the facts and their labels are English.
    public var language: String = "en"

    public init(certificateID: CertificateID, clinicName: String, clinicAddress: String = "", siteCode: String,
                programme: String, destination: String, person: CertificatePerson, examinationStart: LocalDate,
                examinationEnd: LocalDate, validityAnchor: CertificateValidityAnchor, tests: [CertificateTestLine],
                outcome: CertificateOutcome, conditions: [String], issueDate: LocalDate, expiryDate: LocalDate,
                officer: CertificateOfficer, noPhotoReason: String? = nil) {
        self.certificateID = certificateID; self.clinicName = clinicName; self.clinicAddress = clinicAddress
        self.siteCode = siteCode; self.programme = programme; self.destination = destination; self.person = person
        self.examinationStart = examinationStart; self.examinationEnd = examinationEnd
        self.validityAnchor = validityAnchor; self.tests = tests; self.outcome = outcome
        self.conditions = conditions; self.issueDate = issueDate; self.expiryDate = expiryDate
        self.officer = officer; self.noPhotoReason = noPhotoReason
    }

    /// The payload to sign for this certificate printed with `photo`: the minimum data and the
    /// digest of every printed fact (version 2).
    /// - Throws: `CertificateError` for an invalid name, document number or date order.
    public func payload(keyID: KeyID, photo: CertificatePhoto?) throws -> CertificatePayload {
        try payload(keyID: keyID, factsDigest: try CertificateFacts(document: self, photo: photo, keyID: keyID).digest())
    }

    func payload(keyID: KeyID, factsDigest: Data) throws -> CertificatePayload {
        try CertificatePayload(certificateID: certificateID, name: person.printedName,
                               dateOfBirth: person.dateOfBirth, documentNumber: person.documentNumber,
                               outcome: outcome, issueDate: issueDate, expiryDate: expiryDate, keyID: keyID,
                               factsDigest: factsDigest)
    }

    /// Checks every field before rendering.
    /// - Parameter hasPhoto: Whether a photo will be printed; without one a `noPhotoReason` is required.
    /// - Throws: `CertificateError` naming the field: empty required text, control characters,
    ///   result codes or HIV mentions in free text, dates out of order, no photo and no reason.
    public func validate(hasPhoto: Bool) throws {
        let required: [(String, String, Int)] = [
            (clinicName, "clinic name", 120), (siteCode, "site code", 40), (programme, "programme", 80),
            (destination, "destination", 80), (person.surname, "surname", 120), (person.sex, "sex", 20),
            (person.nationality, "nationality", 60), (person.documentType, "document type", 60),
            (officer.name, "medical officer name", 120), (officer.registrationNumber, "registration number", 60),
        ]
        for (text, field, maximum) in required {
            try CertificatePayload.checkText(text, field: field, maximum: maximum)
        }
        if !clinicAddress.isEmpty {
            try CertificatePayload.checkText(clinicAddress, field: "clinic address", maximum: 160)
        }
        try CertificatePayload.checkText(validityAnchor.event, field: "validity anchor", maximum: 40)
        if hasPhoto {
            guard noPhotoReason == nil else {
                throw CertificateError(.invalidField(field: "no photo reason", reason: "the certificate has a photo; give no reason for a missing one"))
            }
        } else {
            guard let reason = noPhotoReason else {
                throw CertificateError(.invalidField(field: "photo",
                    reason: "a certificate carries the holder's photo; without one the officer states why (no photo reason)"))
            }
            try CertificatePayload.checkText(reason, field: "no photo reason", maximum: 120)
            try ForbiddenContent.check(reason, field: "no photo reason")
        }
        if !person.givenNames.isEmpty {
            try CertificatePayload.checkText(person.givenNames, field: "given names", maximum: 120)
        }
        let freeText = [(clinicName, "clinic name"), (clinicAddress, "clinic address"), (programme, "programme"),
                        (destination, "destination")]
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
    }
}
