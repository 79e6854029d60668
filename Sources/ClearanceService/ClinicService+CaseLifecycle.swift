import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// What happens to a certified case's current certificate when the case is closed or cancelled.
public enum CertificateDisposition: String, Sendable, CaseIterable {
    /// The certificate is revoked with the case's reason (medical officers only).
    case revoke
    /// The certificate stays valid; the case's work simply ends.
    case keep
}

extension ClinicService {
    /// Closes a case: its work is done (or abandoned); it takes no more recordings until reopened.
    ///
    /// A certified case keeps its certificate unless `certificate` is ``CertificateDisposition/revoke``.
    /// Audited (`close`) with the reason; the change is kept in the case's status history.
    ///
    /// ```swift
    /// try service.closeCase(7, reason: "certificate handed over", by: clerk)
    /// ```
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (no reason), conflict (already
    ///   closed or cancelled).
    @discardableResult
    public func closeCase(_ caseID: Int64, reason: String, certificate: CertificateDisposition? = nil, by session: Session) throws -> CaseView {
        try endCase(caseID, action: "close", to: .closed, reason: reason, certificate: certificate ?? .keep, by: session)
    }

    /// Cancels a case opened in error or withdrawn. A certified case needs `certificate`: say
    /// whether its current certificate is revoked or kept. Audited (`cancel`).
    ///
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (no reason, or a certified case
    ///   without `certificate`), conflict (already closed or cancelled).
    @discardableResult
    public func cancelCase(_ caseID: Int64, reason: String, certificate: CertificateDisposition? = nil, by session: Session) throws -> CaseView {
        try endCase(caseID, action: "cancel", to: .cancelled, reason: reason, certificate: certificate, by: session)
    }

    /// Reopens a closed or cancelled case. It becomes certified again when it still has a current
    /// certificate, else open (then moved along by its results). Another open case of the same
    /// person and programme is refused unless `again`. Audited (`reopen`).
    ///
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (no reason), conflict (the case
    ///   has not ended, or another case is open and `again` is false).
    @discardableResult
    public func reopenCase(_ caseID: Int64, reason: String, again: Bool = false, by session: Session) throws -> CaseView {
        try session.require(.openCase)
        let reason = try Self.requiredReason(reason, for: "reopened")
        return try write { db in
            let record = try requireCase(db, caseID)
            guard record.status.hasEnded else {
                throw ServiceError.conflict("case \(caseID) is \(record.status.rawValue), not closed or cancelled; only an ended case can be reopened")
            }
            try requireNoOtherOpenCase(db, personID: record.personId, programme: record.programme, except: caseID, again: again)
            let hasCertificate = try CertificateStore.certificates(db, caseID: caseID).contains { $0.status == .current }
            let target: CaseStatus = hasCertificate ? .certified : .open
            try CaseStore.change(db, CaseStatusChange(caseID: caseID, action: "reopen", from: record.status, to: target, reason: reason,
                                                      changedBy: session.username, changedAt: timestamp))
            if !hasCertificate { try refreshStatus(db, caseID) }
            let now = try requireCase(db, caseID)
            var detail: [String: Any] = ["from": record.status.rawValue, "to": now.status.rawValue, "reason": reason]
            if again { detail["again"] = true }
            try audit(db, session, "reopen", "case", caseID, detail)
            return view(now)
        }
    }

    /// The status changes people made to a case (close, cancel, reopen), oldest first.
    public func caseStatusHistory(_ caseID: Int64, by session: Session) throws -> [CaseStatusChange] {
        try session.require(.findPersons)
        return try read { db in
            _ = try requireCase(db, caseID)
            return try CaseStore.changes(db, caseID: caseID)
        }
    }

    // MARK: - The case-state rule

    /// The one refusal for a change to a case that no longer takes recordings (certified,
    /// closed or cancelled), used by every write path: record, correct, finish a draft, attach,
    /// import, decide.
    public static func caseStateRefusal(_ caseID: Int64, _ status: CaseStatus) -> ServiceError {
        switch status {
        case .certified:
            return .catalogued(ServiceError.conflict, "error.case_certified", ["id": "\(caseID)"])
        default:
            return .catalogued(ServiceError.conflict, "error.case_ended", ["id": "\(caseID)", "status": status.rawValue])
        }
    }

    /// Refuses a second open case of a person under one programme unless the caller says `again`.
    ///
    /// - Throws: ``ServiceError/conflict(_:)`` naming the open case and what to do.
    func requireNoOtherOpenCase(_ db: Database, personID: Int64, programme: String, except: Int64?, again: Bool) throws {
        guard !again else { return }
        let open = try CaseStore.openCases(db, personID: personID, programme: programme).filter { $0.id != except }
        guard let first = open.first, let id = first.id else { return }
        throw ServiceError.conflict("person \(personID) already has open case \(id) under \(programme) (\(first.status.rawValue), opened \(first.openedAt.prefix(10)) by \(first.openedBy)); continue that case, close or cancel it (`clearance case close \(id) --reason TEXT`), or pass --again to open a second one")
    }

    /// `reason` trimmed, or an invalid-input error asking for one.
    static func requiredReason(_ reason: String, for verb: String) throws -> String {
        guard let r = cleaned(reason) else {
            throw ServiceError.invalid(field: "reason", "say why the case is \(verb): pass --reason TEXT")
        }
        return r
    }

    /// Close or cancel: the shared path.
    private func endCase(_ caseID: Int64, action: String, to target: CaseStatus, reason: String, certificate: CertificateDisposition?,
                         by session: Session) throws -> CaseView {
        try session.require(.openCase)
        let reason = try Self.requiredReason(reason, for: target.rawValue)
        return try write { db in
            let record = try requireCase(db, caseID)
            guard !record.status.hasEnded else {
                throw ServiceError.conflict("case \(caseID) is already \(record.status.rawValue); reopen it first with `clearance case reopen \(caseID) --reason TEXT`")
            }
            let current = try CertificateStore.certificates(db, caseID: caseID).filter { $0.status == .current }
            var disposition: CertificateDisposition?
            if !current.isEmpty {
                guard let certificate else {
                    throw ServiceError.invalid(field: "certificate", "case \(caseID) is certified (certificate \(current.map(\.id).joined(separator: ", "))): say what happens to it: --certificate revoke (it is no longer valid) or --certificate keep (it stays valid)")
                }
                disposition = certificate
                if certificate == .revoke {
                    try session.require(.signCertificate)
                    for c in current {
                        try CertificateStore.revoke(db, id: c.id, reason: "case \(action): \(reason)", at: timestamp, username: session.username)
                        try audit(db, session, "revoke", "certificate", c.id, ["case": caseID, "reason": "case \(action): \(reason)"])
                    }
                }
            }
            try CaseStore.change(db, CaseStatusChange(caseID: caseID, action: action, from: record.status, to: target, reason: reason,
                                                      certificateAction: disposition?.rawValue, changedBy: session.username, changedAt: timestamp))
            var detail: [String: Any] = ["from": record.status.rawValue, "to": target.rawValue, "reason": reason]
            if let disposition { detail["certificate"] = disposition.rawValue; detail["certificates"] = current.map(\.id) }
            try audit(db, session, action, "case", caseID, detail)
            return view(try requireCase(db, caseID))
        }
    }
}
