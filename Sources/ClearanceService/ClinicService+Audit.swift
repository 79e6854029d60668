import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Walks the audit hash chain. Open to every user: it reveals nothing but intact or not.
    public func verifyAudit() throws -> AuditReport {
        try read { db in
            let r = try AuditLog.verify(db)
            return AuditReport(intact: r.isIntact, entries: r.entries, brokenRow: r.brokenRowID, reason: r.reason)
        }
    }

    /// The most recent audit entries (administrators and medical officers).
    public func auditLog(limit: Int = 50, by session: Session) throws -> [AuditEntryView] {
        try session.require(.readAudit)
        return try read { db in
            try AuditLog.recent(db, limit: limit).map {
                AuditEntryView(id: $0.id ?? 0, at: $0.at, username: $0.username, action: $0.action,
                               entity: $0.entity, entityID: $0.entityId, detail: $0.detail)
            }
        }
    }
}
