import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Opens a case for a person under a programme.
    /// - Throws: not found for an unknown person or programme (naming the known programmes).
    /// A second open case of the same person and programme is refused (naming the open one)
    /// unless `again` is true; see ``requireNoOtherOpenCase(_:personID:programme:except:again:)``.
    public func openCase(personID: Int64, programme: String, purpose: String = "other", site: String = "MAIN",
                         again: Bool = false, by session: Session) throws -> CaseView {
        try session.require(.openCase)
        let pack = try host.programmes.require(programme)
        let purposes = ["resettlement", "labour", "family", "student", "returnee", "other"]
        guard purposes.contains(purpose) else {
            throw ServiceError.invalid(field: "purpose", "'\(purpose)' must be one of \(purposes.joined(separator: ", "))")
        }
        return try write { db in
            _ = try requireActivePerson(db, personID)
            try requireNoOtherOpenCase(db, personID: personID, programme: pack.id, except: nil, again: again)
            var record = CaseRecord(personId: personID, programme: pack.id, purpose: purpose, site: site,
                                    openedAt: timestamp, openedBy: session.username)
            let id = try CaseStore.insert(db, &record)
            try audit(db, session, "create", "case", id, again ? ["person": personID, "programme": pack.id, "again": true] : ["person": personID, "programme": pack.id])
            return view(record)
        }
    }

    /// The cases of a person, newest first.
    public func cases(ofPerson personID: Int64, by session: Session) throws -> [CaseView] {
        try session.require(.findPersons)
        return try read { db in try CaseStore.cases(db, personID: personID).map(view) }
    }

    func requireCase(_ db: Database, _ id: Int64) throws -> CaseRecord {
        guard let c = try CaseStore.fetch(db, id: id) else { throw Self.noSuchCase(id) }
        return c
    }

    /// The error for a case id that names no case.
    static func noSuchCase(_ id: Int64) -> ServiceError {
        .catalogued(ServiceError.notFound, "error.no_case", ["id": "\(id)"])
    }

    func view(_ r: CaseRecord) -> CaseView {
        CaseView(id: r.id ?? 0, personID: r.personId, programme: r.programme, purpose: r.purpose, site: r.site,
                 status: r.status.rawValue, openedAt: r.openedAt, openedBy: r.openedBy)
    }
}
