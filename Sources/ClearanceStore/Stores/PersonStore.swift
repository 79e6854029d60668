import ClearanceCore
import Foundation
import GRDB

/// Registering and updating persons together with their name search keys.
public enum PersonStore {
    /// Inserts a person and its folded name keys (see ``PersonSearch``).
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - person: The person; its `id` is set on return.
    /// - Returns: The new person's id.
    /// - Throws: ``StoreError`` when the date of birth is not `YYYY-MM-DD`; a database error otherwise.
    @discardableResult
    public static func insert(_ db: Database, _ person: inout PersonRecord) throws -> Int64 {
        try check(person)
        person.documentKey = PersonSearch.documentKey(person.documentNumber)
        try person.insert(db)
        guard let id = person.id else { throw StoreError.notFound(entity: "person", id: "(new)") }
        try writeKeys(db, personID: id, surname: person.surname, givenNames: person.givenNames)
        return id
    }

    /// Saves a changed person and rewrites its name keys.
    ///
    /// - Throws: ``StoreError`` for a person without id or with a malformed date.
    public static func update(_ db: Database, _ person: inout PersonRecord) throws {
        guard let id = person.id else { throw StoreError.invalidInput(field: "person.id", reason: "a person must be inserted before it is updated") }
        try check(person)
        person.documentKey = PersonSearch.documentKey(person.documentNumber)
        try person.update(db)
        try db.execute(sql: "DELETE FROM person_search_keys WHERE person_id = ?", arguments: [id])
        try writeKeys(db, personID: id, surname: person.surname, givenNames: person.givenNames)
    }

    /// Points the person's photo at a stored attachment (the previous photo stays stored).
    ///
    /// - Throws: ``StoreError`` not found when there is no such person.
    public static func setPhoto(_ db: Database, personID: Int64, attachmentID: Int64) throws {
        try db.execute(sql: "UPDATE persons SET photo_attachment_id = ? WHERE id = ?", arguments: [attachmentID, personID])
        guard db.changesCount == 1 else { throw StoreError.notFound(entity: "person", id: "\(personID)") }
    }

    /// The person with this id, or nil.
    public static func fetch(_ db: Database, id: Int64) throws -> PersonRecord? {
        try PositionalRows.one(db, table: "persons", id: id)
    }

    /// The persons with these ids that exist, by id: one query for a whole batch (bulk import).
    public static func fetchAll(_ db: Database, ids: some Collection<Int64>) throws -> [Int64: PersonRecord] {
        try PositionalRows.byID(db, table: "persons", ids: ids)
    }

    static func check(_ person: PersonRecord) throws {
        guard LocalDateCheck.isDate(person.dateOfBirth) else {
            throw StoreError.invalidInput(field: "date_of_birth", reason: "'\(person.dateOfBirth)' is not a date; write YYYY-MM-DD")
        }
        if let e = person.documentExpiry, !LocalDateCheck.isDate(e) {
            throw StoreError.invalidInput(field: "document_expiry", reason: "'\(e)' is not a date; write YYYY-MM-DD")
        }
    }

    static func writeKeys(_ db: Database, personID: Int64, surname: String, givenNames: String) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO person_search_keys (key, person_id, kind) VALUES (?, ?, ?)")
        for key in NameFolding.keys(surname) {
            try statement.execute(arguments: [key, personID, "s"])
        }
        for key in NameFolding.keys(givenNames) {
            try statement.execute(arguments: [key, personID, "g"])
        }
    }
}

enum LocalDateCheck {
    static func isDate(_ text: String) -> Bool {
        LocalDate(text) != nil
    }
}
