import GRDB

/// Ids passed to one query as a JSON array, read back with `json_each(?)`: one cached
/// statement serves batches of any size.
enum BatchKeys {
    /// `[1,2,3]`.
    static func json(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}

/// A record read by column position from a SELECT naming ``selection`` (see Records+Positional.swift).
protocol PositionalRecord {
    static var selection: String { get }
    var id: Int64? { get }
    init(positional row: Row) throws
}

extension CaseRecord: PositionalRecord {}
extension PersonRecord: PositionalRecord {}

/// Reads of whole rows by id, through cached statements and positional decoding: the reads
/// every save and every import batch makes.
enum PositionalRows {
    /// The row of `table` with this id, or nil.
    static func one<R: PositionalRecord>(_ db: Database, table: String, id: Int64) throws -> R? {
        // A cached statement: the query builder compiles its SQL anew on every call.
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(R.selection) FROM \(table) WHERE id = ?"), arguments: [id])
            .map(R.init(positional:))
    }

    /// The rows of `table` with these ids that exist, by id, in one query.
    static func byID<R: PositionalRecord>(_ db: Database, table: String, ids: some Collection<Int64>) throws -> [Int64: R] {
        var out: [Int64: R] = [:]
        let sql = "SELECT \(R.selection) FROM \(table) WHERE id IN (SELECT value FROM json_each(?))"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [BatchKeys.json(ids)])
        while let row = try rows.next() {
            let record = try R(positional: row)
            if let id = record.id { out[id] = record }
        }
        return out
    }
}
