import Foundation
import GRDB
import GRDBSQLite

/// One thing `audit verify` found wrong, naming the row and the entry.
public struct AuditFinding: Hashable, Sendable, CustomStringConvertible {
    public enum Problem: String, Hashable, Sendable {
        /// The row's content differs from what its last entry recorded.
        case differs
        /// The row has no entry that wrote it (inserted behind the application's back).
        case noEntry = "no-entry"
        /// An entry wrote the row, and it is gone (deleted).
        case rowGone = "row-gone"
        /// Rows that belong to a row that is gone (observations of a deleted encounter).
        case ownerGone = "owner-gone"
        /// The hash chain itself does not verify, or does not hold the anchored head.
        case chain
    }

    public var problem: Problem
    /// The row, for the row problems.
    public var subject: AuditSubject?
    /// The entry that last wrote the row, or where the chain breaks.
    public var entry: Int64?
    /// The sentence printed.
    public var message: String

    public init(problem: Problem, subject: AuditSubject?, entry: Int64?, message: String) {
        self.problem = problem; self.subject = subject; self.entry = entry; self.message = message
    }

    public var description: String { message }
}

/// The result of ``AuditLog/check(_:anchor:)``: the chain and every row against its entries.
public struct AuditCheck: Hashable, Sendable {
    /// The chain as ``AuditLog/verify(_:expectedHead:)`` walks it.
    public var chain: AuditVerification
    /// Entries in the log.
    public var entries: Int
    /// Rows compared with their entries.
    public var rows: Int
    /// Everything wrong: the chain break first, then the rows by kind and id.
    public var findings: [AuditFinding]

    /// True when nothing was found.
    public var isIntact: Bool { findings.isEmpty }
}

extension AuditLog {
    /// Verifies the chain (against `anchor` when given) and recomputes every clinical row's
    /// digest (``AuditContent``) to compare with the last entry that wrote it.
    ///
    /// ```swift
    /// let check = try store.read { db in try AuditLog.check(db, anchor: AuditHead(id: 812, hash: h)) }
    /// for finding in check.findings { print(finding) }   // "person 3 differs from entry 17 ..."
    /// ```
    /// - Parameters:
    ///   - anchor: A head kept elsewhere (``AuditHead``); the log must still hold it unchanged.
    /// - Throws: A database error.
    public static func check(_ db: Database, anchor: AuditHead? = nil) throws -> AuditCheck {
        let log = try readLog(db, anchor: anchor)
        return compare(log, [try ComputedRows(db, kinds: AuditContent.Kind.allCases)], anchor: anchor)
    }

    /// ``check(_:anchor:)`` on `database`, with the log and the tables read on two connections
    /// at once (one pinned state: ``ClinicDatabase/concurrentReads(_:)``): the log and every kind
    /// but encounters on one, encounters with their observations (most of the rows) on the
    /// other. The findings are those of the serial check, which runs instead when the state
    /// cannot be pinned (a read-only file).
    ///
    /// - Throws: A database error.
    public static func check(_ database: ClinicDatabase, anchor: AuditHead? = nil) throws -> AuditCheck {
        let heavy: [AuditContent.Kind] = [.encounter]
        let light = AuditContent.Kind.allCases.filter { !heavy.contains($0) }
        let parts = try database.concurrentReads([
            { @Sendable db in CheckPart(log: try readLog(db, anchor: anchor), rows: try ComputedRows(db, kinds: light)) },
            { @Sendable db in CheckPart(log: nil, rows: try ComputedRows(db, kinds: heavy)) },
        ])
        guard let parts, let log = parts[0].log else { return try database.read { db in try check(db, anchor: anchor) } }
        return compare(log, parts.map(\.rows), anchor: anchor)
    }

    /// The chain walked, and what its entries say each row was.
    struct LogRead: Sendable {
        var chain: AuditVerification
        var entries: Int
        var recorded: RecordedContent
    }

    /// One concurrent read's share of the check.
    struct CheckPart: Sendable {
        var log: LogRead?
        var rows: ComputedRows
    }

    /// The rows of some kinds, digested as the tables hold them now.
    struct ComputedRows: Sendable {
        struct Row: Sendable { var kind: AuditContent.Kind; var key: SubjectKey; var digest: ContentDigest }
        var rows: [Row] = []
        /// Owned rows whose owner is gone, by owner: its kind, key and how many rows.
        var orphans: [AuditSubject: (kind: AuditContent.Kind, key: Int64, count: Int)] = [:]

        init(_ db: Database, kinds: [AuditContent.Kind]) throws {
            var rows: [Row] = []
            var orphans: [AuditSubject: (kind: AuditContent.Kind, key: Int64, count: Int)] = [:]
            try AuditContent.scan(db, kinds: kinds, row: { kind, key, digest in rows.append(Row(kind: kind, key: key, digest: digest)) },
                                  orphan: { kind, key in orphans[AuditSubject(kind, key), default: (kind, key, 0)].count += 1 })
            self.rows = rows; self.orphans = orphans
        }
    }

    /// One pass over the log: the chain, and what the entries say each row was (last writer wins).
    static func readLog(_ db: Database, anchor: AuditHead?) throws -> LogRead {
        var recorded = RecordedContent(expectedRows: try count(db))
        let (chain, entries) = try walk(db, expectedHead: anchor, collecting: true) { id, content in recorded.add(entry: id, content: content) }
        return LogRead(chain: chain, entries: entries, recorded: recorded)
    }

    /// Every row compared with the entry that last wrote it; the findings sorted by kind and id.
    static func compare(_ log: LogRead, _ computed: [ComputedRows], anchor: AuditHead?) -> AuditCheck {
        var recorded = log.recorded
        var findings: [AuditFinding] = []
        if let broken = log.chain.broken {
            findings.append(AuditFinding(problem: .chain, subject: nil, entry: broken.id,
                                         message: "audit chain: \(broken.description)\(anchor == nil ? "" : " (checked against the anchor's entry \(anchor!.id))")"))
        }
        var rowFindings: [AuditFinding] = []
        var rows = 0
        for part in computed {
            rows += part.rows.count
            for row in part.rows {
                guard let was = recorded.take(row.kind, row.key) else {
                    let subject = AuditSubject(row.kind, row.key.description)
                    rowFindings.append(AuditFinding(problem: .noEntry, subject: subject, entry: nil,
                                                    message: "\(subject) has no audit entry: it was not written by clearance"))
                    continue
                }
                if !was.matches(row.digest) {
                    let subject = AuditSubject(row.kind, row.key.description)
                    rowFindings.append(AuditFinding(problem: .differs, subject: subject, entry: was.entry,
                                                    message: "\(subject) differs from what audit entry \(was.entry) recorded: changed outside clearance"))
                }
            }
        }
        // What is left was written by an entry and not found.
        for (subject, was) in recorded.remaining where was.state != .gone {
            rowFindings.append(AuditFinding(problem: .rowGone, subject: subject, entry: was.entry,
                                            message: "\(subject) is gone: audit entry \(was.entry) wrote it and nothing in clearance deletes it"))
        }
        for part in computed {
            for (subject, o) in part.orphans {
                rowFindings.append(AuditFinding(problem: .ownerGone, subject: subject, entry: recorded.peek(o.kind, SubjectKey(o.key))?.entry,
                                                message: "\(o.count) row\(o.count == 1 ? "" : "s") of \(subject) remain but \(subject) is gone"))
            }
        }
        rowFindings.sort { a, b in
            let ka = a.subject.map { ($0.kind.rawValue, Int64($0.id) ?? 0, $0.id) } ?? ("", 0, "")
            let kb = b.subject.map { ($0.kind.rawValue, Int64($0.id) ?? 0, $0.id) } ?? ("", 0, "")
            return ka != kb ? ka < kb : a.problem.rawValue < b.problem.rawValue
        }
        return AuditCheck(chain: log.chain, entries: log.entries, rows: rows, findings: findings + rowFindings)
    }
}
