import ClearanceCore
import ClearanceStore
import Foundation
import GRDB
import Testing

@Suite struct ObservationRoundTripTests {
    @Test func everyValueCaseRoundTripsThroughTheDatabase() throws {
        let f = try Fixture()
        let id = try f.save(sampleAnswers)
        let back = try f.db.read { db throws in try EncounterStore.answers(db, encounterID: id) }
        #expect(back == sampleAnswers)
    }

    @Test func rowsAreTypedAndGroupsHaveCountRows() throws {
        let f = try Fixture()
        let id = try f.save(sampleAnswers)
        let rows = try f.db.read { db throws in try EncounterStore.observations(db, encounterID: id) }
        let byPath = Dictionary(uniqueKeysWithValues: rows.map { ($0.path, $0) })
        #expect(byPath["induration_mm"]?.valueType == .integer)
        #expect(byPath["induration_mm"]?.valueInteger == 12)
        #expect(byPath["volume"]?.valueReal == 0.1)
        #expect(byPath["placed"]?.valueText == "2026-02-27")
        #expect(byPath["cough_2w"]?.valueInteger == 0)
        #expect(byPath["findings"]?.valueText == #"["cavity","effusion","nodule"]"#)
        #expect(byPath["photo"]?.valueType == .image)
        #expect(byPath["specimens"]?.valueType == .group)
        #expect(byPath["specimens"]?.valueInteger == 3)
        #expect(byPath["empty_group"]?.valueInteger == 0)
        #expect(byPath["specimens[3].dst[2].drug"]?.valueText == "RIF")
        #expect(byPath["specimens[1].smear"]?.valueType == .choice)
        #expect(rows.allSatisfy { $0.createdBy == "nurse1" && $0.voidedAt == nil })
    }

    @Test func rowsInAnyOrderGiveTheSameAnswers() throws {
        let values = try sampleAnswers.observationValues()
        let rows = values.enumerated().map { i, pv in
            ObservationRecord(id: Int64(i + 1), encounterId: 1, path: pv.path.description, value: pv.value, createdBy: "u", createdAt: "t")
        }
        #expect(try Answers(observations: rows.reversed()) == sampleAnswers)
        #expect(try Answers(observations: rows.shuffled()) == sampleAnswers)
    }

    @Test func nanDecimalIsRefusedWithTheFieldName() {
        var a = Answers()
        a["weight"] = .decimal(.nan)
        #expect {
            _ = try a.observationValues()
        } throws: { error in
            (error as? StoreError)?.description.contains("weight") == true
        }
    }

    @Test func corruptRowsAreReportedWithTheirIdNotCrashed() {
        func row(_ path: String, _ v: ObservationValue, id: Int64 = 5) -> ObservationRecord {
            ObservationRecord(id: id, encounterId: 1, path: path, value: v, createdBy: "u", createdAt: "t")
        }
        let bad: [[ObservationRecord]] = [
            [row("a", ObservationValue(kind: .integer))],
            [row("a", ObservationValue(kind: .date, text: "2026-13-01"))],
            [row("a", ObservationValue(kind: .bool, integer: 7))],
            [row("a", ObservationValue(kind: .choices, text: "{"))],
            [row("a[", ObservationValue(kind: .text, text: "x"))],
            [row("g[0].x", ObservationValue(kind: .text, text: "x"))],
            [row("g[99999999].x", ObservationValue(kind: .text, text: "x"))],
            [row("g", ObservationValue(kind: .group, integer: -1))],
            [row("a", ObservationValue(kind: .text, text: "x"), id: 1), row("a[1].b", ObservationValue(kind: .text, text: "y"), id: 2)],
            [row("a", ObservationValue(kind: .text, text: "x"), id: 1), row("a", ObservationValue(kind: .text, text: "y"), id: 2)],
        ]
        for rows in bad {
            #expect(throws: StoreError.self) { _ = try Answers(observations: rows) }
        }
        do {
            _ = try Answers(observations: [row("dob", ObservationValue(kind: .date, text: "yesterday"), id: 42)])
        } catch {
            #expect("\(error)".contains("observation 42"))
            #expect("\(error)".contains("dob"))
        }
    }

    @Test func derivedValuesRoundTripLosslessly() throws {
        let values: [String: Value] = ["pta4": .decimal(17.5), "grade": .choice("normal"), "retest": .date(LocalDate("2026-03-15")!),
                                       "flag": .bool(true), "name": .text("1"), "n": .integer(3), "img": .image(9),
                                       "codes": .choices(["a"]), "g": sampleAnswers["specimens"]!]
        let json = try ValueCoding.encode(values)
        #expect(try ValueCoding.decode(json) == values)
        let f = try Fixture()
        let derivation = Derivation(resultCodes: ["TB-B2", "TB-B3"], values: values, pending: true)
        let saved = try f.db.write { [f] db throws in
            var e = try EncounterRecord(caseId: f.caseID, moduleId: "tb", moduleVersion: "1.0.0", formVersion: "3",
                                        formHash: f.form.hash, status: .draft, recordedBy: "n", recordedAt: "t",
                                        derivation: derivation)
            return try EncounterStore.insert(db, &e, answers: Answers())
        }
        let back = try f.db.read { db throws in try EncounterStore.fetch(db, id: saved) }
        #expect(try back?.derivation() == derivation)
        #expect(back?.resultCodes == #"["TB-B2","TB-B3"]"#)
    }

    @Test func encounterNeedsARegisteredFormHash() throws {
        let f = try Fixture()
        #expect(throws: DatabaseError.self) {
            try f.db.write { [f] db throws in
                var e = try EncounterRecord(caseId: f.caseID, moduleId: "tb", moduleVersion: "1", formVersion: "9",
                                            formHash: "unknown", status: .final, recordedBy: "n", recordedAt: "t")
                try EncounterStore.insert(db, &e, answers: Answers())
            }
        }
        // Registering the same form twice keeps one row.
        try f.db.write { [f] db throws in
            let stored = try FormVersionStore.register(db, form: f.form, moduleVersion: "1.0.0", at: f.clock.now)
            #expect(stored == false, "already registered by the fixture")
            #expect(try FormVersionStore.fetch(db, hash: f.form.hash)?.definition == f.form.source)
            #expect(try FormVersionStore.versions(db, moduleID: "tb").count == 1)
            var changed = f.form
            changed.source += "# edited\n"
            #expect(try FormVersionStore.register(db, form: changed, moduleVersion: "1.0.1", at: f.clock.now) == true)
            #expect(try FormVersionStore.versions(db, moduleID: "tb").count == 2)
        }
    }
}
