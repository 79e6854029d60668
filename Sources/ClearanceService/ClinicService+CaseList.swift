import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// What `case list` asks for, as the user typed it; the service checks every part.
public struct CaseListQuery: Sendable, Hashable {
    /// Status names (`open`, `certified`, ..., or `all`); empty gives the worklist (open,
    /// results pending, ready for review).
    public var statuses: [String]
    public var programme: String?
    /// Cases opened on or after this day (UTC, as stored).
    public var since: LocalDate?
    /// The start of a name (any script, or its Latin spelling) or of a document number.
    public var search: String?
    /// Only cases the signed-in user opened or recorded in.
    public var mine: Bool
    public var limit: Int

    public init(statuses: [String] = [], programme: String? = nil, since: LocalDate? = nil, search: String? = nil,
                mine: Bool = false, limit: Int = 100) {
        self.statuses = statuses; self.programme = programme; self.since = since; self.search = search
        self.mine = mine; self.limit = limit
    }
}

extension ClinicService {
    /// Cases matching `query`, oldest opened first, each with what it still needs.
    ///
    /// ```swift
    /// let mine = try service.caseList(CaseListQuery(statuses: ["ready-for-review"], mine: true), by: nurse)
    /// ```
    /// - Throws: ``ServiceError``: invalid (an unknown status, a limit below 1, an empty search),
    ///   not found (an unknown programme, naming the installed ones).
    public func caseList(_ query: CaseListQuery, by session: Session) throws -> [WorklistItem] {
        try session.require(.findPersons)
        var filter = CaseListFilter(limit: query.limit)
        guard query.limit > 0 else { throw ServiceError.invalid(field: "limit", "\(query.limit) must be at least 1") }
        let names = query.statuses.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if names.contains("all") {
            filter.statuses = Set(CaseStatus.allCases)
        } else if !names.isEmpty {
            var set = Set<CaseStatus>()
            for n in names {
                guard let s = CaseStatus(rawValue: n) else {
                    throw ServiceError.invalid(field: "status", "'\(n)' is not a case status; use one of \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", ")) or all")
                }
                set.insert(s)
            }
            filter.statuses = set
        }
        if let p = query.programme { filter.programme = try host.programmes.require(p).id }
        filter.openedSince = query.since?.description
        if let raw = query.search {
            let q = raw.trimmingCharacters(in: .whitespaces)
            let words = Array(NameFolding.words(q).prefix(6))
            let key = PersonSearch.documentKey(q)
            guard !words.isEmpty || !key.isEmpty else { throw ServiceError.invalid(field: "search", "give the start of a name or of a document number") }
            filter.nameWords = words
            filter.documentPrefix = key.isEmpty ? nil : key
        }
        if query.mine { filter.involving = session.username }
        return try read { db in
            try CaseStore.list(db, filter).map { record in
                let state = try caseState(db, record.id ?? 0)
                var needs = requirements(state).missing
                if state.latestFinal.values.contains(where: \.pending) { needs.append("results pending") }
                let person = view(state.person)
                return WorklistItem(caseID: record.id ?? 0, personID: person.id, personName: person.fullName, programme: record.programme,
                                    status: record.status.rawValue, missing: needs, openedAt: record.openedAt,
                                    latinName: person.latinName, openedBy: record.openedBy)
            }
        }
    }
}
