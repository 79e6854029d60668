import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// The register of `date` (a UTC day, as timestamps are stored): every encounter recorded
    /// that day with its person, case and results, confidential results withheld from roles that
    /// may not read them. Audited as an `export` of `report daily-DATE`.
    ///
    /// ```swift
    /// let register = try service.dailyRegister(date: LocalDate("2026-12-03")!, by: clerk)
    /// try register.csv.write(toFile: "register.csv", atomically: true, encoding: .utf8)
    /// ```
    /// - Throws: ``ServiceError`` forbidden for a user without ``Privilege/findPersons``.
    public func dailyRegister(date: LocalDate, format: String = "csv", by session: Session) throws -> DailyRegister {
        try session.require(.findPersons)
        return try write { db in
            let rows = try DailyRegisterStore.rows(db, from: date.description, to: date.adding(days: 1).description)
            var states: [Int64: CaseState] = [:]
            let lines = try rows.map { r -> DailyRegister.Line in
                // Read roles decide; unknown modules fail closed (``mayRead(module:_:)``). A code
                // that follows from what the reader may not read (TB-B1-PULM from HIV) is withheld
                // as on every other screen (``visibleCodes(_:_:_:known:)``).
                let withheld = !mayRead(module: r.encounter.moduleId, session.roles)
                var codes: [String] = []
                if !withheld {
                    let caseID = r.encounter.caseId
                    let state = try states[caseID] ?? caseState(db, caseID)
                    states[caseID] = state
                    codes = try visibleCodes(db, r.encounter, session.roles, known: state)
                }
                let person = view(r.person)
                return DailyRegister.Line(time: String(r.encounter.recordedAt.dropFirst(11).prefix(5)), caseID: r.caseRecord.id ?? 0,
                                          personID: person.id, name: person.fullName, latinName: person.latinName,
                                          document: "\(person.documentType) \(person.documentNumber)", programme: r.caseRecord.programme,
                                          module: r.encounter.moduleId, status: r.encounter.status.rawValue, resultCodes: codes,
                                          withheld: withheld, pending: r.encounter.pending, recordedBy: r.encounter.recordedBy)
            }
            let register = DailyRegister(date: date, lines: lines, preparedBy: session.username, preparedAt: timestamp)
            let shownConfidential = zip(rows, lines).filter { row, line in
                !line.withheld && isConfidential(module: row.encounter.moduleId)
            }.count
            try audit(db, session, "export", "report", "daily-\(date)",
                      ["format": format, "screenings": lines.count, "withheld": register.withheldCount, "confidential_shown": shownConfidential])
            return register
        }
    }

    /// The register as a printable PDF (A4 landscape, DejaVu fonts: names print in their script
    /// with the Latin spelling beside them).
    /// - Throws: ``ServiceError/configuration(_:)`` when the PDF cannot be made (fonts missing).
    public func dailyRegisterPDF(_ register: DailyRegister) throws -> Data {
        let columns: [TableReport.Column] = [
            .init("Time", weight: 4), .init("Case", weight: 3.5), .init("Person", weight: 3.5), .init("Name", weight: 22),
            .init("Document", weight: 12), .init("Programme", weight: 9), .init("Screening", weight: 7), .init("Status", weight: 4.5),
            .init("Results", weight: 16), .init("Recorded by", weight: 8),
        ]
        let rows = register.lines.map { l in
            [l.time, String(l.caseID), String(l.personID), l.latinName.map { "\(l.name) (\($0))" } ?? l.name, l.document,
             l.programme, l.module, l.status, l.results, l.recordedBy]
        }
        var footer = ["\(register.lines.count) screening\(register.lines.count == 1 ? "" : "s") of \(register.personCount) person\(register.personCount == 1 ? "" : "s")."]
        if register.withheldCount > 0 {
            footer.append("\(register.withheldCount) confidential result\(register.withheldCount == 1 ? "" : "s") withheld: not readable by \(register.preparedBy).")
        }
        footer.append("Prepared by \(register.preparedBy) at \(register.preparedAt). Times are UTC.")
        let report = TableReport(title: "Daily register \(register.date)", subtitle: "Who was seen for what, in recording order",
                                 columns: columns, rows: rows, footer: footer)
        let now = clock.now
        do { return try TableReportRenderer(clock: { now }).render(report) } catch let e as CertificateError {
            throw ServiceError.configuration("cannot write the register PDF: \(e.description)")
        }
    }
}
