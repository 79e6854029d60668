import Foundation
import GRDB

/// One corrected field of a person: the value before and after, why, who and when.
public struct PersonChange: Hashable, Sendable {
    public var personID: Int64
    /// The field as the user names it (`surname`, `document-number`, ...).
    public var field: String
    public var oldValue: String?
    public var newValue: String?
    public var reason: String
    public var changedBy: String
    public var changedAt: String

    public init(personID: Int64, field: String, oldValue: String?, newValue: String?, reason: String, changedBy: String, changedAt: String) {
        self.personID = personID; self.field = field; self.oldValue = oldValue; self.newValue = newValue
        self.reason = reason; self.changedBy = changedBy; self.changedAt = changedAt
    }
}

/// A duplicate registration folded into the record kept.
public struct PersonMerge: Hashable, Sendable {
    public var droppedID: Int64
    public var keptID: Int64
    public var reason: String
    /// The cases moved from the dropped person to the kept one.
    public var movedCases: [Int64]
    public var mergedBy: String
    public var mergedAt: String

    public init(droppedID: Int64, keptID: Int64, reason: String, movedCases: [Int64], mergedBy: String, mergedAt: String) {
        self.droppedID = droppedID; self.keptID = keptID; self.reason = reason; self.movedCases = movedCases
        self.mergedBy = mergedBy; self.mergedAt = mergedAt
    }
}

extension PersonStore {
    // MARK: - Corrections

    /// Appends corrected fields to a person's history (the caller updates the person row).
    public static func recordChanges(_ db: Database, _ changes: [PersonChange]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO person_changes (person_id, field, old_value, new_value, reason, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for c in changes {
            try statement.execute(arguments: [c.personID, c.field, c.oldValue, c.newValue, c.reason, c.changedBy, c.changedAt])
        }
    }

    /// A person's corrections, oldest first.
    public static func changes(_ db: Database, personID: Int64) throws -> [PersonChange] {
        let sql = "SELECT person_id, field, old_value, new_value, reason, changed_by, changed_at FROM person_changes WHERE person_id = ? ORDER BY id"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [personID]).map {
            PersonChange(personID: $0[0], field: $0[1], oldValue: $0[2], newValue: $0[3], reason: $0[4], changedBy: $0[5], changedAt: $0[6])
        }
    }

    // MARK: - Merges

    /// Folds `dropped` into `kept`: moves its cases, removes its name keys (search then finds only
    /// the kept record) and records the merge. The dropped person row stays.
    ///
    /// - Returns: The merge as recorded, with the ids of the moved cases.
    /// - Throws: A database error (unknown ids, a person merged twice).
    @discardableResult
    public static func merge(_ db: Database, dropped: Int64, into kept: Int64, reason: String, by username: String, at time: String) throws -> PersonMerge {
        let moved = try Int64.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ? ORDER BY id", arguments: [dropped])
        try db.execute(sql: "UPDATE cases SET person_id = ? WHERE person_id = ?", arguments: [kept, dropped])
        try db.execute(sql: "DELETE FROM person_search_keys WHERE person_id = ?", arguments: [dropped])
        let merge = PersonMerge(droppedID: dropped, keptID: kept, reason: reason, movedCases: moved, mergedBy: username, mergedAt: time)
        try db.execute(sql: """
            INSERT INTO person_merges (dropped_id, kept_id, reason, moved_cases, merged_by, merged_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [dropped, kept, reason, BatchKeys.json(moved), username, time])
        return merge
    }

    /// The merge that dropped this person, when it was merged into another.
    public static func merge(_ db: Database, dropped: Int64) throws -> PersonMerge? {
        try merges(db, dropped: [dropped])[dropped]
    }

    /// The merges of those of `ids` that were dropped, by dropped id.
    public static func merges(_ db: Database, dropped ids: some Collection<Int64>) throws -> [Int64: PersonMerge] {
        guard !ids.isEmpty else { return [:] }
        let sql = """
            SELECT dropped_id, kept_id, reason, moved_cases, merged_by, merged_at FROM person_merges
            WHERE dropped_id IN (SELECT value FROM json_each(?))
            """
        var out: [Int64: PersonMerge] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [BatchKeys.json(ids)]) {
            let movedText: String = row[3]
            let moved = movedText.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap { Int64($0) }
            out[row[0]] = PersonMerge(droppedID: row[0], keptID: row[1], reason: row[2], movedCases: moved, mergedBy: row[4], mergedAt: row[5])
        }
        return out
    }

    /// The persons merged into `kept`, oldest merge first.
    public static func mergedInto(_ db: Database, kept: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT dropped_id FROM person_merges WHERE kept_id = ? ORDER BY rowid", arguments: [kept])
    }
}
