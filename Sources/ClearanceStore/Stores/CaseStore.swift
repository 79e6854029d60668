import GRDB

/// Opening cases and moving them through their statuses.
public enum CaseStore {
    /// Inserts a case; its `id` is set on return.
    ///
    /// - Returns: The new case's id.
    /// - Throws: A database error (unknown person id).
    @discardableResult
    public static func insert(_ db: Database, _ record: inout CaseRecord) throws -> Int64 {
        try record.insert(db)
        guard let id = record.id else { throw StoreError.notFound(entity: "case", id: "(new)") }
        return id
    }

    /// The case with this id, or nil.
    public static func fetch(_ db: Database, id: Int64) throws -> CaseRecord? {
        try PositionalRows.one(db, table: "cases", id: id)
    }

    /// The cases with these ids that exist, by id: one query for a whole batch (bulk import).
    public static func fetchAll(_ db: Database, ids: some Collection<Int64>) throws -> [Int64: CaseRecord] {
        try PositionalRows.byID(db, table: "cases", ids: ids)
    }

    /// The cases of a person, oldest first.
    public static func cases(_ db: Database, personID: Int64) throws -> [CaseRecord] {
        try CaseRecord.filter(Column("person_id") == personID).order(Column("id")).fetchAll(db)
    }

    /// Ids of the cases still open to screening (neither certified nor closed), oldest first:
    /// the worklist.
    public static func openCaseIDs(_ db: Database, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM cases WHERE status NOT IN ('certified', 'closed') ORDER BY opened_at, id LIMIT ?",
                           arguments: [limit])
    }

    /// Sets a case's status.
    ///
    /// - Throws: ``StoreError`` when there is no such case.
    public static func setStatus(_ db: Database, caseID: Int64, _ status: CaseStatus) throws {
        try db.cachedStatement(sql: "UPDATE cases SET status = ? WHERE id = ?").execute(arguments: [status, caseID])
        guard db.changesCount == 1 else { throw StoreError.notFound(entity: "case", id: "\(caseID)") }
    }
}
