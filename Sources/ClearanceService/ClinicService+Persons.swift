import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Registers a person after checking every field; all problems are reported together.
    public func addPerson(_ input: PersonInput, by session: Session) throws -> PersonView {
        try session.require(.registerPerson)
        var issues: [ValidationIssue] = []
        let surname = input.surname.trimmingCharacters(in: .whitespacesAndNewlines)
        let given = input.givenNames.trimmingCharacters(in: .whitespacesAndNewlines)
        if surname.isEmpty { issues.append(.init(field: "surname", message: "must not be empty")) }
        if given.isEmpty { issues.append(.init(field: "given", message: "must not be empty (write '-' for a person with a single name)")) }
        let today = clock.today
        if input.dateOfBirth > today { issues.append(.init(field: "dob", message: "\(input.dateOfBirth) is in the future")) }
        if input.dateOfBirth.age(on: today) > 130 { issues.append(.init(field: "dob", message: "\(input.dateOfBirth) gives an age over 130; check the year")) }
        let sex = Sex(rawValue: input.sex.uppercased())
        if sex == nil { issues.append(.init(field: "sex", message: "'\(input.sex)' must be F, M or X")) }
        let nat = input.nationality.uppercased()
        if nat.count != 3 || !nat.allSatisfy({ $0.isASCII && $0.isLetter }) {
            issues.append(.init(field: "nationality", message: "'\(input.nationality)' must be an ISO 3166-1 alpha-3 code such as PHL, SOM, UKR"))
        }
        let docType = DocumentType(rawValue: input.documentType)
        if docType == nil {
            issues.append(.init(field: "document-type", message: "'\(input.documentType)' must be one of \(DocumentType.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let doc = input.documentNumber.trimmingCharacters(in: .whitespaces)
        if doc.isEmpty { issues.append(.init(field: "document-number", message: "must not be empty")) }
        let isMinor = input.dateOfBirth.age(on: today) < 18
        if isMinor && (input.guardian ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(.init(field: "guardian", message: "the person is a minor (age \(input.dateOfBirth.age(on: today))): record the guardian's name and relationship"))
        }
        for (field, value) in [("surname", surname), ("given", given), ("document-number", doc), ("guardian", input.guardian ?? "")] {
            if let issue = PersonFieldLimits.issue(field, value) { issues.append(issue) }
        }
        guard issues.isEmpty, let sex, let docType else { throw ServiceError.invalid(issues) }
        return try write { db in
            if let existing = try PersonSearch.byDocument(db, doc, limit: 1).first,
               existing.nationality == nat, existing.documentType == docType {
                throw ServiceError.conflict("a person with \(docType.rawValue) \(doc) (\(nat)) is already registered as person \(existing.id ?? 0) (\(existing.surname), \(existing.givenNames)); use that record")
            }
            var record = PersonRecord(surname: surname, givenNames: given, dateOfBirth: input.dateOfBirth.description, sex: sex,
                                      nationality: nat, documentType: docType, documentNumber: doc,
                                      documentExpiry: input.documentExpiry?.description, guardian: input.guardian,
                                      createdAt: timestamp, createdBy: session.username)
            let id = try PersonStore.insert(db, &record)
            try audit(db, session, "create", "person", id, [:])
            return view(record)
        }
    }

    /// Finds persons by exact document number, else by name prefix (case and diacritics ignored;
    /// a name in another script is also found by its Latin spelling). A duplicate merged into
    /// another record is shown as the record kept.
    public func findPersons(_ query: String, limit: Int = 50, by session: Session) throws -> [PersonView] {
        try session.require(.findPersons)
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { throw ServiceError.invalid(field: "query", "give a document number or the start of a name") }
        return try read { db in
            var found = try PersonSearch.byDocument(db, q, limit: limit)
            if found.isEmpty { found = try PersonSearch.byName(db, q, limit: limit) }
            return try resolvingMerges(db, found).map(view)
        }
    }

    /// One person.
    public func person(_ id: Int64, by session: Session) throws -> PersonView {
        try session.require(.findPersons)
        return try read { db in
            var v = try view(requirePerson(db, id))
            v.mergedInto = try mergedInto(db, id)
            return v
        }
    }

    func requirePerson(_ db: Database, _ id: Int64) throws -> PersonRecord {
        guard let p = try PersonStore.fetch(db, id: id) else {
            throw ServiceError.catalogued(ServiceError.notFound, "error.no_person", ["id": "\(id)"])
        }
        return p
    }

    func view(_ r: PersonRecord) -> PersonView {
        let dob = LocalDate(r.dateOfBirth) ?? LocalDate(year: 1900, month: 1, day: 1)!
        return PersonView(id: r.id ?? 0, surname: r.surname, givenNames: r.givenNames, dateOfBirth: dob,
                          age: dob.age(on: clock.today), sex: r.sex.rawValue, nationality: r.nationality,
                          documentType: r.documentType.rawValue, documentNumber: r.documentNumber,
                          documentExpiry: r.documentExpiry.flatMap(LocalDate.init), guardian: r.guardian,
                          photoAttachmentID: r.photoAttachmentId)
    }
}
