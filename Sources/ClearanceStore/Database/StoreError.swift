import Foundation
import GRDB

/// A problem the store met: a file it cannot open, a row that does not decode, a name already taken.
///
/// Extensible: a public struct wrapping a private enum, so new kinds break nobody. The
/// ``description`` says what was wrong, where, and what to do.
///
/// ```swift
/// do { try users.create(...) } catch let error as StoreError { print(error) }
/// ```
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    enum Kind: Sendable, Equatable {
        case cannotOpen(path: String, reason: String)
        case badObservation(id: Int64?, path: String, reason: String)
        case unsupportedValue(path: String, reason: String)
        case notFound(entity: String, id: String)
        case duplicate(entity: String, key: String)
        case invalidInput(field: String, reason: String)
        case badPasswordHash(reason: String)
        case newerSchema(path: String, unknown: [String])
        case database(code: Int32, message: String)
        case readOnly(path: String, reason: String)
    }

    /// What kind of problem it is, for callers that map store errors to their own (the
    /// service maps not found to exit 5, duplicate and busy to 7): never parse ``description``.
    public enum Category: String, Sendable, Hashable {
        /// The file could not be opened or migrated.
        case cannotOpen
        /// A stored row does not decode (edited outside Clearance, or damaged).
        case unreadable
        /// A value or argument the store does not accept (a NaN, an empty username).
        case invalidInput
        /// A row that was expected is absent.
        case notFound
        /// A unique key is already taken, or a constraint of the schema refused the change.
        case conflict
        /// Another program held the database past the busy timeout.
        case busy
        /// The disk (or the file system's quota) is full: SQLite could not grow the file.
        case full
        /// The database file or its folder is not writable by this user.
        case readOnly
        /// SQLite failed otherwise (disk full, I/O error).
        case failed
    }

    /// The field or path an invalid-input error is about, if any.
    public var field: String? {
        switch kind {
        case .invalidInput(let field, _): field
        case .unsupportedValue(let path, _), .badObservation(_, let path, _): path
        default: nil
        }
    }

    /// This error's kind.
    public var category: Category {
        switch kind {
        case .cannotOpen, .newerSchema: .cannotOpen
        case .badObservation, .badPasswordHash: .unreadable
        case .unsupportedValue, .invalidInput: .invalidInput
        case .notFound: .notFound
        case .duplicate: .conflict
        case .readOnly: .readOnly
        case .database(let code, _):
            switch code & 0xff {
            case 5, 6: .busy            // SQLITE_BUSY, SQLITE_LOCKED
            case 8: .readOnly           // SQLITE_READONLY
            case 13: .full              // SQLITE_FULL
            case 19: .conflict          // SQLITE_CONSTRAINT
            default: .failed
            }
        }
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The database file could not be opened or migrated.
    public static func cannotOpen(path: String, reason: String) -> StoreError {
        StoreError(.cannotOpen(path: path, reason: reason))
    }
    /// A stored observation row cannot be turned back into a value.
    public static func badObservation(id: Int64?, path: String, reason: String) -> StoreError {
        StoreError(.badObservation(id: id, path: path, reason: reason))
    }
    /// A value that the store cannot represent (a NaN decimal, a malformed path).
    public static func unsupportedValue(path: String, reason: String) -> StoreError {
        StoreError(.unsupportedValue(path: path, reason: reason))
    }
    /// A row that was expected is absent.
    public static func notFound(entity: String, id: String) -> StoreError {
        StoreError(.notFound(entity: entity, id: id))
    }
    /// A unique key is already taken (a username).
    public static func duplicate(entity: String, key: String) -> StoreError {
        StoreError(.duplicate(entity: entity, key: key))
    }
    /// An argument that breaks a rule of the store (empty username, malformed date).
    public static func invalidInput(field: String, reason: String) -> StoreError {
        StoreError(.invalidInput(field: field, reason: reason))
    }
    /// A stored password hash string that is not in the expected format.
    public static func badPasswordHash(reason: String) -> StoreError {
        StoreError(.badPasswordHash(reason: reason))
    }

    /// The database was migrated by a newer version of Clearance (`unknown` lists the schema
    /// changes this version does not know); it is left untouched.
    public static func newerSchema(path: String, unknown: [String]) -> StoreError {
        StoreError(.newerSchema(path: path, unknown: unknown))
    }

    /// The database is open read-only (`reason`: the file or folder not writable): nothing was written.
    public static func readOnly(path: String, reason: String) -> StoreError {
        StoreError(.readOnly(path: path, reason: reason))
    }

    /// True when the database was made by a newer version.
    public var isNewerSchema: Bool { if case .newerSchema = kind { return true }; return false }

    /// A database error of SQLite (busy, constraint, I/O) as a store error with its kind.
    public init(_ error: DatabaseError) {
        self.init(.database(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)"))
    }

    /// True when the error says a row was not found.
    public var isNotFound: Bool { if case .notFound = kind { return true }; return false }
    /// True when the error says a unique key is already taken.
    public var isDuplicate: Bool { if case .duplicate = kind { return true }; return false }

    public var description: String {
        switch kind {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the clinic database: \(reason). Check the path and its permissions, "
                + "and that no other program holds the file locked."
        case .badObservation(let id, let path, let reason):
            let row = id.map { "observation \($0)" } ?? "observation"
            return "\(row) at '\(path)': \(reason). The database may have been edited outside Clearance; "
                + "run `clearance audit verify` and restore from backup if needed."
        case .unsupportedValue(let path, let reason):
            return "field '\(path)': \(reason)."
        case .notFound(let entity, let id):
            return "\(entity) \(id) not found. Check the id (list them to see what exists)."
        case .duplicate(let entity, let key):
            return "\(entity) '\(key)' already exists. Choose another or edit the existing one."
        case .invalidInput(let field, let reason):
            return "\(field): \(reason)."
        case .newerSchema(let path, let unknown):
            return "\(path): this database was made by a newer version of Clearance (schema changes unknown here: "
                + "\(unknown.joined(separator: ", "))); nothing was changed. Use that newer version, or restore a backup made by this one."
        case .badPasswordHash(let reason):
            return "stored password hash is unreadable: \(reason). Reset this user's password."
        case .readOnly(let path, let reason):
            return "\(path) is open read-only (\(reason)): nothing was saved, and confidential records are not shown because "
                + "reading them cannot be audited. Other reads work; to change records, make the file and its folder writable "
                + "(chmod 600 the file, 700 the folder) or restore a backup to a writable place."
        case .database(let code, let message):
            switch code & 0xff {
            case 5, 6: return "the database is busy: another program kept it for writing longer than the busy timeout; nothing of this change was saved. Try again in a moment (CLEARANCE_BUSY_TIMEOUT sets how long to wait)."
            case 8: return "the database is read-only (the file or its folder is not writable by this user): nothing was saved."
            case 13: return "the disk is full: SQLite could not grow the database, so this change was rolled back and nothing of it was saved. Free space on the database's disk, then try again."
            case 19: return "the database refused the change: \(message)."
            default: return "the database failed: \(message) (SQLite code \(code)). Check the disk (space, permissions)."
            }
        }
    }
}
