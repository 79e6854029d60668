import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Merges a duplicate registration: the cases of `drop` (and so their encounters, decisions
    /// and certificates) move to `keep`; `drop` stays in the database, marked merged into `keep`,
    /// and is no longer found by name (a search by its document number leads to `keep`).
    /// Audited (`merge`, on both persons) with the reason and the cases moved.
    ///
    /// Attachments stay filed under the person they were taken of (their owner never changes);
    /// signed certificates keep the identity they were signed with.
    ///
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (no reason, the same id twice),
    ///   conflict (either person already merged).
    @discardableResult
    public func mergePersons(keep: Int64, drop: Int64, reason: String, by session: Session) throws -> PersonMerge {
        try session.require(.registerPerson)
        guard let reason = Self.cleaned(reason) else {
            throw ServiceError.invalid(field: "reason", "say why the two records are the same person: pass --reason TEXT")
        }
        guard keep != drop else { throw ServiceError.invalid(field: "drop", "person \(keep) cannot be merged into itself; give two different ids") }
        return try write { db in
            _ = try requireActivePerson(db, keep)
            _ = try requireActivePerson(db, drop)
            let merge = try PersonStore.merge(db, dropped: drop, into: keep, reason: reason, by: session.username, at: timestamp)
            try audit(db, session, "merge", "person", drop, ["into": keep, "reason": reason, "cases": merge.movedCases],
                      wrote: [AuditSubject(.person, drop)] + merge.movedCases.map { AuditSubject(.case, $0) })
            try audit(db, session, "merge", "person", keep, ["from": drop, "reason": reason, "cases": merge.movedCases])
            return merge
        }
    }

    /// The person, refusing one merged into another (naming the record to use instead).
    func requireActivePerson(_ db: Database, _ id: Int64) throws -> PersonRecord {
        let person = try requirePerson(db, id)
        if let merge = try PersonStore.merge(db, dropped: id) {
            throw ServiceError.conflict("person \(id) was merged into person \(merge.keptID) on \(merge.mergedAt.prefix(10)) (\(merge.reason)); use person \(merge.keptID)")
        }
        return person
    }

    /// The person kept in place of `id` when `id` was merged into another, else nil.
    func mergedInto(_ db: Database, _ id: Int64) throws -> Int64? {
        try PersonStore.merge(db, dropped: id)?.keptID
    }
}

extension ClinicService {
    /// `persons` with each merged duplicate replaced by the record kept, without repeats, in order.
    func resolvingMerges(_ db: Database, _ persons: [PersonRecord]) throws -> [PersonRecord] {
        let merges = try PersonStore.merges(db, dropped: persons.compactMap(\.id))
        guard !merges.isEmpty else { return persons }
        var seen = Set<Int64>(), out: [PersonRecord] = []
        for p in persons {
            var record = p
            if let id = p.id, let kept = merges[id]?.keptID {
                guard let k = try PersonStore.fetch(db, id: kept) else { continue }
                record = k
            }
            if let id = record.id, seen.insert(id).inserted { out.append(record) }
        }
        return out
    }
}
