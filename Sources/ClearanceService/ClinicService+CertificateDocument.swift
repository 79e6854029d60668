import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// Decodes a stored photo (PNG bytes) into RGB pixels for the certificate; nil skips the photo.
public typealias CertificatePhotoDecoder = @Sendable (Data) throws -> CertificatePhoto?

/// A certificate ready to sign: the document and what the row needs besides.
struct CertificateDraft {
    var document: CertificateDocument
    var decisionID: Int64
    var caseID: Int64
    var photo: CertificatePhoto?
}

extension ClinicService {
    /// The default photo decoder (libpng through ClearanceImaging); callers may inject another.
    static let defaultPhotoDecoder: CertificatePhotoDecoder? = ClinicService.pngPhotoDecoder

    /// Test name printed for a confidential module: says a test was done, never which result.
    static let confidentialTestName = "Confidential counselling and testing"

    /// Builds the certificate for a case from its latest decision and final encounters.
    ///
    /// The clinic's identity comes from its settings row; validity counts from what the pack
    /// says (`valid_from`: a module's anchor date, else the issue date) and the certificate
    /// prints which. The person's photo is required: without one (or with one that cannot be
    /// read) the officer must give `noPhotoReason`, which the certificate prints.
    ///
    /// - Throws: ``ServiceError``: conflict when there is no decision, it is PENDING or stale
    ///   (the case changed since it was made: ``decisionStaleness(_:_:_:)``), results
    ///   are pending, required modules are missing, encounters were recorded after the
    ///   decision, or there is no photo and no reason; invalid when the officer has no
    ///   registration number or a reason is given although there is a photo; configuration
    ///   when the clinic identity is not set.
    func certificateDraft(_ db: Database, caseID: Int64, key: SigningKey, noPhotoReason: String?,
                          photoDecoder: CertificatePhotoDecoder?, by session: Session) throws -> CertificateDraft {
        let state = try caseState(db, caseID)
        guard let pack = state.pack else {
            throw ServiceError.configuration("programme '\(state.record.programme)' of case \(caseID) has no rule pack installed; install it (CLEARANCE_PROGRAMMES_PATH) before issuing")
        }
        guard let decision = try DecisionStore.latest(db, caseID: caseID) else {
            throw ServiceError.conflict("case \(caseID) has no fitness decision; a medical officer runs `clearance case decide \(caseID) --decision ...` first")
        }
        let outcomeDecision = FitnessDecision(rawValue: decision.decision) ?? .pending
        guard outcomeDecision != .pending else {
            throw ServiceError.conflict("case \(caseID) is decided PENDING; no certificate while the decision is pending")
        }
        if let because = try decisionStaleness(db, state, decision) {
            throw Self.staleDecisionRefusal(caseID, decision, because: because)
        }
        let latest = state.latestFinal
        let pending = latest.filter { $0.value.pending }.keys.sorted()
        guard pending.isEmpty else {
            throw ServiceError.conflict("case \(caseID) has results pending (\(pending.joined(separator: ", "))); no certificate while results are pending")
        }
        let missing = requirements(state).missing
        guard missing.isEmpty else {
            throw ServiceError.conflict("case \(caseID) lacks required modules (\(missing.joined(separator: ", "))); record them and decide again")
        }
        if let newest = latest.values.compactMap(\.id).max(), newest > (decision.lastEncounterId ?? 0) {
            throw ServiceError.conflict("encounter \(newest) of case \(caseID) was recorded after the decision; review the case and decide again")
        }
        guard let registration = Self.cleaned(session.registrationNumber) else {
            throw ServiceError.invalid(field: "registration_number", "\(session.username) has no medical registration number on record, which a certificate must print; an administrator records it for the account")
        }
        guard try SigningKeyStore.fetch(db, keyID: key.keyID.hex) != nil else {
            throw ServiceError.configuration("signing key \(key.keyID.hex) is not registered in this database; an administrator runs `clearance keys init` with the same key directory")
        }
        try requireAuditedKey(db, keyID: key.keyID.hex)
        let clinic = try requireClinicIdentity(db)

        // Tests: the latest final encounter of each module, required modules first.
        let required = requirements(state).required
        let order = required + latest.keys.sorted().filter { !required.contains($0) }
        var tests: [CertificateTestLine] = []
        var dates: [LocalDate] = []
        var anchor: (event: String, date: LocalDate)?
        for moduleID in order {
            guard let encounter = latest[moduleID], let module = host.registry.module(moduleID) else { continue }
            let recordedOn = LocalDate(String(encounter.recordedAt.prefix(10))) ?? clock.today
            if module.manifest.confidential {
                tests.append(CertificateTestLine(test: Self.confidentialTestName, date: recordedOn, done: true))
                dates.append(recordedOn)
                continue
            }
            let answers = try EncounterStore.answers(db, encounterID: encounter.id ?? 0)
            let derivation = (try? encounter.derivation()) ?? Derivation()
            guard let entry = module.certificateEntry(answers, derivation: derivation, recordedOn: recordedOn) else { continue }
            let name = Self.certificateTextProblem(entry.test) == nil ? entry.test : "Screening"
            tests.append(CertificateTestLine(test: name, date: entry.done ? entry.date : nil, done: entry.done))
            if entry.done { dates.append(entry.date) }
            if let a = entry.anchorDate, moduleID == pack.validity.anchorModule { anchor = (name, a) }
        }
        let issue = clock.today
        let expiry = pack.validity.expiry(issued: issue, anchor: anchor?.date)
        guard expiry >= issue else {
            throw ServiceError.conflict("validity under \(pack.id) counts from \(anchor.map { "the \($0.event) date \($0.date)" } ?? "the issue date") and ended on \(expiry); repeat the examination before issuing")
        }
        // What validity counts from, as the pack says (the anchor module's date, else the issue date).
        let validityAnchor = CertificateValidityAnchor(event: anchor?.event ?? "Date of issue", date: anchor?.date ?? issue)
        let person = state.person
        let sexLabel = ["F": "Female", "M": "Male"][person.sex.rawValue] ?? "X"
        let documentLabel: String = switch person.documentType {
        case .passport: "Passport"
        case .refugeeTravelDocument: "Refugee travel document"
        case .nationalID: "National ID"
        }
        var generator = SystemRandomNumberGenerator()
        var id = CertificateID.generate(using: &generator)
        while try CertificateStore.fetch(db, id: id.description) != nil { id = CertificateID.generate(using: &generator) }
        let conditions = (decision.conditions ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            var document = CertificateDocument(
                certificateID: id, clinicName: clinic.name, clinicAddress: clinic.address, siteCode: clinic.siteCode,
                programme: "\(pack.title.en) (\(pack.id))", destination: pack.destination,
                person: CertificatePerson(surname: person.surname.uppercased(), givenNames: person.givenNames,
                                          dateOfBirth: LocalDate(person.dateOfBirth) ?? LocalDate(dayNumber: 0), sex: sexLabel,
                                          nationality: person.nationality, documentType: documentLabel,
                                          documentNumber: person.documentNumber),
                examinationStart: dates.min() ?? issue, examinationEnd: dates.max() ?? issue, validityAnchor: validityAnchor,
                tests: tests, outcome: try CertificateOutcome(code: outcomeDecision.label), conditions: conditions,
                issueDate: issue, expiryDate: expiry,
                officer: CertificateOfficer(name: session.displayName, registrationNumber: registration))
            var photo: CertificatePhoto?
            var photoProblem = "person \(person.id ?? 0) has no photo on record"
            if let attachment = person.photoAttachmentId, let decode = photoDecoder ?? Self.defaultPhotoDecoder,
               let bytes = try AttachmentStore.bytes(db, id: attachment) {
                do { photo = try decode(bytes) } catch {
                    photoProblem = "the photo of person \(person.id ?? 0) (attachment \(attachment)) cannot be read: \(error)"
                }
            }
            let reason = Self.cleaned(noPhotoReason)
            if photo == nil {
                guard let reason else {
                    throw ServiceError.conflict("\(photoProblem), and a certificate carries the holder's photo against impersonation; add it with `clearance person photo \(person.id ?? 0) FILE.png`, or state why there is none with --no-photo-reason TEXT (printed on the certificate)")
                }
                if let problem = Self.certificateTextProblem(reason) { throw ServiceError.invalid(field: "no_photo_reason", problem) }
                guard reason.count <= 120 else {
                    throw ServiceError.invalid(field: "no_photo_reason", "at most 120 characters (\(reason.count) given)")
                }
                document.noPhotoReason = reason
            } else if reason != nil {
                throw ServiceError.invalid(field: "no_photo_reason", "person \(person.id ?? 0) has a photo, which the certificate prints; drop --no-photo-reason")
            }
            return CertificateDraft(document: document, decisionID: decision.id ?? 0, caseID: caseID, photo: photo)
        } catch let e as CertificateError {
            throw ServiceError.invalid(field: "certificate", e.description)
        }
    }

    /// The printed content as JSON, stored with the certificate row.
    static func contentJSON(_ d: CertificateDocument) -> String {
        let p = d.person
        let object: [String: Any] = [
            "id": d.certificateID.description, "clinic": d.clinicName, "site": d.siteCode, "programme": d.programme,
            "destination": d.destination,
            "person": ["surname": p.surname, "given_names": p.givenNames, "date_of_birth": p.dateOfBirth.description,
                       "sex": p.sex, "nationality": p.nationality, "document_type": p.documentType,
                       "document_number": p.documentNumber],
            "examination": [d.examinationStart.description, d.examinationEnd.description],
            "clinic_address": d.clinicAddress,
            "valid_from": ["event": d.validityAnchor.event, "date": d.validityAnchor.date.description],
            "no_photo_reason": d.noPhotoReason ?? NSNull(),
            "tests": d.tests.map { ["test": $0.test, "date": $0.date?.description ?? NSNull(), "done": $0.done] as [String: Any] },
            "outcome": d.outcome.code, "conditions": d.conditions, "issue_date": d.issueDate.description,
            "expiry_date": d.expiryDate.description,
            "officer": ["name": d.officer.name, "registration_number": d.officer.registrationNumber],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
