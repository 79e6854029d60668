import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// Walks the audit hash chain and compares every clinical row with the entry that last wrote
    /// it (``AuditLog/check(_:anchor:)``). Open to every user: it names rows and entries, never
    /// their content.
    ///
    /// - Parameters:
    ///   - anchor: An anchor kept elsewhere (``AuditAnchor``): its signature is checked with
    ///     `publicKeyText` when given, else with the registered (audited) key it names; the log
    ///     must still hold its entry with its hash.
    /// - Throws: ``ServiceError``: configuration when the anchor's key is unknown or unaudited.
    public func verifyAudit(anchor: AuditAnchor? = nil, publicKeyText: String? = nil) throws -> AuditReport {
        let anchorFinding: AuditFinding? = try read { db in
            var anchorFinding: AuditFinding?
            if let anchor {
                let text: String
                if let publicKeyText { text = publicKeyText } else {
                    guard let key = try SigningKeyStore.fetch(db, keyID: anchor.keyID) else {
                        throw ServiceError.configuration("the anchor is signed by key \(anchor.keyID), which this database does not hold; give the clinic's public key with --public-key FILE")
                    }
                    try requireAuditedKey(db, keyID: key.keyId)
                    text = key.publicKey
                }
                let publicKey: CertificatePublicKey
                do { publicKey = try CertificatePublicKey(text: text) } catch let e as CertificateError {
                    throw ServiceError.invalid(field: "public-key", e.description)
                }
                if !anchor.isSigned(by: publicKey) {
                    anchorFinding = AuditFinding(problem: .chain, subject: nil, entry: anchor.head.id,
                                                 message: "the anchor's signature does not verify with key \(publicKey.keyID.hex): the anchor file was changed or was not signed by this clinic's key")
                }
            }
            return anchorFinding
        }
        // The log and the tables on two connections at once, one pinned state (serially on a read-only file).
        let check: AuditCheck
        do { check = try AuditLog.check(database, anchor: anchor?.head) } catch let e as StoreError { throw e.serviceError } catch let e as DatabaseError {
            throw StoreError(e).serviceError
        }
        let findings = (anchorFinding.map { [$0] } ?? []) + check.findings
        return AuditReport(intact: findings.isEmpty, entries: check.entries, brokenRow: findings.first?.entry,
                           reason: findings.first?.message, rows: check.rows, anchoredEntry: anchor?.head.id,
                           findings: findings.map(AuditFindingView.init))
    }

    /// Signs the audit chain's head with the clinic key (administrators): the text of an
    /// ``AuditAnchor`` to keep away from this machine. The anchoring itself is an entry (`anchor`),
    /// and the head signed is that entry.
    ///
    /// - Throws: ``ServiceError``: forbidden, configuration (no key in `keyDirectory`, a key this
    ///   database does not hold or holds unaudited).
    public func auditAnchor(keyDirectory: URL, by session: Session) throws -> AuditAnchor {
        try session.require(.manageKeys)
        let key = try loadSigningKey(directory: keyDirectory)
        return try write { db in
            try requireRegisteredKey(db, key)
            let entries = try AuditLog.count(db)
            try audit(db, session, "anchor", "audit-log", entries + 1, ["key_id": key.keyID.hex])
            guard let head = try AuditLog.head(db) else { throw ServiceError.configuration("the audit log is empty") }
            do { return try AuditAnchor(head: head, taken: timestamp, key: key) } catch let e as CertificateError {
                throw ServiceError.configuration(e.description)
            }
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

extension AuditFindingView {
    init(_ f: AuditFinding) {
        problem = f.problem.rawValue; entity = f.subject?.kind.rawValue; entityID = f.subject?.id; entry = f.entry; message = f.message
    }
}
