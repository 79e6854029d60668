import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// The fields `person edit --set FIELD=VALUE` may correct, as the user names them.
    public static let editablePersonFields = ["surname", "given", "dob", "sex", "nationality", "document-type", "document-number",
                                              "document-expiry", "guardian"]

    /// Corrects fields of a person's identity. Every field is checked as at registration; all
    /// problems are reported together and nothing is saved then. The old values are kept in the
    /// person's history (`person_changes`) and in the audit entry (`edit`, with the reason).
    /// Certificates already signed are never touched: they keep the identity they were signed with.
    ///
    /// ```swift
    /// try service.editPerson(4, set: ["document-number": "P1234567"], reason: "typo at registration", by: clerk)
    /// ```
    /// - Parameters:
    ///   - changes: Field name (``editablePersonFields``) to new value; an empty value clears
    ///     `document-expiry` or `guardian`.
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (unknown field, bad value, no
    ///   reason, no change), conflict (the person was merged into another, or the new document is
    ///   another person's).
    @discardableResult
    public func editPerson(_ id: Int64, set changes: [String: String], reason: String, by session: Session) throws -> PersonView {
        try session.require(.registerPerson)
        guard let reason = Self.cleaned(reason) else {
            throw ServiceError.invalid(field: "reason", "say why the person's record is corrected: pass --reason TEXT")
        }
        guard !changes.isEmpty else {
            throw ServiceError.invalid(field: "set", "nothing to change: pass --set FIELD=VALUE (fields: \(Self.editablePersonFields.joined(separator: ", ")))")
        }
        return try write { db in
            var person = try requireActivePerson(db, id)
            let before = Self.editableValues(person)
            var issues: [ValidationIssue] = []
            for (field, raw) in changes.sorted(by: { $0.key < $1.key }) {
                let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if let issue = PersonFieldLimits.issue(field, value) { issues.append(issue); continue }
                switch field {
                case "surname":
                    if value.isEmpty { issues.append(.init(field: field, message: "must not be empty")) } else { person.surname = value }
                case "given":
                    if value.isEmpty { issues.append(.init(field: field, message: "must not be empty (write '-' for a person with a single name)")) } else { person.givenNames = value }
                case "dob":
                    if let d = LocalDate(value), d <= clock.today, d.age(on: clock.today) <= 130 { person.dateOfBirth = d.description }
                    else { issues.append(.init(field: field, message: "'\(value)' must be a past date YYYY-MM-DD giving an age of at most 130")) }
                case "sex":
                    if let s = Sex(rawValue: value.uppercased()) { person.sex = s } else { issues.append(.init(field: field, message: "'\(value)' must be F, M or X")) }
                case "nationality":
                    let nat = value.uppercased()
                    if nat.count == 3, nat.allSatisfy({ $0.isASCII && $0.isLetter }) { person.nationality = nat }
                    else { issues.append(.init(field: field, message: "'\(value)' must be an ISO 3166-1 alpha-3 code such as PHL, SOM, UKR")) }
                case "document-type":
                    if let t = DocumentType(rawValue: value) { person.documentType = t }
                    else { issues.append(.init(field: field, message: "'\(value)' must be one of \(DocumentType.allCases.map(\.rawValue).joined(separator: ", "))")) }
                case "document-number":
                    if value.isEmpty { issues.append(.init(field: field, message: "must not be empty")) } else { person.documentNumber = value }
                case "document-expiry":
                    if value.isEmpty { person.documentExpiry = nil } else if let d = LocalDate(value) { person.documentExpiry = d.description }
                    else { issues.append(.init(field: field, message: "'\(value)' is not a date; write YYYY-MM-DD (or nothing to clear it)")) }
                case "guardian":
                    person.guardian = value.isEmpty ? nil : value
                default:
                    issues.append(.init(field: field, message: "is not a field of a person; use one of \(Self.editablePersonFields.joined(separator: ", "))"))
                }
            }
            if let dob = LocalDate(person.dateOfBirth), dob.age(on: clock.today) < 18, (person.guardian ?? "").isEmpty {
                issues.append(.init(field: "guardian", message: "the person is a minor (age \(dob.age(on: clock.today))): the guardian's name and relationship must stay recorded"))
            }
            guard issues.isEmpty else { throw ServiceError.invalid(issues) }
            let after = Self.editableValues(person)
            let changed = Self.editablePersonFields.filter { before[$0] != after[$0] }
            guard !changed.isEmpty else {
                throw ServiceError.invalid(field: "set", "the values given are the ones already recorded; nothing changed")
            }
            if changed.contains(where: { ["document-number", "document-type", "nationality"].contains($0) }),
               let other = try PersonSearch.byDocument(db, person.documentNumber, limit: 5).first(where: {
                   $0.id != id && $0.nationality == person.nationality && $0.documentType == person.documentType }) {
                throw ServiceError.conflict("\(person.documentType.rawValue) \(person.documentNumber) (\(person.nationality)) is already person \(other.id ?? 0) (\(other.surname), \(other.givenNames)); if they are the same person, merge the records with `clearance person merge \(other.id ?? 0) \(id) --reason TEXT`")
            }
            try PersonStore.update(db, &person)
            let now = timestamp
            try PersonStore.recordChanges(db, changed.map {
                PersonChange(personID: id, field: $0, oldValue: before[$0] ?? nil, newValue: after[$0] ?? nil, reason: reason,
                             changedBy: session.username, changedAt: now)
            })
            var detail: [String: Any] = ["reason": reason]
            detail["changes"] = changed.map { field -> [String: Any] in
                ["field": field, "old": (before[field] ?? nil).map { $0 as Any } ?? NSNull(), "new": (after[field] ?? nil).map { $0 as Any } ?? NSNull()]
            }
            try audit(db, session, "edit", "person", id, detail)
            return view(person)
        }
    }

    /// A person's corrections, oldest first.
    public func personHistory(_ id: Int64, by session: Session) throws -> [PersonChange] {
        try session.require(.findPersons)
        return try read { db in
            _ = try requirePerson(db, id)
            return try PersonStore.changes(db, personID: id)
        }
    }

    /// The editable fields of a person as text (nil for an empty optional field).
    static func editableValues(_ p: PersonRecord) -> [String: String?] {
        ["surname": p.surname, "given": p.givenNames, "dob": p.dateOfBirth, "sex": p.sex.rawValue, "nationality": p.nationality,
         "document-type": p.documentType.rawValue, "document-number": p.documentNumber, "document-expiry": p.documentExpiry,
         "guardian": p.guardian]
    }
}
