import GRDB

/// Fitness decisions: appended, never changed; the latest of a case counts.
public enum DecisionStore {
    /// Appends a decision and returns its id.
    /// - Throws: a database error (unknown case, a CHECK failure).
    @discardableResult
    public static func insert(_ db: Database, _ record: inout DecisionRecord) throws -> Int64 {
        try record.insert(db)
        return record.id ?? db.lastInsertedRowID
    }

    /// The latest decision of a case, or nil.
    public static func latest(_ db: Database, caseID: Int64) throws -> DecisionRecord? {
        try DecisionRecord.filter(Column("case_id") == caseID).order(Column("id").desc).fetchOne(db)
    }

    /// A decision by id, or nil.
    public static func fetch(_ db: Database, id: Int64) throws -> DecisionRecord? {
        try DecisionRecord.fetchOne(db, key: id)
    }
}
