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
        try encounter.insert(db)
        guard let id = encounter.id else { throw StoreError.notFound(entity: "encounter", id: "(new)") }
        try insertRows(db, encounterID: id, values: values, by: encounter.recordedBy, at: encounter.recordedAt)
        return id
    }

    /// The encounter with this id, or nil.
    public static func fetch(_ db: Database, id: Int64) throws -> EncounterRecord? {
        try EncounterRecord.fetchOne(db, key: id)
    }

    /// The encounters of a case, oldest first; optionally of one module only.
    public static func encounters(_ db: Database, caseID: Int64, moduleID: String? = nil) throws -> [EncounterRecord] {
        var request = EncounterRecord.filter(Column("case_id") == caseID)
        if let moduleID { request = request.filter(Column("module_id") == moduleID) }
        return try request.order(Column("id")).fetchAll(db)
    }

    /// The encounter's current answers (voided observations left out).
    ///
    /// - Throws: ``StoreError`` naming a row that cannot be read.
    public static func answers(_ db: Database, encounterID: Int64) throws -> Answers {
        try Answers(observations: observations(db, encounterID: encounterID, includeVoided: false))
    }

    /// The encounter's observation rows in id order: current only, or the whole history.
    public static func observations(_ db: Database, encounterID: Int64, includeVoided: Bool = true) throws -> [ObservationRecord] {
        var request = ObservationRecord.filter(Column("encounter_id") == encounterID)
        if !includeVoided { request = request.filter(Column("voided_at") == nil) }
        return try request.order(Column("id")).fetchAll(db)
    }

    static func insertRows(_ db: Database, encounterID: Int64, values: [(path: FieldPath, value: ObservationValue)],
                           by username: String, at timestamp: String) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO observations (encounter_id, path, value_type, value_text, value_integer, value_real, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (path, v) in values {
            try statement.execute(arguments: [encounterID, path.description, v.kind, v.text, v.integer, v.real, username, timestamp])
        }
    }
}
