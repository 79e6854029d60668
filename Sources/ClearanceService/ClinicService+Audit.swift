import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Walks the audit hash chain. Open to every user: it reveals nothing but intact or not.
    public func verifyAudit() throws -> AuditReport {
        try read { db in
            let r = try AuditLog.verify(db)
            let total = try AuditLog.count(db)
            return AuditReport(intact: r.isIntact, entries: r.isIntact ? r.checked : total, brokenRow: r.broken?.id,
                               reason: r.broken?.description)
        }
    }

    /// The most recent audit entries (administrators and medical officers).
    public func auditLog(limit: Int = 50, by session: Session) throws -> [AuditEntryView] {
        try session.require(.readAudit)
        return try read { db in
            try AuditLog.recent(db, limit: limit).map {
                AuditEntryView(id: $0.id, at: $0.at, username: $0.username, action: $0.action,
                               entity: $0.entityType, entityID: $0.entityId, detail: $0.detail)
            }
        }
    }
}
