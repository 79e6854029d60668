import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// A case with everything rules need: person, programme, encounters.
struct CaseState {
    var record: CaseRecord
    var person: PersonRecord
    var pack: RulePack?
    var encounters: [EncounterRecord]

    /// The latest final encounter of each module: the one that counts.
    var latestFinal: [String: EncounterRecord] {
        var out: [String: EncounterRecord] = [:]
        for e in encounters where e.status == .final {
            if let cur = out[e.moduleId], (cur.id ?? 0) > (e.id ?? 0) { continue }
            out[e.moduleId] = e
        }
        return out
    }
}

extension ClinicService {
    func caseState(_ db: Database, _ caseID: Int64) throws -> CaseState {
        let c = try requireCase(db, caseID)
        let p = try requirePerson(db, c.personId)
        return CaseState(record: c, person: p, pack: host.programmes.pack(c.programme),
                         encounters: try EncounterStore.encounters(db, caseID: caseID))
    }

    /// The states of many cases in three queries (cases, persons, encounters), for a bulk
    /// import batch. Ids that name no case are absent from the result.
    func caseStates(_ db: Database, _ caseIDs: Set<Int64>) throws -> [Int64: CaseState] {
        guard !caseIDs.isEmpty else { return [:] }
        let cases = try CaseStore.fetchAll(db, ids: caseIDs)
        let persons = try PersonStore.fetchAll(db, ids: Set(cases.values.map(\.personId)))
        let encounters = try EncounterStore.encounters(db, caseIDs: cases.keys)
        var out: [Int64: CaseState] = [:]
        for (id, c) in cases {
            guard let p = persons[c.personId] else { _ = try requirePerson(db, c.personId); continue }
            out[id] = CaseState(record: c, person: p, pack: host.programmes.pack(c.programme), encounters: encounters[id] ?? [])
        }
        return out
    }

    func facts(_ p: PersonRecord) -> PersonFacts {
        PersonFacts(dateOfBirth: LocalDate(p.dateOfBirth) ?? LocalDate(year: 1900, month: 1, day: 1)!,
                    sex: p.sex.rawValue, nationality: p.nationality)
    }

    /// What `module` may know about the case: other modules' latest results, the person, the
    /// programme's parameters and the person's baseline encounter of the same module.
    /// - Parameter session: who records; facts a confidential module establishes reach the
    ///   rules only for users who may read that module (its issues could otherwise reveal them).
    func moduleContext(_ db: Database, module: String, state: CaseState, excluding encounterID: Int64? = nil,
                       session: Session? = nil) throws -> ModuleContext {
        var results: [String: [String]] = [:]
        var established: Set<String> = []
        for (m, e) in state.latestFinal where m != module {
            let codes = (try? e.derivation().resultCodes) ?? []
            results[m] = codes
            // Facts other modules' results establish (``ModuleFact``), read by name.
            guard let manifest = host.registry.module(m)?.manifest,
                  !manifest.confidential || manifest.canRead(session?.roles ?? []) else { continue }
            for fact in manifest.facts where fact.holds(for: codes) { established.insert(fact.name) }
        }
        // Baseline: the person's earliest final encounter of this module in any case.
        var baseline: Answers?
        if host.registry.module(module)?.usesBaseline == true,
           let baseID = try EncounterStore.baselineEncounterID(db, personID: state.person.id, moduleID: module, excluding: encounterID) {
            baseline = try EncounterStore.answers(db, encounterID: baseID)
        }
        return ModuleContext(today: clock.today, person: facts(state.person), programme: state.record.programme,
                             caseResults: results, baseline: baseline,
                             parameters: state.pack?.parameters(for: module, programmeSettings: host.registry.module(module)?.manifest.programmeSettings ?? []) ?? [:],
                             language: session?.language ?? "en", facts: established)
    }

    /// Modules the programme requires for this person (by age, sex and the case's latest final
    /// results), and those without a final encounter.
    func requirements(_ state: CaseState) -> (required: [String], missing: [String]) {
        guard let pack = state.pack else { return ([], []) }
        let f = facts(state.person)
        let latest = state.latestFinal
        let codes = latest.keys.sorted().flatMap { (try? latest[$0]?.derivation().resultCodes) ?? [] }
        let required = pack.requiredModules(age: f.age(on: clock.today), sex: f.sex, results: codes)
        return (required, required.filter { latest[$0] == nil })
    }

    /// The rule pack's proposal from the latest final results.
    func proposal(_ state: CaseState) -> FitnessProposal {
        guard let pack = state.pack else {
            return FitnessProposal(decision: .pending, reasons: [.init(rule: "unknown-programme", code: nil, decision: .pending,
                message: "programme '\(state.record.programme)' has no rule pack installed")], conditions: [])
        }
        let latest = state.latestFinal
        var codes: [String: [String]] = [:]
        var pending: Set<String> = []
        for (m, e) in latest {
            codes[m] = (try? e.derivation().resultCodes) ?? []
            if e.pending { pending.insert(m) }
        }
        let (required, missing) = requirements(state)
        let drafts = Set(state.encounters.filter { $0.status != .final }.map(\.moduleId))
        let notDone = Set(required.flatMap { host.registry.module($0)?.manifest.notDoneCodes ?? [] })
        return pack.propose(CaseResults(codes: codes, pendingModules: pending, missing: missing,
                                        drafts: drafts, required: required, notDoneCodes: notDone))
    }

    /// Moves an open case along: results pending, ready for review, or open.
    /// - Parameter known: the case as the caller already has it (with the encounter it just
    ///   added), to spare reloading every encounter of the case.
    func refreshStatus(_ db: Database, _ caseID: Int64, known: CaseState? = nil) throws {
        let state = try known ?? caseState(db, caseID)
        guard [.open, .resultsPending, .readyForReview].contains(state.record.status) else { return }
        let new: CaseStatus
        if state.latestFinal.values.contains(where: \.pending) { new = .resultsPending }
        else if requirements(state).missing.isEmpty && !state.latestFinal.isEmpty { new = .readyForReview }
        else { new = .open }
        if new != state.record.status { try CaseStore.setStatus(db, caseID: caseID, new) }
    }
}
