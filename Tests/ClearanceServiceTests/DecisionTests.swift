import ClearanceCore
import ClearanceService
import Foundation
import GRDB
import Testing

@Suite("Fitness decision")
struct DecisionTests {
    /// A case with both required modules recorded: high blood pressure proposes FIT WITH CONDITIONS.
    func recordedCase(_ c: Clinic) throws -> Int64 {
        let caseID = try c.openCase()
        _ = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(150)]), by: c.nurse)
        _ = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(false)]), by: c.counsellor)
        return caseID
    }

    @Test func onlyMedicalOfficersDecide() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try recordedCase(c)
        for s in [c.clerk, c.nurse, c.counsellor, c.admin] {
            #expect { try c.service.decide(caseID: caseID, decision: .fit, reason: "x", by: s) } throws: { ($0 as? ServiceError)?.exitCode == 4 }
        }
        #expect(try c.count("decisions") == 0)
    }

    @Test func missingModulesAllowOnlyPending() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        _ = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(120)]), by: c.nurse)
        #expect { try c.service.decide(caseID: caseID, decision: .fit, reason: "looks fine", by: c.mo) } throws: { error in
            let e = error as? ServiceError
            return e?.exitCode == 7 && e?.description.contains("secret") == true && e?.description.contains("PENDING") == true
        }
        let d = try c.service.decide(caseID: caseID, decision: .pending, by: c.mo)
        #expect(d.decision == .pending && d.proposed == .pending && !d.differs)
    }

    @Test func conditionsAreRequiredForFitWithConditions() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try recordedCase(c)
        #expect { try c.service.decide(caseID: caseID, decision: .fitWithConditions, conditions: "  ", by: c.mo) } throws: { error in
            let issues = (error as? ServiceError)?.issues ?? []
            return issues.map(\.path.description) == ["conditions"] && issues[0].message.contains("See a doctor")
        }
        #expect { try c.service.decide(caseID: caseID, decision: .fitWithConditions, conditions: "HIV follow-up", by: c.mo) } throws: {
            ($0 as? ServiceError)?.issues.first?.message.contains("HIV") == true
        }
        let d = try c.service.decide(caseID: caseID, decision: .fitWithConditions, conditions: "See a doctor within 30 days", by: c.mo)
        #expect(d.proposed == .fitWithConditions && !d.differs && d.conditions == "See a doctor within 30 days")
    }

    @Test func aReasonIsRequiredWhenDifferingAndTheLatestDecisionWins() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try recordedCase(c)
        #expect { try c.service.decide(caseID: caseID, decision: .fit, by: c.mo) } throws: { error in
            let issues = (error as? ServiceError)?.issues ?? []
            return issues.map(\.path.description) == ["reason"] && issues[0].message.contains("FIT WITH CONDITIONS")
        }
        _ = try c.service.decide(caseID: caseID, decision: .fitWithConditions, conditions: "See a doctor", by: c.mo)
        let d = try c.service.decide(caseID: caseID, decision: .fit, reason: "Repeat reading normal", by: c.mo)
        #expect(d.differs && d.proposed == .fitWithConditions && d.reason == "Repeat reading normal")
        // The case holds the secret module, which the nurse may not read: she sees it decided, not how.
        let summary = try c.service.caseSummary(caseID, by: c.nurse)
        #expect(summary.decision?.json["decision"] as? String == "DECIDED")
        let officer = try c.service.caseSummary(caseID, by: c.mo)
        #expect(officer.decision?.json["decision"] as? String == "FIT")
        #expect(officer.decision?.json["differs"] as? Bool == true)
        #expect(try c.service.latestDecision(caseID: caseID, by: c.clerk)?.id == d.id)
        let audited = try c.service.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'decide' AND entity_id = ?", arguments: ["\(caseID)"])
        }
        #expect(audited == 2)
        #expect(try c.service.verifyAudit().intact)
    }

    @Test func decisionsCannotBeChangedThroughSQL() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try recordedCase(c)
        _ = try c.service.decide(caseID: caseID, decision: .unfit, reason: "Clinical judgement", by: c.mo)
        #expect(throws: (any Error).self) {
            try c.service.database.write { db in try db.execute(sql: "UPDATE decisions SET decision = 'FIT'") }
        }
        #expect(throws: (any Error).self) {
            try c.service.database.write { db in try db.execute(sql: "DELETE FROM decisions") }
        }
    }
}
