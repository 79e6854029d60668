import ClearanceCore
import Foundation
import GRDB

/// Published form versions, stored once per distinct form text (by its SHA-256).
public enum FormVersionStore {
    /// Stores `form` unless a form with the same hash is already stored.
    ///
    /// Call it in the save transaction before inserting an encounter recorded with `form`. Every
    /// save calls it, so the usual case (already stored) is one cached-statement lookup.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - form: The loaded form; its ``ClearanceCore/FormSpec/source`` is what is kept.
    ///   - moduleVersion: The module's semantic version text (`1.2.0`).
    ///   - at: The injected clock's now (recorded as `first_used_at` for a new row).
    /// - Returns: True when the form was new and is now stored.
    @discardableResult
    public static func register(_ db: Database, form: FormSpec, moduleVersion: String, at: Date) throws -> Bool {
        let known = try db.cachedStatement(sql: "SELECT 1 FROM form_versions WHERE form_hash = ?")
            .firstRowDirect({ $0.bind(1, form.hash) }, read: { _ in true }) ?? false
        if known { return false }
        var record = FormVersionRecord(moduleId: form.id, moduleVersion: moduleVersion, formVersion: form.version,
                                       formHash: form.hash, definition: form.source,
                                       firstUsedAt: StoreTimestamp.string(from: at))
        try record.insert(db)
        return true
    }

    /// The stored form with this hash, or nil.
    public static func fetch(_ db: Database, hash: String) throws -> FormVersionRecord? {
        try FormVersionRecord.filter(Column("form_hash") == hash).fetchOne(db)
    }

    /// Every stored version of a module's form, oldest first.
    public static func versions(_ db: Database, moduleID: String) throws -> [FormVersionRecord] {
        try FormVersionRecord.filter(Column("module_id") == moduleID).order(Column("id")).fetchAll(db)
    }
}
