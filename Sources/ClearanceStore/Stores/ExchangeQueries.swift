import GRDB

/// The reads the exchange formats (FHIR, CSV, aggregate reports) select their records with.
/// Read-only; callers apply role visibility through the service.
public enum ExchangeQueries {
    /// Cases opened at or after `since`, or with an encounter recorded at or after it, by id.
    ///
    /// - Parameter since: a store timestamp or date prefix (`2026-11-01`).
    public static func caseIDs(_ db: Database, changedSince since: String) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT id FROM cases WHERE opened_at >= ?
            UNION SELECT case_id FROM encounters WHERE recorded_at >= ?
            ORDER BY 1
            """, arguments: [since, since])
    }

    /// The encounters of one module recorded at or after `since` (every one when nil), by id.
    public static func encounters(_ db: Database, moduleID: String, since: String?) throws -> [EncounterRecord] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT \(EncounterRecord.selection) FROM encounters WHERE module_id = ? AND recorded_at >= ? ORDER BY id
            """), arguments: [moduleID, since ?? ""])
        return try Array(rows.map(EncounterRecord.init(positional:)))
    }

    /// One final encounter as an aggregate report counts it: its case's programme and site and
    /// its person's sex and date of birth, without any answer.
    public struct CountedEncounter: Sendable, Hashable {
        public var encounterID: Int64
        public var caseID: Int64
        public var programme: String
        public var site: String
        public var sex: String
        /// `YYYY-MM-DD`.
        public var dateOfBirth: String
        public var moduleID: String
        /// JSON array of result codes, as stored.
        public var resultCodes: String
        public var recordedAt: String
    }

    /// Final encounters recorded in `[from, before)`, each case's latest of each module only
    /// (the one that counts), in one query.
    public static func countedEncounters(_ db: Database, from: String, before: String) throws -> [CountedEncounter] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.id, e.case_id, c.programme, c.site, p.sex, p.date_of_birth, e.module_id, e.result_codes, e.recorded_at
            FROM encounters e JOIN cases c ON c.id = e.case_id JOIN persons p ON p.id = c.person_id
            WHERE e.status = 'final' AND e.recorded_at >= ? AND e.recorded_at < ?
            ORDER BY e.id
            """, arguments: [from, before])
        var latest: [String: CountedEncounter] = [:]
        while let r = try rows.next() {
            let e = CountedEncounter(encounterID: r[0], caseID: r[1], programme: r[2], site: r[3], sex: r[4], dateOfBirth: r[5],
                                     moduleID: r[6], resultCodes: r[7], recordedAt: r[8])
            latest["\(e.caseID)/\(e.moduleID)"] = e   // ascending ids: the last one wins
        }
        return latest.values.sorted { $0.encounterID < $1.encounterID }
    }
}
