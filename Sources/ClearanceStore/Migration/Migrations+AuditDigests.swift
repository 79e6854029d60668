import Foundation
import GRDB

extension StoreMigration {
    /// The SQL function only Clearance's own connections define (``ClinicDatabase``): the
    /// clinical tables' triggers refuse an UPDATE or DELETE on any other connection (the sqlite3
    /// shell, another tool), so rows change only through the application, which audits each write.
    public static let applicationWriteFunction = "clearance_application_write"

    /// The clinical tables the `v10-audit-digests` triggers guard (the others had triggers before).
    static let guardedTables = ["persons", "cases", "encounters", "observations", "users", "signing_keys", "clinic_identity"]

    /// `v10-audit-digests`: audit entries carry the digest of the rows they wrote, and every
    /// clinical table refuses changes from outside the application.
    ///
    /// - `audit_log.content`: `kind id=sha256` per row written (``AuditContent``), covered by the
    ///   entry's hash; NULL for entries that wrote nothing and for older entries.
    /// - Triggers on persons, cases, encounters, observations, users, signing keys and the clinic
    ///   identity: an UPDATE or DELETE needs ``applicationWriteFunction`` (unknown to the sqlite3
    ///   shell, so the statement fails there). Someone with the file can drop them; `audit verify`
    ///   then names the rows that differ from what their entries recorded.
    /// - A baseline: one `baseline` entry per row that exists now, so an upgraded database verifies
    ///   (what was changed before the upgrade cannot be told apart).
    ///
    /// Shipped: never edit; add a new migration instead.
    static let auditDigests = StoreMigration(id: "v10-audit-digests") { db in
        try db.execute(sql: "ALTER TABLE audit_log ADD COLUMN content TEXT")
        for table in guardedTables {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_application_update BEFORE UPDATE ON \(table) WHEN \(applicationWriteFunction)() IS NOT 1
                BEGIN SELECT RAISE(ABORT, '\(table) change only through clearance, which audits every write'); END;
                CREATE TRIGGER \(table)_application_delete BEFORE DELETE ON \(table) WHEN \(applicationWriteFunction)() IS NOT 1
                BEGIN SELECT RAISE(ABORT, '\(table) rows are never deleted outside clearance'); END;
                """)
        }
        // The kinds of that time (later kinds' tables did not exist yet): the same rows as shipped.
        let existing = try AuditContent.allDigests(db, kinds: AuditContent.Kind.coveredByAuditDigests).digests.keys.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
        let now = Date()
        for subject in existing {
            var event = AuditEvent(username: "-", action: "baseline", entityType: subject.kind.rawValue, entityID: subject.id,
                                   detail: ["migration": "v10-audit-digests"])
            event.wrote = [subject]
            try AuditLog.append(db, event, at: now)
        }
    }
}
