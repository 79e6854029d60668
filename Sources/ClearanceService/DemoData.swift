import ClearanceCore
import ClearanceStore
import Foundation

/// The demo database: staff (password `demo`), persons with Latin, Cyrillic and Arabic names,
/// open cases under every programme, and a few recorded screenings.
public enum DemoData {
    /// Staff accounts: user name, display name, roles, registration number.
    public static let staff: [(String, String, Set<Role>, String?)] = [
        ("clerk", "Rosa Clerk", [.clerk], nil),
        ("nurse", "Amina Nurse", [.nurse], nil),
        ("counsellor", "Joseph Counsellor", [.counsellor], nil),
        ("radiographer", "Lena Radiographer", [.radiographer], nil),
        ("radiologist", "Dr Omar Radiologist", [.radiologist], "RAD-20417"),
        ("audiometrist", "Kim Audiometrist", [.audiometrist], nil),
        ("mo", "Dr Grace Officer", [.medicalOfficer], "MC-55812"),
    ]

    /// The demo password of every account.
    public static let password = "demo"

    /// What the demo created.
    public struct Report: Sendable {
        public var users: [String]
        public var persons: [PersonView]
        public var cases: [CaseView]
        public var encounters: [RecordOutcome]

        /// The report as JSON output for the database at `database`.
        public func view(database: String) -> DemoReportView {
            DemoReportView(database: database, password: DemoData.password,
                           passwordNote: "demo only: real accounts need at least \(PasswordPolicy.minimumLength) characters",
                           users: users, persons: persons, cases: cases, encounters: encounters)
        }

        public func text(database: String) -> String {
            var out = ["Demo database ready: \(database)", "",
                       "Staff (password '\(DemoData.password)'): \(users.joined(separator: ", "))",
                       "  '\(DemoData.password)' is accepted only because this is a demo: real accounts (`clearance init`, `user add`,",
                       "  `user password`) need at least \(PasswordPolicy.minimumLength) characters.",
                       "Unsigned module files (CLEARANCE_MODULES_PATH) load in this demo; a clinic database loads only signed",
                       "  module packs until its administrator runs `clearance modules allow-unsigned`.", "", "Open cases:"]
            for c in cases {
                let p = persons.first { $0.id == c.personID }
                out.append("  case \(c.id)  \(c.programme.padding(toLength: 18, withPad: " ", startingAt: 0)) \(p?.fullName ?? "?")")
            }
            out.append("")
            out.append("Recorded: " + encounters.map { "\($0.module) on case \($0.caseID) -> \($0.resultCodes.joined(separator: " "))" }.joined(separator: "; "))
            out.append("")
            out.append("Try:")
            out.append("  export CLEARANCE_DB=\(database) CLEARANCE_USER=mo CLEARANCE_PASSWORD=demo")
            out.append("  clearance case list                # the worklist")
            out.append("  clearance case show \(cases.first?.id ?? 1)              # results, missing modules, proposed fitness")
            out.append("  clearance person find muller       # diacritics-insensitive search")
            out.append("  clearance                          # the full-screen recorder (on a terminal)")
            return out.joined(separator: "\n")
        }
    }

    /// Fills an empty database and marks it as a demo (`clinic_metadata` row `purpose = demo`).
    /// Uses the service's own paths, so every row is audited.
    public static func populate(_ service: ClinicService) throws -> Report {
        // Marks the file as a demo, the only kind `clearance demo --replace` may delete.
        try service.write { db in
            try ClinicMetadata.set(db, ClinicMetadata.purposeKey, ClinicMetadata.demoPurpose)
            try service.audit(db, nil, "mark-demo", "clinic_metadata", ClinicMetadata.purposeKey, ["value": ClinicMetadata.demoPurpose],
                              wrote: [AuditSubject(.clinicMetadata, ClinicMetadata.purposeKey)])
        }
        try service.createFirstAdmin(username: "admin", displayName: "Clinic Administrator", password: password, checked: false)
        let admin = try service.signIn(username: "admin", password: password)
        try service.setClinicIdentity(name: "Demo Migration Health Clinic", address: "1 Example Road, Demo City",
                                      siteCode: "DEMO-01", by: admin)
        // A demo is for trying modules out: unsigned files of CLEARANCE_MODULES_PATH load here
        // (a database made by `clearance init` loads only signed packs until its administrator says otherwise).
        try service.setUnsignedModulesAllowed(true, by: admin)
        for (u, name, roles, reg) in staff {
            _ = try service.addUser(username: u, displayName: name, roles: roles, registrationNumber: reg, password: password, by: admin, checked: false)
        }
        let clerk = try service.signIn(username: "clerk", password: password)
        let today = service.clock.today
        func born(_ years: Int, _ days: Int = 40) -> LocalDate { today.adding(months: -12 * years).adding(days: -days) }
        let people: [PersonInput] = [
            PersonInput(surname: "Müller", givenNames: "Hans Peter", dateOfBirth: born(34), sex: "M", nationality: "DEU",
                        documentNumber: "C01X00T47", documentExpiry: today.adding(months: 60)),
            PersonInput(surname: "Santos", givenNames: "Maria Clara", dateOfBirth: born(29, 100), sex: "F", nationality: "PHL",
                        documentNumber: "P4412907A", documentExpiry: today.adding(months: 48)),
            PersonInput(surname: "Иванова", givenNames: "Мария", dateOfBirth: born(41, 200), sex: "F", nationality: "UKR",
                        documentNumber: "FT120456", documentExpiry: today.adding(months: 30)),
            PersonInput(surname: "الحسن", givenNames: "محمد", dateOfBirth: born(26, 10), sex: "M", nationality: "SYR",
                        documentType: "refugee-travel-document", documentNumber: "RTD-884213"),
            PersonInput(surname: "Okafor", givenNames: "Chidi", dateOfBirth: born(9, 150), sex: "M", nationality: "NGA",
                        documentNumber: "A07733519", guardian: "Ngozi Okafor (mother)"),
            PersonInput(surname: "Nguyễn", givenNames: "Thị Lan", dateOfBirth: born(31, 75), sex: "F", nationality: "VNM",
                        documentNumber: "B9920417"),
        ]
        let persons = try people.map { try service.addPerson($0, by: clerk) }
        let plan: [(Int, String, String)] = [(0, "uk-tb", "student"), (1, "gcc-labour", "labour"), (2, "us-panel", "family"),
                                            (3, "us-panel", "resettlement"), (4, "us-panel", "resettlement"), (5, "iom-fit-to-travel", "resettlement")]
        var cases: [CaseView] = []
        for (i, programme, purpose) in plan where service.host.programmes.pack(programme) != nil {
            cases.append(try service.openCase(personID: persons[i].id, programme: programme, purpose: purpose, site: "DEMO-01", by: clerk))
        }
        // A completed screening for the first person: every module its programme requires, in
        // the programme's order, from the modules' own templates, each recorded by the first
        // demo account whose roles may record it (non-medical staff first).
        var encounters: [RecordOutcome] = []
        if let first = cases.first {
            let summary = try service.caseSummary(first.id, by: clerk)
            for module in summary.required {
                guard let m = service.host.registry.module(module) else { continue }
                let template = try service.host.answersTemplate(for: module, today: today)
                let answers = (try? m.form.decodeAnswers(template)) ?? Answers()
                // Who may record it and answer every field the template answers but those
                // another role answers later (`awaited`: the X-ray reading after the acquisition).
                func answersAll(_ roles: Set<Role>, but later: Bool) -> Bool {
                    m.form.restrictedAnswers(in: answers, for: roles).allSatisfy { later && m.form.field(named: $0.path.components[0].name)?.awaited == true }
                }
                guard let who = staff.first(where: { m.manifest.canRecord($0.2) && answersAll($0.2, but: true) }) else { continue }
                let session = try service.signIn(username: who.0, password: password)
                var outcome = try service.record(module: module, caseID: first.id, json: template, final: true, by: session)
                // The other part by the first account that may answer it: the same encounter, completed.
                if !outcome.awaiting.isEmpty, let reader = staff.first(where: { m.manifest.canRecord($0.2) && answersAll($0.2, but: false) }) {
                    let readerSession = try service.signIn(username: reader.0, password: password)
                    outcome = try service.record(module: module, caseID: first.id, json: template, final: true, by: readerSession)
                }
                encounters.append(outcome)
            }
        }
        return Report(users: ["admin"] + staff.map(\.0), persons: persons, cases: cases, encounters: encounters)
    }
}
