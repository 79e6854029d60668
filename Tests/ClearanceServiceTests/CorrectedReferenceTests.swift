import ClearanceCore
import ClearanceService
import ClearanceStore
import Foundation
import Testing

/// The standard host (built-in modules, bundled forms and rule packs) on a fresh database.
struct StandardClinic {
    static let today = LocalDate("2026-11-20")!
    let dir: URL
    let service: ClinicService
    let staff: [String: Session]

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        service = try ClinicService(databasePath: dir.appendingPathComponent("c.sqlite").path, host: .standard(environment: [:]),
                                    clock: FixedClock(Self.today), passwordHasher: PasswordHasher(iterations: 1_000))
        try service.createFirstAdmin(username: "admin", displayName: "Admin", password: "password1234")
        let admin = try service.signIn(username: "admin", password: "password1234")
        var staff: [String: Session] = [:]
        for (u, r) in [("clerk", Role.clerk), ("nurse", .nurse), ("counsellor", .counsellor), ("radiologist", .radiologist), ("mo", .medicalOfficer)] {
            _ = try service.addUser(username: u, displayName: u, roles: [r], registrationNumber: u == "mo" ? "MC-1" : nil,
                                    password: "password1234", by: admin)
            staff[u] = try service.signIn(username: u, password: "password1234")
        }
        self.staff = staff
    }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }

    /// A new person and case. With `restOfExam`, every required module of the full exam other
    /// than TB, X-ray, HIV and audiometry (these examples' subject) is recorded from its template
    /// (a normal result), so the proposal turns on the TB rules alone.
    func openCase(_ programme: String, born: String, sex: String = "F", nationality: String = "PHL", document: String,
                  restOfExam: Bool = true) throws -> Int64 {
        let p = try service.addPerson(PersonInput(surname: "Santos", givenNames: "Ana", dateOfBirth: LocalDate(born)!, sex: sex,
                                                  nationality: nationality, documentNumber: document,
                                                  guardian: LocalDate(born)!.age(on: Self.today) < 18 ? "Maria Santos (mother)" : nil),
                                      by: staff["clerk"]!)
        let id = try service.openCase(personID: p.id, programme: programme, by: staff["clerk"]!).id
        if restOfExam {
            for module in try service.caseSummary(id, by: staff["mo"]!).required where !["tb", "cxr", "hiv", "audiometry"].contains(module) {
                try record(module, id, by: module == "mental-health" ? "mo" : "nurse")
            }
        }
        return id
    }

    /// The module's template answers with `changes` applied (nil removes a key).
    func answers(_ module: String, _ changes: [String: Any?] = [:]) throws -> [String: Any] {
        var a = try service.host.answersTemplate(for: module, today: Self.today)
        for (k, v) in changes { a[k] = v }
        return a
    }

    @discardableResult
    func record(_ module: String, _ caseID: Int64, by user: String, _ changes: [String: Any?] = [:]) throws -> RecordOutcome {
        try service.record(module: module, caseID: caseID, json: try answers(module, changes), by: staff[user]!)
    }

    func proposal(_ caseID: Int64) throws -> FitnessProposal { try service.caseSummary(caseID, by: staff["mo"]!).proposal }

    static func specimen(_ day: Int, culture: String = "negative") -> [String: Any] {
        var s: [String: Any] = ["collection_date": "2026-09-0\(day)", "method": "spontaneous", "smear": "negative",
                                "naat": "not_done", "culture": culture]
        if culture != "pending" { s["date_final"] = "2026-10-1\(day)" }
        return s
    }
}

/// The worked examples of the corrected `SCREENING.md` (sections 2, 3, 6 and 8), through the
/// standard host's real modules and rule packs.
@Suite("Worked examples of the corrected reference")
struct CorrectedReferenceTests {
    @Test func adultNormalScreeningIsTBNoneAndFit() throws {
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("us-panel", born: "1990-01-01", document: "R1")
        try c.record("cxr", caseID, by: "radiologist")
        let tb = try c.record("tb", caseID, by: "nurse", ["immune_test": "igra_qft", "igra_date": "2026-11-10", "qft_nil": 0.1,
                                                          "qft_tb1": 0.1, "qft_tb2": 0.1, "qft_mitogen": 5.0, "igra_result": "negative"])
        #expect(tb.resultCodes == ["TB-NONE"])
        #expect(try c.proposal(caseID).decision == .fit)
    }

    @Test func oldTBFindingNeedsSputumAndNegativeCulturesGiveB1Pulm() throws {
        // Section 3 corrected: a discrete linear opacity (fibrotic scar) suggests TB.
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("us-panel", born: "1985-05-05", document: "R2")
        let cxr = try c.record("cxr", caseID, by: "radiologist", ["impression": "abnormal", "findings": [["finding": "linear_opacity", "side": "left", "zone": "upper"]]])
        #expect(cxr.resultCodes == ["CXR-TB-SUGGESTIVE"])
        #expect { try c.record("tb", caseID, by: "nurse") } throws: { error in
            "\(error)".contains("Sputum specimens are required")
        }
        #expect { try c.record("tb", caseID, by: "nurse", ["specimens": [StandardClinic.specimen(1)]]) } throws: { error in
            "\(error)".contains("3 sputum specimens are required because the chest X-ray suggests TB; 1 recorded")
        }
        let tb = try c.record("tb", caseID, by: "nurse", ["specimens": [StandardClinic.specimen(1), StandardClinic.specimen(2), StandardClinic.specimen(3)]])
        #expect(tb.resultCodes == ["TB-B1-PULM"])
        let p = try c.proposal(caseID)
        #expect(p.decision == .fitWithConditions && p.reasons.contains { $0.code == "TB-B1-PULM" })
    }

    @Test func pendingCultureIsTBPendingAndNoCertificate() throws {
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("us-panel", born: "1985-05-05", document: "R3")
        try c.record("cxr", caseID, by: "radiologist", ["impression": "abnormal", "findings": [["finding": "infiltrate"]]])
        let tb = try c.record("tb", caseID, by: "nurse", ["specimens": [StandardClinic.specimen(1), StandardClinic.specimen(2, culture: "pending"),
                                                                        StandardClinic.specimen(3)]])
        #expect(tb.resultCodes.contains("TB-PENDING"))
        #expect(try c.proposal(caseID).decision == .pending)
    }

    @Test func declinedRequiredXRayIsPendingNeverFit() throws {
        // Section 6: CXR-NOT-DONE for a required X-ray makes the proposal PENDING.
        for programme in ["uk-tb", "us-panel"] {
            let c = try StandardClinic(); defer { c.cleanup() }
            let caseID = try c.openCase(programme, born: "1990-01-01", document: "R4")
            let cxr = try c.service.record(module: "cxr", caseID: caseID, json: ["acquisition": "not_done", "reason_not_done": "declined"],
                                           by: c.staff["radiologist"]!)
            #expect(cxr.resultCodes == ["CXR-NOT-DONE"])
            try c.record("tb", caseID, by: "nurse")
            let p = try c.proposal(caseID)
            #expect(p.decision == .pending, "\(programme)")
            #expect(p.reasons.map(\.rule) == ["required-not-done"], "\(programme): \(p.reasons)")
        }
    }

    @Test func aDraftOfARequiredModuleKeepsThePendingAndSaysSo() throws {
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("uk-tb", born: "1990-01-01", document: "R5")
        try c.record("tb", caseID, by: "nurse")
        _ = try c.service.record(module: "cxr", caseID: caseID, json: ["acquisition": "done"], final: false, by: c.staff["radiologist"]!)
        let p = try c.proposal(caseID)
        #expect(p.decision == .pending && p.reasons.map(\.rule) == ["draft-only"], "\(p.reasons)")
    }

    @Test func igraPositiveChildNeedsAnXRayBeforeClassB2() throws {
        // Section 2: US panel children 2-14 need an X-ray when the IGRA is positive.
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("us-panel", born: "2018-02-02", document: "R6")
        var s = try c.service.caseSummary(caseID, by: c.staff["mo"]!)
        #expect(s.required == ["exam", "tb", "vaccination", "mental-health"] && s.missing == ["tb"], "\(s.required)")
        let tb = try c.record("tb", caseID, by: "nurse", ["immune_test": "igra_qft", "igra_date": "2026-11-10", "qft_nil": 0.1,
                                                          "qft_tb1": 1.2, "qft_tb2": 1.1, "qft_mitogen": 5.0, "igra_result": "positive"])
        #expect(tb.resultCodes == ["TB-B2"])
        s = try c.service.caseSummary(caseID, by: c.staff["mo"]!)
        #expect(s.required == ["exam", "tb", "cxr", "vaccination", "mental-health"] && s.missing == ["cxr"], "\(s.required)")
        #expect(s.proposal.decision == .pending, "an IGRA-positive child is never Class B2 with no X-ray: \(s.proposal.reasons)")
        try c.record("cxr", caseID, by: "radiologist", ["views": ["ap"]])
        let p = try c.proposal(caseID)
        #expect(p.decision == .fitWithConditions && p.reasons.contains { $0.code == "TB-B2" })
    }

    @Test func theClinicsOwnHIVPositiveMakesSputumRequiredWithTheReasonHidden() throws {
        // Section 2: an HIV-POS of the hiv module in the same case counts like the worksheet's answer.
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("us-panel", born: "1990-01-01", document: "R7")
        try c.record("cxr", caseID, by: "radiologist")
        let hiv = try c.record("hiv", caseID, by: "counsellor", Self.positiveAssays)
        #expect(hiv.resultCodes == ["HIV-POS"])
        for specimens in [[], [StandardClinic.specimen(1)]] {
            do {
                try c.record("tb", caseID, by: "nurse", specimens.isEmpty ? [:] : ["specimens": specimens])
                Issue.record("TB without sputum saved although the case is HIV-POS")
            } catch let e as ServiceError {
                let text = e.issues.map(\.message).joined(separator: "\n")
                #expect(text.contains(specimens.isEmpty ? "Sputum specimens are required (the X-ray suggests TB, a symptom is yes, or the medical officer requires them)"
                                                        : "3 sputum specimens are required because the medical officer requires them; 1 recorded"), "\(text)")
                #expect(!text.contains("HIV"), "the nurse's message must not name HIV: \(text)")
            }
        }
        let tb = try c.record("tb", caseID, by: "nurse", ["specimens": [StandardClinic.specimen(1), StandardClinic.specimen(2), StandardClinic.specimen(3)]])
        // TB-B1-PULM follows from HIV alone: the nurse who saved it sees it withheld, the medical officer reads it.
        #expect(tb.resultCodes == ["withheld (for the medical officer)"], "\(tb.resultCodes)")
        #expect(try c.service.encounter(tb.encounterID, by: c.staff["mo"]!).summary.resultCodes == ["TB-B1-PULM"])
    }

    @Test func anHIVPositiveRecordedAfterTheTBFormHoldsTheProposal() throws {
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("us-panel", born: "1990-01-01", document: "R9")
        try c.record("cxr", caseID, by: "radiologist")
        #expect(try c.record("tb", caseID, by: "nurse").resultCodes == ["TB-NONE"])
        #expect(try c.proposal(caseID).decision == .fit)
        try c.record("hiv", caseID, by: "counsellor", Self.positiveAssays)
        let p = try c.proposal(caseID)
        #expect(p.decision == .pending && p.reasons.contains { $0.rule == "needs-attention" && $0.message.contains("tb.specimens") }, "\(p.reasons)")
        let forNurse = try c.service.caseSummary(caseID, by: c.staff["nurse"]!)
        #expect(forNurse.proposal.decision == .pending)
        #expect(!forNurse.proposal.reasons.map(\.message).joined().contains("HIV"), "\(forNurse.proposal.reasons)")
    }

    /// An HIV-POS series: three reactive assays, counselled and referred.
    static let positiveAssays: [String: Any?] = {
        var a: [String: Any?] = ["referred": "yes", "referral_facility": "District ART clinic", "referral_date": "2026-11-20"]
        for n in 1...3 {
            a["a\(n)_kit"] = "Kit \(n)"; a["a\(n)_lot"] = "LOT-\(n)"; a["a\(n)_kit_expiry"] = "2030-12-31"
            a["a\(n)_operator"] = "J. Mensah"; a["a\(n)_result"] = "reactive"
        }
        return a
    }()

    @Test func gccIsPendingUntilEveryListedCriterionIsRecorded() throws {
        let c = try StandardClinic(); defer { c.cleanup() }
        let caseID = try c.openCase("gcc-labour", born: "1995-07-07", sex: "M", nationality: "NPL", document: "R8", restOfExam: false)
        try c.record("cxr", caseID, by: "radiologist")
        try c.record("tb", caseID, by: "nurse")
        try c.record("hiv", caseID, by: "counsellor")
        let p = try c.proposal(caseID)
        #expect(p.decision == .pending)
        #expect(Set(p.reasons.filter { $0.rule == "missing-module" }.compactMap(\.code)) == ["audiometry", "exam", "hepatitis", "lab", "malaria", "sti"])
    }
}
