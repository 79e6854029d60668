import ClearanceCore
import ClearanceStore
import Foundation
import GRDB
import Testing

/// The hand-written fast paths of the save path (positional reads, batch reads, direct
/// binding, hand-written JSON) give exactly what GRDB's general machinery gives.
@Suite struct HotPathTests {
    @Test func positionalReadsEqualCodableReads() throws {
        var f = try Fixture()
        // A second person with every optional column filled.
        let (pid, cid) = try f.db.write { [clock = f.clock] db -> (Int64, Int64) in
            var person = PersonRecord(surname: "Аль-Хасан", givenNames: "Лейла", dateOfBirth: "2012-05-01", sex: .unspecified,
                                      nationality: "SYR", documentType: .refugeeTravelDocument, documentNumber: "rt-55 01",
                                      documentExpiry: "2030-01-01", guardian: "Omar (father)", photoAttachmentId: nil,
                                      createdAt: StoreTimestamp.string(from: clock.now), createdBy: "clerk")
            let pid = try PersonStore.insert(db, &person)
            var c = CaseRecord(personId: pid, programme: "uk-tb", purpose: "family", site: "AMM2", status: .resultsPending,
                               openedAt: StoreTimestamp.string(from: clock.now), openedBy: "nurse")
            return (pid, try CaseStore.insert(db, &c))
        }
        let first = try f.save(sampleAnswers)
        try f.db.write { [form = f.form, clock = f.clock] db in
            var e = try EncounterRecord(caseId: cid, moduleId: "tb", moduleVersion: "1.2.0", formVersion: form.version, formHash: form.hash,
                                        status: .draft, recordedBy: "nurse", recordedAt: StoreTimestamp.string(from: clock.now),
                                        derivation: Derivation(resultCodes: ["TB-B1", "TB-\"Q\""], values: ["pta": .decimal(17.5)], pending: true))
            try EncounterStore.insert(db, &e, answers: Answers())
        }
        f.caseID = cid
        try f.db.read { db in
            for id in [f.personID, pid] {
                #expect(try PersonStore.fetch(db, id: id) == PersonRecord.fetchOne(db, key: id))
            }
            #expect(try CaseStore.fetch(db, id: cid) == CaseRecord.fetchOne(db, key: cid))
            #expect(try CaseStore.fetch(db, id: 9999) == nil)
            let codable = try EncounterRecord.order(Column("id")).fetchAll(db)
            #expect(codable.count == 2)
            #expect(try EncounterStore.encounters(db, caseID: f.caseID) == codable.filter { $0.caseId == cid })
            #expect(try EncounterStore.fetch(db, id: first) == codable.first)
            let last = try #require(codable.last)
            #expect(try last.derivation() == Derivation(resultCodes: ["TB-B1", "TB-\"Q\""], values: ["pta": .decimal(17.5)], pending: true))
        }
    }

    @Test func batchReadsReturnWhatExistsGroupedAndOrdered() throws {
        let f = try Fixture()
        let a = try f.save(Answers(["x": .integer(1)]))
        let b = try f.save(Answers(["x": .integer(2)]))
        try f.db.read { db in
            let cases = try CaseStore.fetchAll(db, ids: [f.caseID, 424242])
            #expect(Array(cases.keys) == [f.caseID])
            #expect(cases[f.caseID] == (try CaseRecord.fetchOne(db, key: f.caseID)))
            let persons = try PersonStore.fetchAll(db, ids: [f.personID, 777])
            #expect(persons[f.personID]?.surname == "Müller")
            #expect(persons.count == 1)
            let encounters = try EncounterStore.encounters(db, caseIDs: [f.caseID, 424242])
            #expect(encounters[f.caseID]?.map(\.id) == [a, b])
            #expect(encounters[424242] == nil)
            #expect(try CaseStore.fetchAll(db, ids: [Int64]()).isEmpty)
        }
    }

    @Test func directBindingKeepsEmptyTextAndEveryCharacter() throws {
        let f = try Fixture()
        let text = "\"quotes\", back\\slash, émoji 🫁, ا, 結核"
        let id = try f.save(Answers(["empty": .text(""), "odd": .text(text), "n": .integer(Int.min + 1)]))
        try f.db.read { db in
            let answers = try EncounterStore.answers(db, encounterID: id)
            #expect(answers == Answers(["empty": .text(""), "odd": .text(text), "n": .integer(Int.min + 1)]))
            let type = try String.fetchOne(db, sql: "SELECT typeof(value_text) FROM observations WHERE path = 'empty'")
            #expect(type == "text")
        }
        // A NUL would read back cut short: it is refused, naming the field, and nothing is saved.
        #expect(throws: StoreError.self) { try f.save(Answers(["odd": .text("cut\u{0}here")])) }
        do { _ = try f.save(Answers(["odd": .text("cut\u{0}here")])) } catch { #expect("\(error)".contains("odd")) }
        #expect(try f.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM encounters") } == 1)
    }

    @Test func auditDetailJSONIsSortedEscapedAndParsesBack() throws {
        let object: [String: Any] = ["status": "final", "case": Int64(12), "import": true, "module": "tb",
                                     "result_codes": ["TB-B1", "A\"B\\C"], "note": "line\nbreak\ttab\u{1}", "ratio": 0.25,
                                     "nested": ["z": 1, "a": [1, "two"]] as [String: Any]]
        let text = AuditDetailJSON.encode(object)
        #expect(text.hasPrefix(#"{"case":12,"import":true,"module":"tb","nested":{"a":[1,"two"],"z":1},"note":"line\nbreak\ttab\u0001","#))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(back["result_codes"] as? [String] == ["TB-B1", "A\"B\\C"])
        #expect(back["note"] as? String == "line\nbreak\ttab\u{1}")
        #expect(back["ratio"] as? Double == 0.25)
        #expect(AuditDetailJSON.encode([:]) == "{}")
        #expect(AuditDetailJSON.encounterCreated(caseID: 7, module: "tb", status: "final", resultCodes: ["TB-NONE", "X\"Y"], imported: true)
                == AuditDetailJSON.encode(["case": 7, "import": true, "module": "tb", "result_codes": ["TB-NONE", "X\"Y"], "status": "final"]))
        #expect(AuditDetailJSON.encounterCreated(caseID: 8, module: "hiv", status: "draft", resultCodes: nil, imported: false)
                == AuditDetailJSON.encode(["case": 8, "module": "hiv", "status": "draft"]))
        // A type the writer does not know falls back to JSONSerialization rather than failing.
        #expect(AuditDetailJSON.encode(["n": NSNumber(value: 3)]) == #"{"n":3}"#)
    }
}
