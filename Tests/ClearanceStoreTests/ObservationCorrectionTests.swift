import ClearanceCore
import ClearanceStore
import Foundation
import GRDB
import Testing

@Suite struct ObservationCorrectionTests {
    @Test func correctionVoidsTheOldRowAndPointsToIt() throws {
        let f = try Fixture()
        let id = try f.save(Answers(["induration_mm": .integer(12), "cough_2w": .bool(false)]))
        let old = try f.db.read { db throws in try EncounterStore.observations(db, encounterID: id).first { $0.path == "induration_mm" } }
        let oldID = try #require(old?.id)
        f.clock.advance(seconds: 60)
        let new = try f.db.write { [f] db throws in
            try ObservationStore.correct(db, observationID: oldID, to: .integer(14), by: "nurse2", reason: "misread ruler", at: f.clock.now)
        }
        #expect(new.replacesId == oldID)
        #expect(new.createdBy == "nurse2")
        let rows = try f.db.read { db throws in try EncounterStore.observations(db, encounterID: id) }
        let voided = try #require(rows.first { $0.id == oldID })
        #expect(voided.voidedBy == "nurse2")
        #expect(voided.voidReason == "misread ruler")
        #expect(voided.voidedAt == "2026-03-01T09:01:00.000Z")
        #expect(voided.valueInteger == 12) // never overwritten
        let current = try f.db.read { db throws in try EncounterStore.answers(db, encounterID: id) }
        #expect(current["induration_mm"] == .integer(14))
        #expect(current["cough_2w"] == .bool(false))
        // A voided row cannot be corrected again.
        #expect(throws: StoreError.self) {
            try f.db.write { [f] db throws in
                try ObservationStore.correct(db, observationID: oldID, to: .integer(15), by: "n", reason: "again", at: f.clock.now)
            }
        }
    }

    @Test func editWithoutReasonIsRefusedAndNothingChanges() throws {
        let f = try Fixture()
        let id = try f.save(Answers(["x": .integer(1)]))
        let rowID = try #require(try f.db.read { db throws in try EncounterStore.observations(db, encounterID: id).first?.id })
        #expect(throws: StoreError.self) {
            try f.db.write { [f] db throws in try ObservationStore.correct(db, observationID: rowID, to: .integer(2), by: "n", reason: "  ", at: f.clock.now) }
        }
        #expect(try f.db.read { db throws in try EncounterStore.answers(db, encounterID: id) } == Answers(["x": .integer(1)]))
    }

    @Test func applyEditCorrectsAddsAndVoidsOnlyWhatChanged() throws {
        let f = try Fixture()
        let id = try f.save(sampleAnswers)
        let before = try f.db.read { db throws in try EncounterStore.observations(db, encounterID: id) }
        var edited = sampleAnswers
        edited["induration_mm"] = .integer(15)
        edited["fever"] = nil
        edited["weight_kg"] = .decimal(61.5)
        var specimens = edited["specimens"]!.instances
        specimens.removeLast()
        specimens[1] = Answers(["smear": .choice("negative")])
        edited["specimens"] = .group(specimens)
        let change = try f.db.write { [f] db throws in
            try ObservationStore.applyEdit(db, encounterID: id, answers: edited, by: "mo1", reason: "lab corrected", at: f.clock.now)
        }
        #expect(Set(change.corrected) == ["induration_mm", "specimens"])
        #expect(Set(change.added) == ["weight_kg", "specimens[2].smear"])
        #expect(Set(change.voided) == ["fever", "specimens[3].smear", "specimens[3].dst", "specimens[3].dst[1].drug",
                                       "specimens[3].dst[1].resistant", "specimens[3].dst[2].drug", "specimens[3].dst[2].resistant"])
        #expect(try f.db.read { db throws in try EncounterStore.answers(db, encounterID: id) } == edited)
        let after = try f.db.read { db throws in try EncounterStore.observations(db, encounterID: id) }
        #expect(after.count == before.count + change.corrected.count + change.added.count)
        #expect(after.filter { $0.voidedAt != nil }.count == change.corrected.count + change.voided.count)
        // An identical edit changes nothing.
        let none = try f.db.write { [f] db throws in
            try ObservationStore.applyEdit(db, encounterID: id, answers: edited, by: "mo1", reason: "no-op", at: f.clock.now)
        }
        #expect(none.isEmpty)
    }

    @Test func addRefusesAnAnsweredPath() throws {
        let f = try Fixture()
        let id = try f.save(Answers(["x": .integer(1)]))
        #expect(throws: StoreError.self) {
            try f.db.write { [f] db throws in try ObservationStore.add(db, encounterID: id, path: FieldPath(field: "x"), value: .integer(2), by: "n", at: f.clock.now) }
        }
        let added = try f.db.write { [f] db throws in
            try ObservationStore.add(db, encounterID: id, path: FieldPath(field: "y"), value: .text("new"), by: "n", at: f.clock.now)
        }
        #expect(added.path == "y")
        #expect(try f.db.read { db throws in try EncounterStore.answers(db, encounterID: id) }["y"] == .text("new"))
    }
}
