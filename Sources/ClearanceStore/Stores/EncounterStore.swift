import ClearanceCore
import Foundation
import GRDB

/// Encounters and their answers: the building blocks of the one save path.
///
/// The service layer checks privileges and validates, then in ONE write transaction calls
/// ``FormVersionStore/register(_:form:moduleVersion:at:)``, ``insert(_:_:answers:)`` and
/// ``AuditLog/append(_:_:at:)``.
public enum EncounterStore {
    /// Inserts an encounter and one observation row per answer (see ``ClearanceCore/Answers/observationValues(prefix:)``).
    ///
    /// The rows are attributed to the encounter's `recordedBy` at its `recordedAt`.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - encounter: The encounter; its `id` is set on return. Its form hash must be registered.
    ///   - answers: The validated answers.
    /// - Returns: The new encounter's id.
    /// - Throws: ``StoreError`` for a value the store cannot keep; a database error for an unknown
    ///   case or form hash.
    @discardableResult
    public static func insert(_ db: Database, _ encounter: inout EncounterRecord, answers: Answers) throws -> Int64 {
        let values = try answers.observationValues()
        // A cached statement rather than the record's Codable insert: this runs once per
        // encounter of a bulk import.
        let statement = try db.cachedStatement(sql: """
            INSERT INTO encounters (case_id, module_id, module_version, form_version, form_hash, status,
                                    recorded_by, recorded_at, result_codes, derived, pending)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let e = encounter
        try statement.runDirect { b in
            b.bind(1, e.caseId); b.bind(2, e.moduleId); b.bind(3, e.moduleVersion); b.bind(4, e.formVersion)
            b.bind(5, e.formHash); b.bind(6, e.status.rawValue); b.bind(7, e.recordedBy); b.bind(8, e.recordedAt)
            b.bind(9, e.resultCodes); b.bind(10, e.derived); b.bind(11, e.pending)
        }
        let id = db.lastInsertedRowID
        encounter.id = id
        try insertRows(db, encounterID: id, values: values, by: encounter.recordedBy, at: encounter.recordedAt)
        return id
    }

    /// Saves an encounter's changed columns (status, derivation after a correction).
    public static func update(_ db: Database, _ encounter: EncounterRecord) throws {
        try encounter.update(db)
    }

    /// The encounter with this id, or nil.
    public static func fetch(_ db: Database, id: Int64) throws -> EncounterRecord? {
        try EncounterRecord.fetchOne(db, key: id)
    }

    /// The encounters of a case, oldest first; optionally of one module only.
    public static func encounters(_ db: Database, caseID: Int64, moduleID: String? = nil) throws -> [EncounterRecord] {
        // Cached statements: every save loads its case's encounters.
        let sql = moduleID == nil
            ? "SELECT \(EncounterRecord.selection) FROM encounters WHERE case_id = ? ORDER BY id"
            : "SELECT \(EncounterRecord.selection) FROM encounters WHERE case_id = ? AND module_id = ? ORDER BY id"
        let arguments: StatementArguments = moduleID.map { [caseID, $0] } ?? [caseID]
        return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map(EncounterRecord.init(positional:)))
    }

    /// The encounters of these cases, each case's oldest first: one query for a whole batch
    /// (bulk import). Cases without encounters are absent.
    public static func encounters(_ db: Database, caseIDs: some Collection<Int64>) throws -> [Int64: [EncounterRecord]] {
        var out: [Int64: [EncounterRecord]] = [:]
        let sql = "SELECT \(EncounterRecord.selection) FROM encounters WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY id"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [BatchKeys.json(caseIDs)])
        while let row = try rows.next() {
            let record = try EncounterRecord(positional: row)
            out[record.caseId, default: []].append(record)
        }
        return out
    }

    /// The person's earliest final encounter of a module in any of their cases (a module's
    /// baseline, such as the first audiogram), leaving out `excluding` (an encounter being corrected).
    public static func baselineEncounterID(_ db: Database, personID: Int64?, moduleID: String, excluding: Int64? = nil) throws -> Int64? {
        let sql = """
            SELECT e.id FROM encounters e JOIN cases c ON c.id = e.case_id
            WHERE c.person_id = ? AND e.module_id = ? AND e.status = 'final' AND e.id IS NOT ?
            ORDER BY e.recorded_at, e.id LIMIT 1
            """
        return try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: [personID, moduleID, excluding])
    }

    /// The encounter's current answers (voided observations left out).
    ///
    /// - Throws: ``StoreError`` naming a row that cannot be read.
    public static func answers(_ db: Database, encounterID: Int64) throws -> Answers {
        try Answers(observations: observations(db, encounterID: encounterID, includeVoided: false))
    }

    /// The encounter's observation rows in id order: current only, or the whole history.
    public static func observations(_ db: Database, encounterID: Int64, includeVoided: Bool = true) throws -> [ObservationRecord] {
        // Cached statements: a baseline lookup reads these on every save of its module.
        let sql = includeVoided
            ? "SELECT * FROM observations WHERE encounter_id = ? ORDER BY id"
            : "SELECT * FROM observations WHERE encounter_id = ? AND voided_at IS NULL ORDER BY id"
        return try ObservationRecord.fetchAll(db.cachedStatement(sql: sql), arguments: [encounterID])
    }

    static func insertRows(_ db: Database, encounterID: Int64, values: [(path: FieldPath, value: ObservationValue)],
                           by username: String, at timestamp: String) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO observations (encounter_id, path, value_type, value_text, value_integer, value_real, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (path, v) in values {
            try statement.runDirect { b in
                b.bind(1, encounterID); b.bind(2, path.description); b.bind(3, v.kind.rawValue); b.bind(4, v.text)
                b.bind(5, v.integer); b.bind(6, v.real); b.bind(7, username); b.bind(8, timestamp)
            }
        }
    }
}
