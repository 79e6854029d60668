import GRDB

/// A status change a person made to a case (close, cancel, reopen), with its reason.
public struct CaseStatusChange: Hashable, Sendable {
    public var caseID: Int64
    /// `close`, `cancel` or `reopen`.
    public var action: String
    public var from: CaseStatus
    public var to: CaseStatus
    public var reason: String
    /// For a certified case closed or cancelled: what was done with its current certificate
    /// (`revoke` or `keep`); nil otherwise.
    public var certificateAction: String?
    public var changedBy: String
    public var changedAt: String

    public init(caseID: Int64, action: String, from: CaseStatus, to: CaseStatus, reason: String,
                certificateAction: String? = nil, changedBy: String, changedAt: String) {
        self.caseID = caseID; self.action = action; self.from = from; self.to = to; self.reason = reason
        self.certificateAction = certificateAction; self.changedBy = changedBy; self.changedAt = changedAt
    }
}

extension CaseStore {
    /// Records a status change and sets the case's status, in the caller's transaction.
    ///
    /// - Throws: ``StoreError`` when there is no such case; a database error for an empty reason.
    public static func change(_ db: Database, _ change: CaseStatusChange) throws {
        try setStatus(db, caseID: change.caseID, change.to)
        try db.cachedStatement(sql: """
            INSERT INTO case_status_changes (case_id, action, from_status, to_status, reason, certificate_action, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [change.caseID, change.action, change.from, change.to, change.reason,
                                     change.certificateAction, change.changedBy, change.changedAt])
    }

    /// The status changes of a case, oldest first.
    public static func changes(_ db: Database, caseID: Int64) throws -> [CaseStatusChange] {
        let sql = """
            SELECT case_id, action, from_status, to_status, reason, certificate_action, changed_by, changed_at
            FROM case_status_changes WHERE case_id = ? ORDER BY id
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [caseID]).map { row in
            CaseStatusChange(caseID: row[0], action: row[1], from: try row.decode(atIndex: 2), to: try row.decode(atIndex: 3),
                             reason: row[4], certificateAction: row[5], changedBy: row[6], changedAt: row[7])
        }
    }

    /// The person's open cases under `programme` (open, results pending or ready for review:
    /// ``worklistStatuses``), oldest first.
    public static func openCases(_ db: Database, personID: Int64, programme: String) throws -> [CaseRecord] {
        let sql = "SELECT \(CaseRecord.selection) FROM cases WHERE person_id = ? AND programme = ? AND status IN ('open', 'results-pending', 'ready-for-review') ORDER BY id"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [personID, programme]).map(CaseRecord.init(positional:))
    }
}
