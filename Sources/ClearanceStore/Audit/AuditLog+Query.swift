import Foundation
import GRDB

/// Which audit entries to read: every filter given must match (all optional).
///
/// ```swift
/// var query = AuditQuery()
/// query.caseID = 7            // the case, its encounters, attachments and certificates
/// query.hideLogins = true
/// let entries = try store.read { db in try AuditLog.entries(db, matching: query) }
/// ```
public struct AuditQuery: Hashable, Sendable {
    /// Entries written by this user name.
    public var username: String?
    /// Entries with this action (`create`, `edit`, `view-confidential`, `login`, ...).
    public var action: String?
    /// Entries about this case: the case itself, its encounters, their attachments and the
    /// case's certificates.
    public var caseID: Int64?
    /// Entries about this person: the person (photo included) and everything about their cases.
    public var personID: Int64?
    /// Entries at or after this time (a store timestamp or a prefix of one: `2026-11-20`).
    public var since: String?
    /// Entries before this time (exclusive; a store timestamp or a prefix of one).
    public var before: String?
    /// Leave out successful sign-ins (`login`); failed ones stay.
    public var hideLogins = false
    /// Most entries to return, newest first.
    public var limit = 50

    public init() {}
}

extension AuditLog {
    /// The entries matching `query`, newest first.
    ///
    /// - Parameters:
    ///   - db: A connection (a read is enough).
    ///   - query: The filters and the limit.
    /// - Returns: At most `query.limit` entries, newest first.
    /// - Throws: A database error.
    public static func entries(_ db: Database, matching query: AuditQuery) throws -> [AuditEntryRecord] {
        var clauses: [String] = []
        var arguments: [DatabaseValue] = []
        if let u = query.username { clauses.append("username = ?"); arguments.append(u.databaseValue) }
        if let a = query.action { clauses.append("action = ?"); arguments.append(a.databaseValue) }
        if query.hideLogins { clauses.append("action <> 'login'") }
        if let s = query.since { clauses.append("at >= ?"); arguments.append(s.databaseValue) }
        if let b = query.before { clauses.append("at < ?"); arguments.append(b.databaseValue) }
        if let c = query.caseID {
            clauses.append(aboutCases("SELECT ?"))
            arguments += Array(repeating: c.databaseValue, count: 4)
        }
        if let p = query.personID {
            clauses.append("""
                ((entity_type = 'person' AND entity_id = CAST(? AS TEXT)) \
                OR (entity_type = 'attachment' AND entity_id IN (SELECT CAST(id AS TEXT) FROM attachments WHERE person_id = ?)) \
                OR \(aboutCases("SELECT id FROM cases WHERE person_id = ?")))
                """)
            arguments += Array(repeating: p.databaseValue, count: 6)
        }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments.append(max(0, query.limit).databaseValue)
        return try AuditEntryRecord.fetchAll(db, sql: "SELECT * FROM audit_log \(whereSQL) ORDER BY id DESC LIMIT ?",
                                             arguments: StatementArguments(arguments))
    }

    /// A condition matching entries about the cases selected by `cases` (a subquery giving
    /// case ids, used four times: bind its arguments four times).
    private static func aboutCases(_ cases: String) -> String {
        """
        ((entity_type = 'case' AND CAST(entity_id AS INTEGER) IN (\(cases))) \
        OR (entity_type = 'encounter' AND entity_id IN (SELECT CAST(id AS TEXT) FROM encounters WHERE case_id IN (\(cases)))) \
        OR (entity_type = 'attachment' AND entity_id IN (SELECT CAST(a.id AS TEXT) FROM attachments a JOIN encounters e ON a.encounter_id = e.id WHERE e.case_id IN (\(cases)))) \
        OR (entity_type = 'certificate' AND entity_id IN (SELECT id FROM certificates WHERE case_id IN (\(cases)))))
        """
    }
}
