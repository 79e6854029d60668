import Foundation
import GRDB

/// Fast insertion of many synthetic persons, for benchmarks and load tests.
///
/// One transaction, prepared statements reused for every row: a million persons with their
/// search keys take seconds in a release build. Names mix Latin with diacritics, Cyrillic and
/// Arabic so that search is measured on realistic keys. Deterministic for a given seed.
///
/// ```swift
/// let n = try store.write { db in try PersonBulkInsert.insertSynthetic(db, count: 1_000_000, seed: 1, at: now) }
/// ```
public enum PersonBulkInsert {
    static let surnames = [
        "Müller", "Ahmed", "Hassan", "Nguyen", "Kowalski", "Øberg", "García", "Ibrahim", "Zoë", "Okafor",
        "Иванов", "Петрова", "Смирнов", "محمد", "حسن", "علي", "Yılmaz", "Çelik", "Nowak", "Dubois",
        "Mohamud", "Haile", "Tesfaye", "Khan", "Rahman", "Popescu", "Santos", "Pérez", "Ó Briain", "Lefèvre",
    ]
    static let givens = [
        "Amina", "Fatima", "José", "Ali", "Zoë", "Nadia", "Olga", "Dmitri", "Aïsha", "Mohammed",
        "Hawa", "Yusuf", "Ngozi", "Chen", "Lucía", "Sébastien", "Анна", "Сергей", "فاطمة", "أحمد",
    ]

    /// Inserts `count` synthetic persons with their search keys, in the caller's transaction.
    ///
    /// Surnames get a numeric suffix word every so often (`Müller 417`) so that keys are
    /// numerous and varied; document numbers are `BENCH<seed>X<n>`.
    ///
    /// - Parameters:
    ///   - db: A connection inside the caller's write transaction.
    ///   - count: How many persons.
    ///   - seed: Makes the names reproducible.
    ///   - at: The `created_at` of every row.
    ///   - createdBy: The `created_by` of every row.
    /// - Returns: The id of the first inserted person (ids are consecutive).
    @discardableResult
    public static func insertSynthetic(_ db: Database, count: Int, seed: UInt64 = 1, at: Date,
                                       createdBy: String = "bench") throws -> Int64 {
        let person = try db.makeStatement(sql: """
            INSERT INTO persons (surname, given_names, date_of_birth, sex, nationality, document_type,
                                 document_number, document_key, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, 'passport', ?, ?, ?, ?)
            """)
        let key = try db.makeStatement(sql: "INSERT OR IGNORE INTO person_search_keys (key, person_id, kind) VALUES (?, ?, ?)")
        let stamp = StoreTimestamp.string(from: at)
        let nations = ["SOM", "AFG", "SYR", "UKR", "ETH", "PHL", "NGA", "IND", "BGD", "VNM"]
        let sexes = ["F", "M", "X"]
        // Fold each base name once; only the numeric suffix varies per row.
        let surnameKeys = surnames.map(NameFolding.searchKeys)
        let givenKeys = givens.map(NameFolding.searchKeys)
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var firstID: Int64 = 0
        for n in 0..<max(0, count) {
            let s = next() % surnames.count, g = next() % givens.count, g2 = next() % givens.count
            let suffix = next() % 50_000
            let surname = "\(surnames[s]) \(suffix)"
            let given = g == g2 ? givens[g] : "\(givens[g]) \(givens[g2])"
            let month = 1 + next() % 12, day = 1 + next() % 28
            let dob = "\(1950 + next() % 60)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let doc = "BENCH\(seed)X\(n)"
            person.setUncheckedArguments([surname, given, dob, sexes[next() % 3], nations[next() % nations.count],
                                          doc, doc, stamp, createdBy])
            try person.execute()
            let id = db.lastInsertedRowID
            if n == 0 { firstID = id }
            for k in surnameKeys[s] + [String(suffix)] {
                key.setUncheckedArguments([k, id, "s"]); try key.execute()
            }
            for k in givenKeys[g] + (g == g2 ? [] : givenKeys[g2]) {
                key.setUncheckedArguments([k, id, "g"]); try key.execute()
            }
        }
        return firstID
    }
}
