import ClearanceCore
import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB

/// Shared set-up for the store tests: a person, a case and a registered form.
struct Fixture {
    let test: TestStore
    let clock = TestClock()
    let form = FormSpec(id: "tb", version: "3", title: "TB", fields: [], source: "form: {id: tb, version: '3'}\n")
    var personID: Int64 = 0
    var caseID: Int64 = 0

    var db: ClinicDatabase { test.database }

    init() throws {
        test = try TestStore()
        let (p, c) = try test.database.write { [clock, form] db -> (Int64, Int64) in
            var person = PersonRecord(surname: "Müller", givenNames: "Zoë Anne", dateOfBirth: "1990-02-28", sex: .female,
                                      nationality: "DEU", documentType: .passport, documentNumber: "C01X00T47",
                                      createdAt: StoreTimestamp.string(from: clock.now), createdBy: "clerk")
            let pid = try PersonStore.insert(db, &person)
            var c = CaseRecord(personId: pid, programme: "us-panel", purpose: "resettlement", site: "NBO1",
                               openedAt: StoreTimestamp.string(from: clock.now), openedBy: "clerk")
            let cid = try CaseStore.insert(db, &c)
            try FormVersionStore.register(db, form: form, moduleVersion: "1.0.0", at: clock.now)
            return (pid, cid)
        }
        personID = p; caseID = c
    }

    /// Saves an encounter with `answers` and an audit entry in one transaction.
    func save(_ answers: Answers, by user: String = "nurse1") throws -> Int64 {
        try db.write { db throws in
            var e = try EncounterRecord(caseId: caseID, moduleId: "tb", moduleVersion: "1.0.0", formVersion: form.version,
                                        formHash: form.hash, status: .final, recordedBy: user,
                                        recordedAt: StoreTimestamp.string(from: clock.now))
            let id = try EncounterStore.insert(db, &e, answers: answers)
            try AuditLog.append(db, AuditEvent(username: user, action: .create, entityType: "encounter", entityID: "\(id)"),
                                at: clock.now)
            return id
        }
    }
}

/// Every case of `Value`, nested groups, an empty group and an empty instance.
let sampleAnswers: Answers = {
    var a = Answers()
    a["note"] = .text("Zoë: «tøst» — 結核")
    a["induration_mm"] = .integer(12)
    a["negative"] = .integer(-10)
    a["big"] = .integer(Int.max)
    a["volume"] = .decimal(0.1)
    a["whole"] = .decimal(3.0)
    a["tiny"] = .decimal(-1e-300)
    a["placed"] = .date(LocalDate("2026-02-27")!)
    a["cough_2w"] = .bool(false)
    a["fever"] = .bool(true)
    a["method"] = .choice("induced")
    a["findings"] = .choices(["cavity", "effusion", "nodule"])
    a["none_selected"] = .choices([])
    a["photo"] = .image(7)
    a["empty_group"] = .group([])
    a["specimens"] = .group([
        Answers(["smear": .choice("negative"), "collected": .date(LocalDate("2026-02-01")!)]),
        Answers(),
        Answers(["smear": .choice("positive"),
                 "dst": .group([Answers(["drug": .text("INH"), "resistant": .bool(true)]),
                                Answers(["drug": .text("RIF"), "resistant": .bool(false)])])]),
    ])
    return a
}()
