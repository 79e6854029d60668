import Foundation
import GRDB
import GRDBSQLite

/// The append-only, hash-chained audit log.
///
/// Entries are written inside the transaction of the change they record, so a change and its
/// entry commit or roll back together. SQL triggers refuse UPDATE and DELETE on `audit_log`;
/// someone who edits the file directly can drop them, and ``verify(_:)`` then finds the entry
/// that no longer fits the chain.
///
/// ```swift
/// try store.write { db in
///     try AuditLog.append(db, AuditEvent(username: "amina", action: .viewConfidential,
///                                        entityType: "encounter", entityID: "42"), at: clock.now)
/// }
/// let report = try store.read { db in try AuditLog.verify(db) }
/// ```
public enum AuditLog {
    /// The `prev_hash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an entry after the current last one.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - event: Who did what to which entity.
    ///   - at: The injected clock's now.
    /// - Returns: The stored entry.
    /// - Throws: A database error.
    @discardableResult
    public static func append(_ db: Database, _ event: AuditEvent, at: Date) throws -> AuditEntryRecord {
        let last = try db.cachedStatement(sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").firstRowDirect { row in
            (id: sqlite3_column_int64(row, 0), hash: sqlite3_column_text(row, 1).map { String(cString: $0) } ?? "")
        }
        let lastID: Int64 = last?.id ?? 0
        let prev: String = last?.hash ?? genesisHash
        var entry = AuditEntryRecord(id: lastID + 1, at: StoreTimestamp.string(from: at), username: event.username,
                                     action: event.action.rawValue, entityType: event.entityType,
                                     entityId: event.entityID, detail: event.detail, prevHash: prev, hash: "")
        if !event.wrote.isEmpty {
            entry.content = AuditSubject.contentText(try event.wrote.map { ($0, try AuditContent.digest(db, $0)) })
        }
        entry.hash = entry.computedHash
        // A cached statement rather than the record's Codable insert: every save writes one.
        let insert = try db.cachedStatement(sql: """
            INSERT INTO audit_log (id, at, username, action, entity_type, entity_id, detail, prev_hash, hash, content)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let e = entry
        try insert.runDirect { b in
            b.bind(1, e.id); b.bind(2, e.at); b.bind(3, e.username); b.bind(4, e.action); b.bind(5, e.entityType)
            b.bind(6, e.entityId); b.bind(7, e.detail); b.bind(8, e.prevHash); b.bind(9, e.hash); b.bind(10, e.content)
        }
        return entry
    }

    /// The last entry's id and hash (nil for an empty log). Keep it outside the database
    /// (printed in a report, signed) to detect later removal of the newest entries.
    public static func head(_ db: Database) throws -> AuditHead? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") else { return nil }
        return AuditHead(id: row["id"], hash: row["hash"])
    }

    /// How many entries the log holds.
    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
    }

    /// The SHA-256 each attachment had when it was attached, as its `create` entry recorded it,
    /// by attachment id (entries whose detail has no hash are left out).
    public static func attachmentHashes(_ db: Database) throws -> [Int64: String] {
        var recorded: [Int64: String] = [:]
        let rows = try Row.fetchAll(db, sql: "SELECT entity_id, detail FROM audit_log WHERE entity_type = 'attachment' AND action = 'create'")
        for row in rows {
            let entity: String = row["entity_id"], detail: String = row["detail"]
            guard let id = Int64(entity),
                  let object = try? JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any],
                  let sha = object["sha256"] as? String else { continue }
            recorded[id] = sha
        }
        return recorded
    }

    /// The most recent entries, newest first.
    public static func recent(_ db: Database, limit: Int) throws -> [AuditEntryRecord] {
        try AuditEntryRecord.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    /// The entries about one entity, oldest first.
    public static func entries(_ db: Database, entityType: String, entityID: String) throws -> [AuditEntryRecord] {
        try AuditEntryRecord.filter(Column("entity_type") == entityType && Column("entity_id") == entityID)
            .order(Column("id")).fetchAll(db)
    }

    /// Walks the whole chain and reports the first entry that does not fit.
    ///
    /// - Parameters:
    ///   - db: A connection (a read is enough).
    ///   - expectedHead: A head recorded earlier; when given, the log must still contain it.
    /// - Returns: The number of entries checked and the first break, if any.
    /// - Throws: A database error.
    public static func verify(_ db: Database, expectedHead: AuditHead? = nil) throws -> AuditVerification {
        try walk(db, expectedHead: expectedHead, collecting: false) { _, _ in }.verification
    }

    /// Walks the chain as ``verify(_:expectedHead:)`` does, from the column bytes (no string per
    /// field). When `collecting`, every entry's `content` bytes are passed to `content`, the
    /// entries after a break too; otherwise the walk stops at the first break.
    ///
    /// - Returns: The verification and the number of entries read.
    static func walk(_ db: Database, expectedHead: AuditHead?, collecting: Bool,
                     content: (Int64, UnsafeRawBufferPointer) -> Void) throws -> (verification: AuditVerification, entries: Int) {
        var expectedID: Int64 = 1
        var prev = [UInt8](genesisHash.utf8)
        var checked = 0, entries = 0
        var broken: AuditBreak?
        var headSeen = expectedHead == nil
        let headHash = expectedHead.map { [UInt8]($0.hash.utf8) }
        var canonical = AuditCanonicalBytes()
        let statement = try db.makeStatement(sql: "SELECT id, at, username, action, entity_type, entity_id, detail, prev_hash, hash, content FROM audit_log ORDER BY id")
        let handle = statement.sqliteStatement
        func bytes(_ i: Int32) -> UnsafeRawBufferPointer {
            let p = sqlite3_column_text(handle, i)
            return UnsafeRawBufferPointer(start: p.map { UnsafeRawPointer($0) }, count: p == nil ? 0 : Int(sqlite3_column_bytes(handle, i)))
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: sqlite3_errmsg(sqlite3_db_handle(handle)).map { String(cString: $0) })
            }
            entries += 1
            let id = sqlite3_column_int64(handle, 0)
            let hasContent = sqlite3_column_type(handle, 9) != SQLITE_NULL
            if hasContent && collecting { content(id, bytes(9)) }
            guard broken == nil else { continue }
            if id != expectedID {
                broken = AuditBreak(id: expectedID, reason: id > expectedID ? .missing : .reordered)
            } else if !bytes(7).elementsEqual(prev) {
                broken = AuditBreak(id: id, reason: .chainBroken)
            } else {
                canonical.start(prevHash: prev, id: id)
                for i: Int32 in 1...6 { canonical.add(bytes(i)) }
                if hasContent { canonical.add(bytes(9)) }
                let hash = canonical.hashHex()
                if !bytes(8).elementsEqual(hash) {
                    broken = AuditBreak(id: id, reason: .contentChanged)
                } else if let head = expectedHead, head.id == id, !hash.elementsEqual(headHash!) {
                    broken = AuditBreak(id: id, reason: .headMismatch)
                } else {
                    if expectedHead?.id == id { headSeen = true }
                    prev = hash
                    expectedID += 1
                    checked += 1
                }
            }
            if broken != nil && !collecting { break }
        }
        if broken == nil, !headSeen, let head = expectedHead { broken = AuditBreak(id: head.id, reason: .truncated) }
        return (AuditVerification(checked: checked, broken: broken), entries)
    }
}

/// The newest audit entry's id and hash.
public struct AuditHead: Hashable, Sendable, Codable {
    public var id: Int64
    public var hash: String
    public init(id: Int64, hash: String) { self.id = id; self.hash = hash }
}

/// The result of ``AuditLog/verify(_:expectedHead:)``.
public struct AuditVerification: Hashable, Sendable, CustomStringConvertible {
    /// Entries that verified before the first break (all of them when intact).
    public var checked: Int
    /// The first break, or nil when the chain is intact.
    public var broken: AuditBreak?

    /// True when the chain is intact.
    public var isIntact: Bool { broken == nil }

    public var description: String {
        guard let broken else { return "audit log intact: \(checked) entries verified" }
        return "audit log BROKEN after \(checked) good entries: \(broken)"
    }
}

/// Where and how the audit chain breaks.
public struct AuditBreak: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Hashable, Sendable {
        /// The entry's content no longer matches its hash: it was edited.
        case contentChanged = "content-changed"
        /// The entry's `prev_hash` is not the previous entry's hash: an entry before it was
        /// edited (and re-hashed) or removed, or entries were moved.
        case chainBroken = "chain-broken"
        /// The entry with this id is missing: deleted.
        case missing
        /// Ids are out of order.
        case reordered
        /// The recorded head entry has another hash now.
        case headMismatch = "head-mismatch"
        /// The recorded head entry is gone: the newest entries were removed.
        case truncated
    }

    /// The id of the first entry that does not verify (or that is missing).
    public var id: Int64
    public var reason: Reason

    public init(id: Int64, reason: Reason) { self.id = id; self.reason = reason }

    public var description: String {
        switch reason {
        case .contentChanged: return "entry \(id) was changed after it was written (its hash no longer matches)"
        case .chainBroken: return "entry \(id) does not follow the entry before it (that entry was changed or removed, or entries were moved)"
        case .missing: return "entry \(id) is missing (deleted)"
        case .reordered: return "entry ids are out of order at \(id)"
        case .headMismatch: return "entry \(id) differs from the recorded head"
        case .truncated: return "entries up to the recorded head \(id) are missing (the newest entries were deleted)"
        }
    }
}
