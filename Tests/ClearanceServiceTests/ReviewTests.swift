import ClearanceCore
import ClearanceService
import Foundation
import GRDB
import Testing

@Suite("Review and confidentiality")
struct ReviewTests {
    @Test func proposalFollowsTheRulePack() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        var s = try c.service.caseSummary(caseID, by: c.mo)
        #expect(s.missing == ["vitals", "secret"])
        #expect(s.proposal.decision == .pending)
        _ = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(150)]), by: c.nurse)
        _ = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(false)]), by: c.counsellor)
        s = try c.service.caseSummary(caseID, by: c.mo)
        #expect(s.missing.isEmpty)
        #expect(s.proposal.decision == .fitWithConditions)
        #expect(s.proposal.reasons.contains { $0.rule == "high-bp" && $0.code == "VIT-HIGH" })
        #expect(s.proposal.conditions == ["See a doctor"])
        #expect(s.caseInfo.status == "ready-for-review")
    }

    @Test func confidentialResultsAreHiddenFromOthersAndReadsAudited() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        let rec = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(true)]), by: c.counsellor)
        let forNurse = try c.service.caseSummary(caseID, by: c.nurse)
        let e = try #require(forNurse.encounters.first)
        #expect(e.hidden && e.resultCodes.isEmpty)
        #expect(!"\(forNurse.json)".contains("SEC-POS"), "a nurse never sees the confidential code, not even in reasons")
        // UNFIT only because of the confidential result: the nurse sees it pending the medical officer.
        #expect(forNurse.proposal.decision == .pending)
        #expect(forNurse.proposal.reasons.contains { $0.message == "the reason is for the medical officer" })
        let nurseView = try c.service.encounter(rec.encounterID, by: c.nurse)
        #expect(nurseView.answers == nil)

        let views = { try c.service.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'view-confidential'") ?? 0 } }
        let before = try views()
        let moView = try c.service.encounter(rec.encounterID, by: c.mo)
        #expect(moView.answers?["result"] == .bool(true))
        _ = try c.service.caseSummary(caseID, by: c.counsellor)
        #expect(try views() == before + 2)
    }

    @Test func auditChainVerifies() throws {
        let c = try Clinic(); defer { c.cleanup() }
        _ = try c.openCase()
        let r = try c.service.verifyAudit()
        #expect(r.intact && r.entries > 5)
    }

    @Test func personInputIsCheckedFieldByField() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let bad = PersonInput(surname: "", givenNames: "A", dateOfBirth: LocalDate("2020-01-01")!, sex: "Q", nationality: "Jordan", documentNumber: "Z1")
        #expect { try c.service.addPerson(bad, by: c.clerk) } throws: { error in
            let fields = Set(((error as? ServiceError)?.issues ?? []).map(\.path.description))
            return fields == ["surname", "sex", "nationality", "guardian"]
        }
        _ = try c.openCase(document: "DUP1")
        #expect { try c.openCase(document: "DUP1") } throws: { ($0 as? ServiceError)?.exitCode == 7 }
    }
}

@Suite("Decision reasons and confidentiality")
struct DecisionReasonTests {
    @Test func theOfficersReasonIsShownOnlyToRolesThatMayReadConfidentialResults() throws {
        let c = try Clinic(); defer { c.cleanup() }
        let caseID = try c.openCase()
        _ = try c.service.record(module: "vitals", caseID: caseID, answers: Answers(["systolic": .integer(120)]), by: c.nurse)
        _ = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(true)]), by: c.counsellor)
        _ = try c.service.decide(caseID: caseID, decision: .unfit, conditions: nil, reason: "confirmed positive on repeat", by: c.mo)
        let forNurse = try c.service.caseSummary(caseID, by: c.nurse)
        // The case holds a module the nurse may not read: she sees that it is decided, not how.
        #expect(forNurse.decision?.json["decision"] as? String == "DECIDED", "\(forNurse.json)")
        #expect(!"\(forNurse.json)".contains("UNFIT"))
        #expect(forNurse.decision?.json["reason"] as? String == "the reason is for the medical officer")
        #expect(!"\(forNurse.json)".contains("confirmed positive"))
        let forMO = try c.service.caseSummary(caseID, by: c.mo)
        #expect(forMO.decision?.json["reason"] as? String == "confirmed positive on repeat")
    }
}
