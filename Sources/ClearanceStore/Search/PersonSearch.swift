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
        let sql = "SELECT \(PersonRecord.selection) FROM persons WHERE document_key = ? ORDER BY id DESC LIMIT ?"
        return try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [key, max(0, limit)]).map(PersonRecord.init(positional:)))
    }

    /// How well a person's name matches: exact surname, then surname prefix, then given name.
    public enum Rank: Int, CaseIterable, Sendable {
        case exactSurname, surnamePrefix, givenPrefix
    }

    /// Persons whose names start with the query's words, ranked: exact surname first, then
    /// surname prefix, then given-name matches; within a rank in folded-name order, then id.
    ///
    /// Each rank is one range scan of the `(key, person_id)` primary key in index order that
    /// stops at `limit`: no query ever collects or sorts every match, so a common prefix among a
    /// million persons costs no more than a rare one.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - query: One or more words (`mül`, `ahmed fat`); case and diacritics do not matter.
    ///   - limit: The most persons returned.
    /// - Returns: The matching persons, best first; empty for a query with no letters or digits.
    public static func byName(_ db: Database, _ query: String, limit: Int = 50) throws -> [PersonRecord] {
        let words = Array(NameFolding.words(query).prefix(6))
        guard !words.isEmpty, limit > 0 else { return [] }
        var ids: [Int64] = []
        var seen = Set<Int64>()
        for rank in Rank.allCases where ids.count < limit {
            // Ask for a few more than needed: one person may match twice (two given names).
            // Cached statements: compiling the SQL cost more than running it.
            let found = try Int64.fetchAll(db.cachedStatement(sql: sql(words: words, rank: rank)),
                                           arguments: arguments(words: words, rank: rank, limit: limit - ids.count + seen.count + 8))
            for id in found where ids.count < limit && seen.insert(id).inserted { ids.append(id) }
        }
        guard !ids.isEmpty else { return [] }
        let byID = try PersonStore.fetchAll(db, ids: ids)
        return ids.compactMap { byID[$0] }
    }

    /// The SQL of one rank of a name search: person ids in index order (exposed for
    /// `EXPLAIN QUERY PLAN` checks).
    public static func sql(words: [String], rank: Rank) -> String {
        guard !words.isEmpty else { return "SELECT NULL WHERE 0" }
        var sql = "SELECT k.person_id FROM person_search_keys k WHERE "
        switch rank {
        case .exactSurname: sql += "k.key = ? AND k.kind = 's'"
        case .surnamePrefix: sql += "k.key > ? AND k.key < ? AND k.kind = 's'"
        case .givenPrefix: sql += "k.key >= ? AND k.key < ? AND k.kind = 'g'"
        }
        // Each further word must match some key of the same person (an indexed probe per candidate).
        for _ in words.dropFirst() {
            sql += " AND EXISTS (SELECT 1 FROM person_search_keys k2 WHERE k2.key >= ? AND k2.key < ? AND k2.person_id = k.person_id)"
        }
        return sql + " ORDER BY k.key, k.person_id LIMIT ?"
    }

    /// The arguments matching ``sql(words:rank:)``.
    public static func arguments(words: [String], rank: Rank, limit: Int) -> StatementArguments {
        guard let first = words.first else { return [] }
        var args: [(any DatabaseValueConvertible)?] = rank == .exactSurname ? [first] : [first, first + top]
        for w in words.dropFirst() { args += [w, w + top] }
        args.append(max(0, limit))
        return StatementArguments(args)
    }
}
