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
        var query = AuditQuery()
        query.limit = limit
        return try auditLog(query, by: session)
    }

    /// The audit entries matching `query`, newest first (administrators and medical officers).
    ///
    /// ```swift
    /// var query = AuditQuery(); query.caseID = 7; query.hideLogins = true
    /// let entries = try service.auditLog(query, by: admin)
    /// ```
    /// - Throws: ``ServiceError`` forbidden for other roles.
    public func auditLog(_ query: AuditQuery, by session: Session) throws -> [AuditEntryView] {
        try session.require(.readAudit)
        let officer = session.roles.contains(.medicalOfficer)
        return try read { db in
            try AuditLog.entries(db, matching: query).map {
                AuditEntryView(id: $0.id, at: $0.at, username: $0.username, action: $0.action,
                               entity: $0.entityType, entityID: $0.entityId,
                               detail: officer ? $0.detail : Self.withoutOutcome($0.action, $0.detail))
            }
        }
    }

    /// An entry's detail as a reader who is not a medical officer sees it: a `decide` entry
    /// says that a decision was recorded, not which (UNFIT may follow from HIV alone), as
    /// ``visibleDecision(_:_:_:_:)`` shows it elsewhere. The stored entry (and its digest in
    /// the chain) is unchanged.
    static func withoutOutcome(_ action: String, _ detail: String) -> String {
        guard action == "decide", let data = detail.data(using: .utf8),
              var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return detail }
        for key in ["decision", "proposed"] where object[key] != nil { object[key] = DecisionView.decidedLabel }
        object["differs"] = nil
        guard let out = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return detail }
        return String(decoding: out, as: UTF8.self)
    }
}
