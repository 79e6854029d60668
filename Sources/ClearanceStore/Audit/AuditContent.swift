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
        /// A pinned module publisher key (`v15-audit-packs`).
        case modulePublisher = "module-publisher"
        /// An installed (or removed) signed module pack, with the pack file as installed (`v15-audit-packs`).
        case modulePack = "module-pack"
        /// A fact about the database file: whether it is a demo, whether unsigned modules load (`v15-audit-packs`).
        case clinicMetadata = "clinic-metadata"

        /// The kinds `v10-audit-digests` covered (and gave a baseline entry): the tables of the
        /// later kinds did not exist yet when it ran.
        static let coveredByAuditDigests: [Kind] = [.person, .case, .encounter, .decision, .certificate, .user, .attachment,
                                                     .signingKey, .clinicIdentity]
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
        case .modulePublisher:
            return (Part(table: "module_publisher", key: "key_id", columns: ["public_key", "name", "pinned_at", "pinned_by", "removed_at"]), [])
        case .modulePack:
            return (Part(table: "module_pack", key: "id", columns: ["name", "version", "publisher_key_id", "sha256", "bundle",
                                                                   "installed_at", "installed_by", "removed_at"]), [])
        case .clinicMetadata:
            return (Part(table: "clinic_metadata", key: "key", columns: ["value"]), [])
        }
    }

    /// The digest of one subject's content as the tables hold it now, or nil when its row is gone.
    ///
    /// - Throws: A database error.
    public static func digest(_ db: Database, _ subject: AuditSubject) throws -> String? {
        let (main, owned) = parts(subject.kind)
        var hasher = SHA256()
        let feeder = ContentFeeder()
        let found = try rows(db, sql: "SELECT \(main.key), \(main.columns.joined(separator: ", ")) FROM \(main.table) WHERE \(main.key) = ?",
                             key: subject.id, keyIsInteger: isInteger(main)) { stmt in
            feeder.add(stmt, into: &hasher)
        }
        guard found > 0 else { return nil }
        for part in owned {
            _ = try rows(db, sql: "SELECT \(part.key), \(part.columns.joined(separator: ", ")) FROM \(part.table) WHERE \(part.key) = ? ORDER BY rowid",
                         key: subject.id, keyIsInteger: true) { stmt in
                feeder.add(stmt, into: &hasher)
            }
        }
        feeder.flush(into: &hasher)
        return hasher.finalize().hexString
    }

    /// Every subject's digest as the tables hold them now, and the owned rows whose owner is gone
    /// (an observation left behind by a deleted encounter), by kind.
    ///
    /// - Throws: A database error.
    public static func allDigests(_ db: Database, kinds: [Kind] = Kind.allCases) throws -> (digests: [AuditSubject: String], orphans: [AuditSubject: Int]) {
        var digests: [AuditSubject: String] = [:]
        var orphans: [AuditSubject: Int] = [:]
        try scan(db, kinds: kinds, row: { kind, key, digest in digests[AuditSubject(kind, key.description)] = digest.hex },
                 orphan: { kind, key in orphans[AuditSubject(kind, key), default: 0] += 1 })
        return (digests, orphans)
    }

    /// Computes every subject's digest of `kinds` from the tables, calling `row` for each (in
    /// no promised order) and `orphan` for each owned row whose owner is gone.
    ///
    /// One scan per table in rowid order, a running SHA-256 per subject; the bytes of consecutive
    /// rows of one subject (an encounter's observations) reach its hasher in one run.
    /// - Throws: A database error.
    static func scan(_ db: Database, kinds: [Kind], row: (Kind, SubjectKey, ContentDigest) -> Void,
                     orphan: (Kind, Int64) -> Void) throws {
        let feeder = ContentFeeder()
        for kind in kinds {
            let (main, owned) = parts(kind)
            // Without ORDER BY: a WITHOUT ROWID table (module publishers) has no rowid, and one
            // row is a subject's whole main content whatever the order.
            let mainSQL = "SELECT \(main.key), \(main.columns.joined(separator: ", ")) FROM \(main.table)"
            if owned.isEmpty || !isInteger(main) {
                _ = try rows(db, sql: mainSQL) { stmt in
                    var hasher = SHA256()
                    feeder.add(stmt, into: &hasher)
                    feeder.flush(into: &hasher)
                    row(kind, key(stmt), ContentDigest(hasher.finalize()))
                }
                continue
            }
            // Integer keys with owned rows: a hasher per subject, found by key.
            var index: [Int64: Int] = [:]
            var hashers: [SHA256] = []
            var keys: [Int64] = []
            // Sized once (regrowing 100,000-entry tables costs more than the count).
            let expected = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(main.table)") ?? 0
            index.reserveCapacity(expected); hashers.reserveCapacity(expected); keys.reserveCapacity(expected)
            _ = try rows(db, sql: mainSQL) { stmt in
                let key = sqlite3_column_int64(stmt, 0)
                var hasher = SHA256()
                feeder.add(stmt, into: &hasher)
                feeder.flush(into: &hasher)
                index[key] = hashers.count
                hashers.append(hasher); keys.append(key)
            }
            for part in owned {
                var last: (key: Int64, slot: Int)? = nil
                _ = try rows(db, sql: "SELECT \(part.key), \(part.columns.joined(separator: ", ")) FROM \(part.table) ORDER BY rowid") { stmt in
                    let key = sqlite3_column_int64(stmt, 0)
                    if let last, last.key == key {
                        feeder.add(stmt, into: &hashers[last.slot])
                        return
                    }
                    // Another subject: what the feeder holds belongs to the one before.
                    if let last { feeder.flush(into: &hashers[last.slot]) }
                    guard let slot = index[key] else {
                        last = nil
                        orphan(kind, key)
                        return
                    }
                    last = (key, slot)
                    feeder.add(stmt, into: &hashers[slot])
                }
                if let last { feeder.flush(into: &hashers[last.slot]) }
            }
            for (i, key) in keys.enumerated() { row(kind, SubjectKey(key), ContentDigest(hashers[i].finalize())) }
        }
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

    /// Column 0 (a subject's key) of the current row.
    private static func key(_ stmt: OpaquePointer) -> SubjectKey {
        if sqlite3_column_type(stmt, 0) == SQLITE_INTEGER { return SubjectKey(sqlite3_column_int64(stmt, 0)) }
        let text = sqlite3_column_text(stmt, 0)
        let length = Int(sqlite3_column_bytes(stmt, 0))
        return SubjectKey(bytes: UnsafeRawBufferPointer(start: text.map { UnsafeRawPointer($0) }, count: text == nil ? 0 : length))
    }
}

/// Writes the canonical bytes of rows (columns 1... of the current row: each value as a type
/// letter, its length or value, and its bytes, then a row separator) into a scratch buffer
/// and hands them to a hasher in large runs.
///
/// The bytes the feeder holds belong to the hasher the caller last passed: call
/// ``flush(into:)`` with that hasher before adding a row for another one.
final class ContentFeeder {
    static let capacity = 1 << 16
    /// Longer values go to the hasher directly rather than through the buffer.
    static let inlineLimit = 4096
    private let buffer = UnsafeMutableRawPointer.allocate(byteCount: ContentFeeder.capacity, alignment: 8)
    private var count = 0

    deinit { buffer.deallocate() }

    /// Adds the current row of `stmt` (from column 1) for `hasher`.
    func add(_ stmt: OpaquePointer, into hasher: inout SHA256) {
        let columns = sqlite3_column_count(stmt)
        var i: Int32 = 1
        while i < columns {
            if count + 9 + Self.inlineLimit > Self.capacity { flush(into: &hasher) }
            switch sqlite3_column_type(stmt, i) {
            case SQLITE_NULL:
                put(UInt8(ascii: "n"))
            case SQLITE_INTEGER:
                put(UInt8(ascii: "i"))
                put(UInt64(bitPattern: sqlite3_column_int64(stmt, i)))
            case SQLITE_FLOAT:
                put(UInt8(ascii: "r"))
                put(sqlite3_column_double(stmt, i).bitPattern)
            case SQLITE_BLOB:
                // Blob pointer first, then its length (SQLite's documented order).
                let pointer = sqlite3_column_blob(stmt, i)
                bytes(UInt8(ascii: "b"), pointer, Int(sqlite3_column_bytes(stmt, i)), into: &hasher)
            default:
                let pointer = sqlite3_column_text(stmt, i).map { UnsafeRawPointer($0) }
                bytes(UInt8(ascii: "t"), pointer, Int(sqlite3_column_bytes(stmt, i)), into: &hasher)
            }
            i += 1
        }
        put(UInt8(ascii: "\n"))
    }

    /// Hands the buffered bytes to `hasher`.
    func flush(into hasher: inout SHA256) {
        guard count > 0 else { return }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    /// A text or blob: the type letter, its length, then the bytes.
    private func bytes(_ letter: UInt8, _ pointer: UnsafeRawPointer?, _ length: Int, into hasher: inout SHA256) {
        put(letter)
        put(UInt64(bitPattern: Int64(length)))
        guard let pointer, length > 0 else { return }
        if length > Self.inlineLimit {
            flush(into: &hasher)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: pointer, count: length))
        } else {
            (buffer + count).copyMemory(from: pointer, byteCount: length)
            count += length
        }
    }

    @inline(__always) private func put(_ byte: UInt8) {
        buffer.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always) private func put(_ word: UInt64) {
        buffer.storeBytes(of: word.littleEndian, toByteOffset: count, as: UInt64.self)
        count += 8
    }
}

extension AuditSubject {
    /// The entries' `content` text: `kind id=digest` per subject, one a line.
    static func contentText(_ items: [(AuditSubject, String?)]) -> String {
        items.map { "\($0.0.kind.rawValue) \($0.0.id)=\($0.1 ?? "gone")" }.joined(separator: "\n")
    }

    /// Reads an entry's `content` bytes back: for each line `kind id=digest` whose kind is
    /// known, calls `line` with the kind, the id's bytes and the digest's bytes (`gone` for a
    /// row the entry saw deleted). Lines of another shape are skipped.
    static func forEachContentLine(_ text: UnsafeRawBufferPointer, _ line: (AuditContent.Kind, UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) {
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != UInt8(ascii: "\n") { end += 1 }
            // The first space ends the kind, the last `=` the id.
            var space = start
            while space < end && text[space] != UInt8(ascii: " ") { space += 1 }
            var eq = end - 1
            while eq > space && text[eq] != UInt8(ascii: "=") { eq -= 1 }
            if space < end, eq > space,
               let kind = AuditContent.Kind(rawValue: String(decoding: UnsafeRawBufferPointer(rebasing: text[start..<space]), as: UTF8.self)) {
                line(kind, UnsafeRawBufferPointer(rebasing: text[(space + 1)..<eq]), UnsafeRawBufferPointer(rebasing: text[(eq + 1)..<end]))
            }
            start = end + 1
        }
    }
}
