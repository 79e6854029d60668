import Foundation
import GRDB

extension StoreMigration {
    /// The tables `v15-audit-packs` brings under tamper evidence: what decides which module code
    /// runs (pinned publisher keys, installed packs) and the facts about the database file.
    static let auditedPackTables = ["module_publisher", "module_pack", "clinic_metadata"]

    /// `v15-audit-packs`: pinned module publishers, installed module packs and clinic metadata
    /// are covered like the clinical tables.
    ///
    /// - Their audited commands record the digest of the rows they wrote (``AuditContent/Kind/modulePublisher``,
    ///   ``AuditContent/Kind/modulePack``, ``AuditContent/Kind/clinicMetadata``) and `audit verify` recomputes them.
    /// - Triggers refuse an UPDATE or DELETE from a connection without ``applicationWriteFunction``
    ///   (the sqlite3 shell), as `v10-audit-digests` does for the clinical tables.
    /// - A baseline: one `baseline` entry per row that exists now, so an upgraded database verifies.
    ///
    /// Shipped: never edit; add a new migration instead.
    static let auditPacks = StoreMigration(id: "v15-audit-packs") { db in
        for table in auditedPackTables {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_application_update BEFORE UPDATE ON \(table) WHEN \(applicationWriteFunction)() IS NOT 1
                BEGIN SELECT RAISE(ABORT, '\(table) change only through clearance, which audits every write'); END;
                CREATE TRIGGER \(table)_application_delete BEFORE DELETE ON \(table) WHEN \(applicationWriteFunction)() IS NOT 1
                BEGIN SELECT RAISE(ABORT, '\(table) rows are never deleted outside clearance'); END;
                """)
        }
        let kinds: [AuditContent.Kind] = [.modulePublisher, .modulePack, .clinicMetadata]
        let existing = try AuditContent.allDigests(db, kinds: kinds).digests.keys.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
        let now = Date()
        for subject in existing {
            var event = AuditEvent(username: "-", action: "baseline", entityType: subject.kind.rawValue, entityID: subject.id,
                                   detail: ["migration": "v15-audit-packs"])
            event.wrote = [subject]
            try AuditLog.append(db, event, at: now)
        }
    }
}
