import ClearanceCore
import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// A row (with the rows that belong to it) that an audit entry wrote: `encounter 42`, `user amina`.
///
/// ```swift
/// let subject = AuditSubject(.encounter, "42")
/// let digest = try AuditContent.digest(db, subject)   // nil when the row is gone
/// ```
public struct AuditSubject: Hashable, Sendable, CustomStringConvertible {
    public var kind: AuditContent.Kind
    /// The row's key as text: a number for most tables, the user name, key id or certificate id.
    public var id: String

    public init(_ kind: AuditContent.Kind, _ id: String) { self.kind = kind; self.id = id }
    public init(_ kind: AuditContent.Kind, _ id: Int64) { self.kind = kind; self.id = String(id) }

    /// `encounter 42`.
    public var description: String { "\(kind.rawValue) \(id)" }
}

/// The canonical content of every clinical row, digested: what an audit entry records it wrote
/// and what `audit verify` recomputes from the tables.
///
/// Each kind is one table (its key and its content columns, named: a column added by a later
/// migration is covered only once added here) and the tables whose rows belong to it, in id
/// order. The digest is SHA-256 over every value, each written with its type and length, so no
/// two different contents share one. The same code reads one row (``digest(_:_:)``, on the save
/// path) and every row (``allDigests(_:)``, for `audit verify`).
///
/// Not covered: a case's `status` (a summary kept up to date from its encounters, decisions,
/// certificates and status changes, which are covered), an attachment's owner columns (set once
/// by a trigger-guarded update; the encounter's image answers and the person's photo column name
/// it), person search keys (an index), form versions and the login throttle.
public enum AuditContent {
    /// The kinds of row an entry can write; the raw value is the audit entity type.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case person, `case`, encounter, decision, certificate, user, attachment
        case signingKey = "signing-key"
        case clinicIdentity = "clinic-identity"
    }

    /// One table's part of a kind's content.
    struct Part {
        /// The table.
        var table: String
        /// The column naming the subject (the key for the main table, the owner for the others).
        var key: String
        /// The content columns, in order.
        var columns: [String]
    }

    /// The main table and the owned tables of a kind.
    static func parts(_ kind: Kind) -> (main: Part, owned: [Part]) {
        switch kind {
        case .person:
            return (Part(table: "persons", key: "id", columns: ["surname", "given_names", "date_of_birth", "sex", "nationality", "document_type",
                                                               "document_number", "document_key", "document_expiry", "guardian",
                                                               "photo_attachment_id", "created_at", "created_by"]),
                    [Part(table: "person_changes", key: "person_id", columns: ["id", "field", "old_value", "new_value", "reason", "changed_by", "changed_at"]),
                     Part(table: "person_merges", key: "dropped_id", columns: ["kept_id", "reason", "moved_cases", "merged_by", "merged_at"])])
        case .case:
            return (Part(table: "cases", key: "id", columns: ["person_id", "programme", "purpose", "site", "opened_at", "opened_by"]),
                    [Part(table: "case_status_changes", key: "case_id",
                          columns: ["id", "action", "from_status", "to_status", "reason", "certificate_action", "changed_by", "changed_at"])])
        case .encounter:
            return (Part(table: "encounters", key: "id", columns: ["case_id", "module_id", "module_version", "form_version", "form_hash", "status",
                                                                  "recorded_by", "recorded_at", "result_codes", "derived", "pending"]),
                    [Part(table: "observations", key: "encounter_id",
                          columns: ["id", "path", "value_type", "value_text", "value_integer", "value_real", "created_by", "created_at",
                                    "voided_at", "voided_by", "void_reason", "replaces_id"])])
        case .decision:
            return (Part(table: "decisions", key: "id", columns: ["case_id", "proposed", "decision", "differs", "conditions", "reason",
                                                                 "last_encounter_id", "decided_by", "decided_at", "evidence", "evidence_sha256"]), [])
        case .certificate:
            return (Part(table: "certificates", key: "id", columns: ["case_id", "decision_id", "outcome", "issue_date", "expiry_date", "key_id",
                                                                    "payload", "signed_payload", "pdf", "issued_at", "issued_by", "status",
                                                                    "superseded_by", "status_changed_at", "status_changed_by", "status_reason"]), [])
        case .user:
            return (Part(table: "users", key: "username", columns: ["id", "display_name", "password_hash", "roles", "registration_number",
                                                                   "disabled", "created_at"]), [])
        case .attachment:
            return (Part(table: "attachments", key: "id", columns: ["kind", "media_type", "byte_size", "sha256", "bytes", "created_at", "created_by"]),
                    [Part(table: "attachment_renditions", key: "attachment_id", columns: ["id", "kind", "media_type", "width", "height", "byte_size", "bytes"])])
        case .signingKey:
            return (Part(table: "signing_keys", key: "key_id", columns: ["public_key", "created_at", "created_by"]), [])
        case .clinicIdentity:
            return (Part(table: "clinic_identity", key: "id", columns: ["name", "address", "site_code", "updated_at", "updated_by"]), [])
        }
    }

    /// The digest of one subject's content as the tables hold it now, or nil when its row is gone.
    ///
    /// - Throws: A database error.
    public static func digest(_ db: Database, _ subject: AuditSubject) throws -> String? {
        let (main, owned) = parts(subject.kind)
        var hasher = SHA256()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        let found = try rows(db, sql: "SELECT \(main.key), \(main.columns.joined(separator: ", ")) FROM \(main.table) WHERE \(main.key) = ?",
                             key: subject.id, keyIsInteger: isInteger(main)) { stmt in
            feed(stmt, from: 1, into: &buffer, hasher: &hasher)
        }
        guard found > 0 else { return nil }
        for part in owned {
            _ = try rows(db, sql: "SELECT \(part.key), \(part.columns.joined(separator: ", ")) FROM \(part.table) WHERE \(part.key) = ? ORDER BY rowid",
                         key: subject.id, keyIsInteger: true) { stmt in
                feed(stmt, from: 1, into: &buffer, hasher: &hasher)
            }
        }
        return hasher.finalize().hexString
    }

    /// Every subject's digest as the tables hold them now, and the owned rows whose owner is gone
    /// (an observation left behind by a deleted encounter), by kind.
    ///
    /// One scan per table, in rowid order, with a running SHA-256 per subject.
    /// - Throws: A database error.
    public static func allDigests(_ db: Database, kinds: [Kind] = Kind.allCases) throws -> (digests: [AuditSubject: String], orphans: [AuditSubject: Int]) {
        var digests: [AuditSubject: String] = [:]
        var orphans: [AuditSubject: Int] = [:]
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        for kind in kinds {
            let (main, owned) = parts(kind)
            let mainSQL = "SELECT \(main.key), \(main.columns.joined(separator: ", ")) FROM \(main.table) ORDER BY rowid"
            if owned.isEmpty || !isInteger(main) {
                _ = try rows(db, sql: mainSQL) { stmt in
                    var hasher = SHA256()
                    feed(stmt, from: 1, into: &buffer, hasher: &hasher)
                    digests[AuditSubject(kind, text(stmt, 0))] = hasher.finalize().hexString
                }
                continue
            }
            // Integer keys with owned rows: a hasher per subject, found by key.
            var index: [Int64: Int] = [:]
            var hashers: [SHA256] = []
            var keys: [Int64] = []
            _ = try rows(db, sql: mainSQL) { stmt in
                let key = sqlite3_column_int64(stmt, 0)
                var hasher = SHA256()
                feed(stmt, from: 1, into: &buffer, hasher: &hasher)
                index[key] = hashers.count
                hashers.append(hasher); keys.append(key)
            }
            for part in owned {
                var last: (key: Int64, slot: Int)? = nil
                _ = try rows(db, sql: "SELECT \(part.key), \(part.columns.joined(separator: ", ")) FROM \(part.table) ORDER BY rowid") { stmt in
                    let key = sqlite3_column_int64(stmt, 0)
                    let slot: Int
                    if let last, last.key == key { slot = last.slot } else if let s = index[key] { slot = s } else {
                        orphans[AuditSubject(kind, key), default: 0] += 1
                        return
                    }
                    last = (key, slot)
                    feed(stmt, from: 1, into: &buffer, hasher: &hashers[slot])
                }
            }
            digests.reserveCapacity(digests.count + keys.count)
            for (i, key) in keys.enumerated() { digests[AuditSubject(kind, key)] = hashers[i].finalize().hexString }
        }
        return (digests, orphans)
    }

    /// True when the part's key column holds integers.
    static func isInteger(_ part: Part) -> Bool { part.key == "id" && part.table != "certificates" }

    /// Runs `sql` (bound to `key` when given), calling `row` for each row; returns the row count.
    private static func rows(_ db: Database, sql: String, key: String? = nil, keyIsInteger: Bool = false,
                             _ row: (OpaquePointer) -> Void) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
        if let key {
            if keyIsInteger {
                guard let n = Int64(key) else { return 0 }
                sqlite3_bind_int64(handle, 1, n)
            } else {
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                sqlite3_bind_text(handle, 1, key, -1, transient)
            }
        }
        var count = 0
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return count }
            guard code == SQLITE_ROW else {
                let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
            }
            row(handle)
            count += 1
        }
    }

    /// Column `i` as text (the key of a subject).
    private static func text(_ stmt: OpaquePointer, _ i: Int32) -> String {
        if sqlite3_column_type(stmt, i) == SQLITE_INTEGER { return String(sqlite3_column_int64(stmt, i)) }
        return sqlite3_column_text(stmt, i).map { String(cString: $0) } ?? ""
    }

    /// Feeds columns `from...` of the current row to `hasher`: each value as a type letter, its
    /// length or value, and its bytes, then a row separator.
    private static func feed(_ stmt: OpaquePointer, from first: Int32, into buffer: inout [UInt8], hasher: inout SHA256) {
        buffer.removeAll(keepingCapacity: true)
        let count = sqlite3_column_count(stmt)
        var i = first
        while i < count {
            switch sqlite3_column_type(stmt, i) {
            case SQLITE_NULL:
                buffer.append(UInt8(ascii: "n"))
            case SQLITE_INTEGER:
                buffer.append(UInt8(ascii: "i"))
                withUnsafeBytes(of: sqlite3_column_int64(stmt, i).littleEndian) { buffer.append(contentsOf: $0) }
            case SQLITE_FLOAT:
                buffer.append(UInt8(ascii: "r"))
                withUnsafeBytes(of: sqlite3_column_double(stmt, i).bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
            default:
                // Text and blobs: the length, then the bytes (large blobs straight to the hasher).
                let isBlob = sqlite3_column_type(stmt, i) == SQLITE_BLOB
                let pointer: UnsafeRawPointer? = isBlob ? sqlite3_column_blob(stmt, i) : sqlite3_column_text(stmt, i).map { UnsafeRawPointer($0) }
                let length = Int(sqlite3_column_bytes(stmt, i))
                buffer.append(isBlob ? UInt8(ascii: "b") : UInt8(ascii: "t"))
                withUnsafeBytes(of: Int64(length).littleEndian) { buffer.append(contentsOf: $0) }
                if let pointer, length > 0 {
                    let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
                    if length > 4096 {
                        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                        buffer.removeAll(keepingCapacity: true)
                        hasher.update(bufferPointer: bytes)
                    } else {
                        buffer.append(contentsOf: bytes)
                    }
                }
            }
            i += 1
        }
        buffer.append(UInt8(ascii: "\n"))
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }
}

extension AuditSubject {
    /// The entries' `content` text: `kind id=digest` per subject, one a line.
    static func contentText(_ items: [(AuditSubject, String?)]) -> String {
        items.map { "\($0.0.kind.rawValue) \($0.0.id)=\($0.1 ?? "gone")" }.joined(separator: "\n")
    }

    /// Parses an entry's `content` text back to subjects and digests (nil digest: `gone`).
    static func parseContent(_ text: String) -> [(AuditSubject, String?)] {
        text.split(separator: "\n").compactMap { line in
            guard let eq = line.lastIndex(of: "="), let space = line.firstIndex(of: " "), space < eq,
                  let kind = AuditContent.Kind(rawValue: String(line[..<space])) else { return nil }
            let digest = String(line[line.index(after: eq)...])
            return (AuditSubject(kind, String(line[line.index(after: space)..<eq])), digest == "gone" ? nil : digest)
        }
    }
}
