import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

@Suite struct PersonBulkInsertTests {
    @Test func insertsManySearchablePersonsDeterministically() throws {
        let test = try TestStore(configuration: StoreConfiguration(synchronous: .off))
        let n = 20_000
        let t0 = Date()
        let first = try test.database.write { db throws in try PersonBulkInsert.insertSynthetic(db, count: n, seed: 7, at: Date(timeIntervalSince1970: 0)) }
        let elapsed = Date().timeIntervalSince(t0)
        #expect(first == 1)
        try test.database.read { db throws in
            #expect(try PersonRecord.fetchCount(db) == n)
            let keys = try Int.fetchOne(db, sql: "SELECT count(*) FROM person_search_keys") ?? 0
            #expect(keys >= 3 * n)
            let hits = try PersonSearch.byName(db, "mull", limit: 25)
            #expect(hits.count == 25)
            #expect(hits.allSatisfy { $0.surname.hasPrefix("Müller") })
            #expect(try PersonSearch.byDocument(db, "bench7x19999").count == 1)
            #expect(try PersonSearch.byName(db, "иван", limit: 5).allSatisfy { $0.surname.hasPrefix("Иванов") })
        }
        // Same seed, same people.
        let again = try TestStore(configuration: StoreConfiguration(synchronous: .off))
        try again.database.write { db throws in try PersonBulkInsert.insertSynthetic(db, count: 100, seed: 7, at: Date(timeIntervalSince1970: 0)) }
        let a = try test.database.read { db throws in try PersonRecord.limit(100).order(Column("id")).fetchAll(db).map(\.surname) }
        let b = try again.database.read { db throws in try PersonRecord.order(Column("id")).fetchAll(db).map(\.surname) }
        #expect(a == b)
        print("bulk insert: \(n) persons in \(String(format: "%.2f", elapsed)) s (debug build)")
    }
}
