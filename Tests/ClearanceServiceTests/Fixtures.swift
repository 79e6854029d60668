import ClearanceCore
import ClearanceService
import ClearanceStore
import Foundation

/// A service on a fresh database file with two small declarative modules and one rule pack.
struct Clinic {
    let dir: URL
    let service: ClinicService
    let admin: Session
    let nurse: Session
    let counsellor: Session
    let clerk: Session
    let mo: Session

    static let vitals = """
    form:
      id: vitals
      version: "1"
      title: Vitals
      languages: [en]
    module:
      id: vitals
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [nurse, counsellor]
      result_codes:
        - {code: VIT-HIGH, meaning: High blood pressure}
        - {code: VIT-OK, meaning: Normal}
      rules:
        - {code: VIT-HIGH, when: "${systolic} >= 140"}
        - {code: VIT-OK, when: "${systolic} < 140"}
    fields:
      - {name: systolic, type: integer, min: 60, max: 260, unit: mmHg, label: Systolic, required: true}
      - {name: note, type: text, label: Note}
      - {name: counsellor_note, type: text, label: Counsellor note, roles: [counsellor]}
    """

    static let secret = """
    form:
      id: secret
      version: "1"
      title: Confidential test
      languages: [en]
    module:
      id: secret
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [counsellor]
      read_roles: [counsellor, medical-officer]
      confidential: true
      result_codes:
        - {code: SEC-POS, meaning: Positive}
        - {code: SEC-NEG, meaning: Negative}
      rules:
        - {code: SEC-POS, when: "${result} = 'yes'"}
        - {code: SEC-NEG, when: "${result} = 'no'"}
    fields:
      - {name: result, type: yes_no, label: Result, required: true}
    """

    static let pack = RulePack(id: "test-prog", version: "1", title: "Test programme", destination: "Testland",
                               requirements: [ModuleRequirement(module: "vitals"), ModuleRequirement(module: "secret", minAge: 15)],
                               outcomes: [OutcomeRule(name: "high-bp", codes: ["VIT-HIGH"], decision: .fitWithConditions,
                                                      reason: "High blood pressure", conditions: "See a doctor"),
                                          OutcomeRule(name: "secret-pos", codes: ["SEC-POS"], decision: .unfit, reason: "Positive")],
                               validity: Validity(months: 6))

    /// - Parameter modules: changes the modules before the host is built (wrappers that declare more).
    init(today: String = "2026-11-20", modules adjust: ([any ScreeningModule]) -> [any ScreeningModule] = { $0 }) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-svc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var modules: [any ScreeningModule] = []
        for text in [Clinic.vitals, Clinic.secret] {
            let f = try FormLoader.load(yaml: text, origin: "test.yaml")
            modules.append(DeclarativeModule(form: f.form, spec: f.module!))
        }
        let host = HostEnvironment(registry: ModuleRegistry(modules: adjust(modules)), programmes: ProgrammeCatalog(packs: [Clinic.pack]))
        service = try ClinicService(databasePath: dir.appendingPathComponent("t.sqlite").path, host: host,
                                    clock: FixedClock(LocalDate(today)!), passwordHasher: PasswordHasher(iterations: 1_000))
        try service.createFirstAdmin(username: "admin", displayName: "Admin", password: "password1234")
        admin = try service.signIn(username: "admin", password: "password1234")
        for (u, r) in [("nurse", Role.nurse), ("counsellor", .counsellor), ("clerk", .clerk), ("mo", .medicalOfficer)] {
            _ = try service.addUser(username: u, displayName: u, roles: [r], registrationNumber: nil, password: "password1234", by: admin)
        }
        nurse = try service.signIn(username: "nurse", password: "password1234")
        counsellor = try service.signIn(username: "counsellor", password: "password1234")
        clerk = try service.signIn(username: "clerk", password: "password1234")
        mo = try service.signIn(username: "mo", password: "password1234")
    }

    /// A registered adult with an open case; returns the case id.
    func openCase(document: String = "P1") throws -> Int64 {
        let p = try service.addPerson(PersonInput(surname: "Haddad", givenNames: "Layla", dateOfBirth: LocalDate("1990-03-02")!,
                                                  sex: "F", nationality: "JOR", documentNumber: document), by: clerk)
        return try service.openCase(personID: p.id, programme: "test-prog", by: clerk).id
    }

    func count(_ table: String) throws -> Int {
        try service.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }
}

import GRDB
