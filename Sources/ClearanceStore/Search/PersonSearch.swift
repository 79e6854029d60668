import Foundation
import GRDB

/// Finding persons by travel document number or by name prefix.
///
/// Name search reads the indexed `person_search_keys` table with a range query
/// (`key >= prefix AND key < prefix || U+10FFFF`), so it stays fast at a million persons.
/// Every word of the query must be the prefix of some word of the person's names.
///
/// ```swift
/// let hits = try store.read { db in try PersonSearch.byName(db, "mull", limit: 20) }
/// ```
public enum PersonSearch {
    /// The highest Unicode scalar: every key starting with a prefix sorts below prefix + this.
    static let top = "\u{10FFFF}"

    /// A document number normalized for lookup: uppercase, without spaces, hyphens, dots or slashes.
    public static func documentKey(_ number: String) -> String {
        String(number.uppercased().unicodeScalars.filter { !" -./\t".unicodeScalars.contains($0) })
    }

    /// Persons whose document number equals `number` (after normalizing both), newest first.
    public static func byDocument(_ db: Database, _ number: String, limit: Int = 50) throws -> [PersonRecord] {
        let key = documentKey(number)
        guard !key.isEmpty else { return [] }
        return try PersonRecord.fetchAll(db, sql: "SELECT * FROM persons WHERE document_key = ? ORDER BY id DESC LIMIT ?",
                                         arguments: [key, max(0, limit)])
    }

    /// Persons whose names start with the query's words, ranked: exact surname first, then
    /// surname prefix, then given-name matches; within a rank by surname, given names, id.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - query: One or more words (`mül`, `ahmed fat`); case and diacritics do not matter.
    ///   - limit: The most persons returned.
    /// - Returns: The matching persons, best first; empty for a query with no letters or digits.
    public static func byName(_ db: Database, _ query: String, limit: Int = 50) throws -> [PersonRecord] {
        let words = Array(NameFolding.words(query).prefix(6))
        guard !words.isEmpty else { return [] }
        return try PersonRecord.fetchAll(db, sql: sql(words: words), arguments: arguments(words: words, limit: limit))
    }

    /// The SQL of a name search (exposed for `EXPLAIN QUERY PLAN` checks and benchmarks).
    public static func sql(words: [String]) -> String {
        guard !words.isEmpty else { return "SELECT * FROM persons WHERE 0" }
        // The first word drives the index range scan and gives the rank; each further word
        // must match some key of the same person (an indexed range probe per candidate).
        var sql = """
            SELECT p.* FROM (
                SELECT k.person_id AS pid,
                       MIN(CASE WHEN k.kind = 's' AND k.key = ? THEN 0 WHEN k.kind = 's' THEN 1 ELSE 2 END) AS rank
                FROM person_search_keys k
                WHERE k.key >= ? AND k.key < ?
                GROUP BY k.person_id
            ) AS m JOIN persons p ON p.id = m.pid
            """
        var conditions: [String] = []
        for _ in words.dropFirst() {
            conditions.append("EXISTS (SELECT 1 FROM person_search_keys k2 WHERE k2.key >= ? AND k2.key < ? AND k2.person_id = m.pid)")
        }
        if !conditions.isEmpty { sql += "\nWHERE " + conditions.joined(separator: " AND ") }
        sql += "\nORDER BY m.rank, p.surname, p.given_names, p.id LIMIT ?"
        return sql
    }

    /// The arguments matching ``sql(words:)``.
    public static func arguments(words: [String], limit: Int) -> StatementArguments {
        guard let first = words.first else { return [] }
        var args: [(any DatabaseValueConvertible)?] = [first, first, first + top]
        for w in words.dropFirst() { args += [w, w + top] }
        args.append(max(0, limit))
        return StatementArguments(args)
    }
}
