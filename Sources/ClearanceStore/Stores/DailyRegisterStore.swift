import GRDB

/// One encounter of the daily register: who was seen, for what, by whom.
public struct RegisterRow: Hashable, Sendable {
    public var encounter: EncounterRecord
    public var caseRecord: CaseRecord
    public var person: PersonRecord
}

/// The encounters recorded in a time range with their cases and persons, for `report daily`.
public enum DailyRegisterStore {
    /// Encounters with `from <= recorded_at < to` (store timestamps), in recording order.
    public static func rows(_ db: Database, from: String, to: String) throws -> [RegisterRow] {
        let sql = """
            SELECT \(EncounterRecord.selection.prefixed("e")), \(CaseRecord.selection.prefixed("c")), \(PersonRecord.selection.prefixed("p"))
            FROM encounters e JOIN cases c ON c.id = e.case_id JOIN persons p ON p.id = c.person_id
            WHERE e.recorded_at >= ? AND e.recorded_at < ? ORDER BY e.recorded_at, e.id
            """
        let parts = splittingRowAdapters(columnCounts: [EncounterRecord.selection.columnCount, CaseRecord.selection.columnCount,
                                                         PersonRecord.selection.columnCount])
        let adapter = ScopeAdapter(["e": parts[0], "c": parts[1], "p": parts[2]])
        return try Row.fetchAll(db, sql: sql, arguments: [from, to], adapter: adapter).map { row in
            guard let e = row.scopes["e"], let c = row.scopes["c"], let p = row.scopes["p"] else {
                throw StoreError.invalidInput(field: "register", reason: "a register row lacks its encounter, case or person columns")
            }
            return RegisterRow(encounter: try EncounterRecord(positional: e), caseRecord: try CaseRecord(positional: c),
                               person: try PersonRecord(positional: p))
        }
    }
}

extension String {
    /// A column list (`a, b`) with each column qualified by `table` (`t.a, t.b`).
    func prefixed(_ table: String) -> String {
        split(separator: ",").map { "\(table)." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    }

    /// The number of columns in a column list.
    var columnCount: Int { split(separator: ",").count }
}
