import ClearanceCore
import ClearanceService
import Foundation
import Testing

@Suite("The one save path")
struct RecordTests {
    @Test func savesEncounterObservationsAndAuditTogether() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        let audits = try c.count("audit_log")
        let out = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(150), "note": .text("anxious")]), by: c.nurse)
        #expect(out.resultCodes == ["VIT-HIGH"])
        #expect(try c.count("encounters") == 1)
        #expect(try c.count("observations") == 2)
        #expect(try c.count("audit_log") == audits + 1)
    }

    @Test func invalidAnswersAreAllListedAndNothingIsSaved() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        let before = (try c.count("encounters"), try c.count("observations"), try c.count("audit_log"))
        #expect {
            try c.service.record(module: "vitals", caseID: caseID, json: ["systolic": 20, "bogus": 1], by: c.nurse)
        } throws: { error in
            let text = "\(error)"
            return text.contains("systolic") && text.contains("bogus")
        }
        #expect {
            try c.service.record(module: "vitals", caseID: caseID, answers: Answers([:]), by: c.nurse)
        } throws: { error in (error as? ServiceError)?.issues.first?.path.description == "systolic" }
        #expect((try c.count("encounters"), try c.count("observations"), try c.count("audit_log")) == before)
    }

    @Test func draftsKeepPartialAnswersWithoutDeriving() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        let out = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["note": .text("started")]), final: false, by: c.nurse)
        #expect(out.status == "draft" && out.resultCodes.isEmpty)
        let summary = try c.service.caseSummary(caseID, by: c.nurse)
        #expect(summary.missing.contains("vitals"), "a draft does not count as done")
    }

    @Test func recordingNeedsTheModulesRole() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        #expect { try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(120)]), by: c.clerk) }
            throws: { ($0 as? ServiceError)?.exitCode == 4 }
        #expect { try c.service.addUser(username: "x", displayName: "x", roles: [.admin], registrationNumber: nil, password: "password1234", by: c.nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 4 }
        #expect { try c.service.addUser(username: "y", displayName: "y", roles: [.nurse], registrationNumber: nil, password: "short", by: c.admin) }
            throws: { ($0 as? ServiceError)?.issues.first?.path.description == "password" }
    }

    @Test func restrictedFieldsAreRefusedForOtherRoles() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        let dropped = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(120), "counsellor_note": .text("x")]), by: c.nurse)
        #expect(dropped.ignored.map(\.path.description) == ["counsellor_note"])
        #expect(try c.service.encounter(dropped.encounterID, by: c.counsellor).answers?["counsellor_note"] == nil, "never stored")
        let ok = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(120), "counsellor_note": .text("x")]),
                                      supersede: "with the counsellor's note", by: c.counsellor)
        #expect(ok.resultCodes == ["VIT-OK"])
    }

    @Test func correctionsVoidTheOldAnswerAndReDerive() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        let first = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(150)]), by: c.nurse)
        #expect { try c.service.correct(encounterID: first.encounterID, changes: ["systolic": 120], reason: " ", by: c.nurse) }
            throws: { "\($0)".contains("reason") }
        let fixed = try c.service.correct(encounterID: first.encounterID, changes: ["systolic": 120], reason: "transcription error", by: c.nurse)
        #expect(fixed.resultCodes == ["VIT-OK"])
        let view = try c.service.encounter(first.encounterID, includeHistory: true, by: c.nurse)
        #expect(view.answers?["systolic"] == .integer(120))
        #expect(view.history.count == 1)
        #expect(view.history.first?.reason == "transcription error")
        #expect(try c.count("observations") == 2, "the old row stays, voided")
    }

    @Test func bulkImportSavesValidItemsAndListsTheRest() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        let items = [ImportItem(caseID: caseID, answers: Answers(["systolic": .integer(120)])),
                     ImportItem(caseID: caseID, answers: Answers(["systolic": .integer(999)])),
                     ImportItem(caseID: 999, answers: Answers(["systolic": .integer(120)])),
                     ImportItem(caseID: caseID, answers: Answers(["systolic": .integer(150)]), supersede: "re-measured"),
                     // A second final of the module without a reason replaces nothing: refused.
                     ImportItem(caseID: caseID, answers: Answers(["systolic": .integer(130)]))]
        let r = try c.service.importEncounters(module: "vitals", items: items, batchSize: 2, by: c.nurse)
        #expect(r.saved.count == 2)
        #expect(r.refused.map(\.index) == [1, 2, 4])
        #expect(r.refused.last?.issues.first?.message.contains("--supersede") == true, "\(r.refused)")
    }
}
