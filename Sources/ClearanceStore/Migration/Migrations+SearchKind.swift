import GRDB

extension StoreMigration {
    /// Name search by kind: a surname-prefix scan no longer steps over given-name keys that share
    /// the prefix (tens of thousands for a common name among a million persons).
    static let searchKind = StoreMigration(id: "v3-search-kind") { db in
        try db.execute(sql: "CREATE INDEX person_search_keys_kind ON person_search_keys(kind, key, person_id)")
    }
}
