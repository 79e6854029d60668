import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

@Suite struct PersonSearchTests {
    @Test func foldingIgnoresCaseAndDiacriticsAndKeepsScripts() {
        #expect(NameFolding.fold("Müller") == "muller")
        #expect(NameFolding.fold("MÜLLER") == "muller")
        #expect(NameFolding.fold("Zoë") == "zoe")
        #expect(NameFolding.fold("Øberg") == "oberg")
        #expect(NameFolding.fold("Straße") == "strasse")
        #expect(NameFolding.fold("Çelik") == "celik")
        #expect(NameFolding.fold("Ёлкин") == "елкин")
        #expect(NameFolding.fold("Йылдыз") == NameFolding.fold("йылдыз"))
        #expect(NameFolding.fold("أحمد") == "احمد")
        #expect(NameFolding.fold("مُحَمَّد") == "محمد")
        #expect(NameFolding.keys("Müller-Lüdenscheid") == ["muller", "ludenscheid", "mullerludenscheid"])
        #expect(NameFolding.keys("O'Brien  de la Cruz") == ["o", "brien", "obrien", "de", "la", "cruz"])
        #expect(NameFolding.words("  ,; ").isEmpty)
    }

    func seeded() throws -> TestStore {
        let test = try TestStore()
        let people: [(String, String, String)] = [
            ("Müller", "Hans", "P100"), ("Mullerová", "Jana", "P101"), ("Smith", "Zoë Müller", "P102"),
            ("Zoë", "Ana", "P103"), ("Иванов", "Сергей", "P104"), ("محمد", "فاطمة", "P105"),
            ("Muller", "Ängela", "P106"), ("García Pérez", "José", "P107"), ("Ahmed", "Fatima", "P 108-X"),
        ]
        try test.database.write { db throws in
            for (s, g, d) in people {
                var p = PersonRecord(surname: s, givenNames: g, dateOfBirth: "1980-01-01", sex: .female, nationality: "XXX",
                                     documentType: .passport, documentNumber: d, createdAt: "t", createdBy: "clerk")
                try PersonStore.insert(db, &p)
            }
        }
        return test
    }

    func names(_ test: TestStore, _ q: String, limit: Int = 50) throws -> [String] {
        try test.database.read { db throws in try PersonSearch.byName(db, q, limit: limit) }.map(\.surname)
    }

    @Test func prefixSearchFindsDiacriticNamesRankedExactSurnameFirst() throws {
        let test = try seeded()
        // Exact surname (two rows fold to "muller", in registration order) first, then surname
        // prefix, then given name; within a rank, folded-name order then id, so Müller sorts with Muller.
        #expect(try names(test, "muller") == ["Müller", "Muller", "Mullerová", "Smith"])
        #expect(try names(test, "MÜLL") == ["Müller", "Muller", "Mullerová", "Smith"])
        #expect(try names(test, "zoe") == ["Zoë", "Smith"])
        #expect(try names(test, "perez") == ["García Pérez"])
        #expect(try names(test, "garcia jo") == ["García Pérez"])
        #expect(try names(test, "muller hans") == ["Müller"])
        #expect(try names(test, "muller", limit: 2).count == 2)
        #expect(try names(test, "xyz").isEmpty)
        #expect(try names(test, "").isEmpty)
        #expect(try names(test, "%").isEmpty)
    }

    @Test func cyrillicAndArabicNamesAreFoundByTheirOwnPrefix() throws {
        let test = try seeded()
        #expect(try names(test, "Иван") == ["Иванов"])
        #expect(try names(test, "иванов") == ["Иванов"])
        #expect(try names(test, "сер") == ["Иванов"])
        #expect(try names(test, "محم") == ["محمد"])
        #expect(try names(test, "فاط") == ["محمد"])
    }

    @Test func documentNumberIsExactAfterNormalizing() throws {
        let test = try seeded()
        let hits = try test.database.read { db throws in try PersonSearch.byDocument(db, "p108x") }
        #expect(hits.map(\.surname) == ["Ahmed"])
        #expect(try test.database.read { db throws in try PersonSearch.byDocument(db, "P10") }.isEmpty)
        #expect(try test.database.read { db throws in try PersonSearch.byDocument(db, " - ") }.isEmpty)
    }

    @Test func renamingRewritesTheKeys() throws {
        let test = try seeded()
        try test.database.write { db throws in
            var p = try #require(try PersonSearch.byDocument(db, "P100").first)
            p.surname = "Schmidt"
            try PersonStore.update(db, &p)
        }
        #expect(try names(test, "schmi") == ["Schmidt"])
        #expect(!(try names(test, "muller")).contains("Schmidt"))
    }

    @Test func badDatesAreRefusedWithTheField() throws {
        let test = try TestStore()
        #expect {
            try test.database.write { db throws in
                var p = PersonRecord(surname: "A", givenNames: "B", dateOfBirth: "28/02/1990", sex: .male, nationality: "SOM",
                                     documentType: .nationalID, documentNumber: "1", createdAt: "t", createdBy: "c")
                try PersonStore.insert(db, &p)
            }
        } throws: { ($0 as? StoreError)?.description.contains("date_of_birth") == true }
    }

    @Test func queriesUseTheIndexes() throws {
        let test = try seeded()
        try test.database.read { db throws in
            let words = ["mul", "ha"]
            for rank in PersonSearch.Rank.allCases {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + PersonSearch.sql(words: words, rank: rank),
                                            arguments: PersonSearch.arguments(words: words, rank: rank, limit: 10))
                    .map { $0["detail"] as String? ?? "" }
                let kindIndexed = rank == .exactSurname ? "key=?" : "kind=? AND key>? AND key<?"
                #expect(plan.contains { $0.contains("SEARCH k USING") && ($0.contains("person_search_keys_kind") || $0.contains("PRIMARY KEY"))
                    && ($0.contains(kindIndexed) || $0.contains("key=?")) }, "\(rank): \(plan)")
                #expect(plan.contains { $0.contains("SEARCH k2 USING") }, "\(rank): \(plan)")
                #expect(!plan.contains { $0.contains("SCAN") || $0.contains("TEMP B-TREE") }, "\(rank): no scan, no sort: \(plan)")
            }
            let docPlan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM persons WHERE document_key = ? ORDER BY id DESC LIMIT 5",
                                           arguments: ["X"]).map { $0["detail"] as String? ?? "" }
            #expect(docPlan.contains { $0.contains("persons_document_key") })
        }
    }
}
