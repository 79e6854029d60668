import ClearanceCore
import Foundation
import GRDB

/// Edits that never overwrite: an answer is corrected by voiding its row and inserting a new
/// row that points to it (`replaces_id`), with the editor, the time and a reason.
public enum ObservationStore {
    /// Corrects one answer: voids `observationID` and inserts `value` at the same path.
    ///
    /// ```swift
    /// try store.write { db in
    ///     let new = try ObservationStore.correct(db, observationID: 12, to: .integer(14),
    ///                                            by: "amina", reason: "misread ruler", at: now)
    ///     try AuditLog.append(db, AuditEvent(username: "amina", action: .edit, entityType: "observation",
    ///                                        entityID: "\(new.id!)"), at: now)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - observationID: The current row to correct.
    ///   - value: The new value (a leaf value; for a repeat group's row, a group whose count is kept).
    ///   - username: The editor.
    ///   - reason: Why (required, kept on the voided row).
    ///   - at: The injected clock's now.
    /// - Returns: The new row.
    /// - Throws: ``StoreError`` when the row does not exist or is already voided, the reason is
    ///   empty, or a plain value would replace a group (or the reverse: use ``applyEdit(_:encounterID:answers:by:reason:at:)``).
    @discardableResult
    public static func correct(_ db: Database, observationID: Int64, to value: Value, by username: String,
                               reason: String, at: Date) throws -> ObservationRecord {
        guard let old = try ObservationRecord.fetchOne(db, key: observationID) else {
            throw StoreError.notFound(entity: "observation", id: "\(observationID)")
        }
        let columns = try ObservationValue(value, path: old.path)
        guard (columns.kind == .group) == (old.valueType == .group) else {
            throw StoreError.invalidInput(field: old.path, reason: "a repeat group and a plain value cannot replace each other; edit the whole answers instead")
        }
        try void(db, observationID: observationID, by: username, reason: reason, at: at)
        var row = ObservationRecord(encounterId: old.encounterId, path: old.path, value: columns, createdBy: username,
                                    createdAt: StoreTimestamp.string(from: at), replacesId: observationID)
        try row.insert(db)
        return row
    }

    /// Voids a current row (an answer withdrawn).
    ///
    /// - Throws: ``StoreError`` when the row does not exist or is already voided, or the reason is empty.
    public static func void(_ db: Database, observationID: Int64, by username: String, reason: String, at: Date) throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidInput(field: "reason", reason: "an edit needs a reason; say why the answer changes")
        }
        try db.execute(sql: """
            UPDATE observations SET voided_at = ?, voided_by = ?, void_reason = ?
            WHERE id = ? AND voided_at IS NULL
            """, arguments: [StoreTimestamp.string(from: at), username, reason, observationID])
        guard db.changesCount == 1 else {
            throw StoreError.notFound(entity: "current observation", id: "\(observationID)")
        }
    }

    /// Adds an answer that had none (a field answered during an edit).
    ///
    /// - Returns: The new row.
    /// - Throws: ``StoreError`` when the path already has a current value.
    @discardableResult
    public static func add(_ db: Database, encounterID: Int64, path: FieldPath, value: Value,
                           by username: String, at: Date) throws -> ObservationRecord {
        let exists = try ObservationRecord
            .filter(Column("encounter_id") == encounterID && Column("path") == path.description && Column("voided_at") == nil)
            .fetchCount(db) > 0
        guard !exists else {
            throw StoreError.invalidInput(field: path.description, reason: "already answered; correct that answer instead of adding one")
        }
        var row = ObservationRecord(encounterId: encounterID, path: path.description,
                                    value: try ObservationValue(value, path: path.description),
                                    createdBy: username, createdAt: StoreTimestamp.string(from: at))
        try row.insert(db)
        return row
    }

    /// Brings an encounter's current answers to `answers`: changed answers are corrected,
    /// withdrawn ones voided, new ones added; unchanged rows stay untouched.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - encounterID: The encounter.
    ///   - answers: The complete new answers (validated by the caller).
    ///   - username: The editor.
    ///   - reason: Why (required).
    ///   - at: The injected clock's now.
    /// - Returns: What changed, path by path, for the audit entry's detail.
    /// - Throws: ``StoreError`` for an empty reason or a value the store cannot keep.
    @discardableResult
    public static func applyEdit(_ db: Database, encounterID: Int64, answers: Answers, by username: String,
                                 reason: String, at: Date) throws -> ObservationEdit {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidInput(field: "reason", reason: "an edit needs a reason; say why the answers change")
        }
        let current = try EncounterStore.observations(db, encounterID: encounterID, includeVoided: false)
        var byPath: [String: ObservationRecord] = [:]
        for row in current { byPath[row.path] = row }
        let wanted = try answers.observationValues()
        var edit = ObservationEdit()
        let stamp = StoreTimestamp.string(from: at)
        var seen = Set<String>()
        for (path, value) in wanted {
            let key = path.description
            seen.insert(key)
            if let old = byPath[key], let oldID = old.id {
                if old.observationValue == value { continue }
                try void(db, observationID: oldID, by: username, reason: reason, at: at)
                var row = ObservationRecord(encounterId: encounterID, path: key, value: value, createdBy: username,
                                            createdAt: stamp, replacesId: oldID)
                try row.insert(db)
                edit.corrected.append(key)
            } else {
                var row = ObservationRecord(encounterId: encounterID, path: key, value: value, createdBy: username, createdAt: stamp)
                try row.insert(db)
                edit.added.append(key)
            }
        }
        for row in current where !seen.contains(row.path) {
            guard let id = row.id else { continue }
            try void(db, observationID: id, by: username, reason: reason, at: at)
            edit.voided.append(row.path)
        }
        return edit
    }
}

/// What ``ObservationStore/applyEdit(_:encounterID:answers:by:reason:at:)`` changed, by path.
public struct ObservationEdit: Hashable, Sendable {
    /// Paths whose value was corrected (old row voided, new row replaces it).
    public var corrected: [String] = []
    /// Paths newly answered.
    public var added: [String] = []
    /// Paths whose answer was withdrawn.
    public var voided: [String] = []

    public init() {}

    /// True when nothing changed.
    public var isEmpty: Bool { corrected.isEmpty && added.isEmpty && voided.isEmpty }
}
