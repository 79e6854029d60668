import ClearanceCore
import Foundation
@testable import ClearanceTerminal

/// An in-memory clinic behind the screens: one user, people, cases, and a save path that
/// rejects the first submission of a case whose `cough_weeks` is over 20.
final class FakeClinic: ClinicFrontEnd {
    struct Denied: Error, CustomStringConvertible { var description: String }
    var people: [PersonSummary] = [
        PersonSummary(id: "p1", displayName: "王秀英", dateOfBirth: LocalDate("1990-04-01"), sex: "F", nationality: "CHN", document: "E1234"),
        PersonSummary(id: "p2", displayName: "José Núñez", dateOfBirth: LocalDate("1985-12-24"), sex: "M", nationality: "VEN", document: "V77"),
    ]
    var cases: [String: (person: PersonSummary, programme: String)] = ["c1": (person: PersonSummary(id: "p1", displayName: "王秀英", dateOfBirth: nil, sex: "F", nationality: "CHN", document: "E1234"), programme: "us-panel")]
    var recorded: [(caseID: String, module: String, answers: Answers)] = []
    var registered: [PersonRegistration] = []

    func signIn(username: String, password: String) throws -> ClinicUser {
        guard username == "ana", password == "s3cret" else { throw Denied(description: "wrong user name or password; try again") }
        return ClinicUser(username: "ana", displayName: "Ana (nurse)", roles: [.nurse])
    }
    func findPersons(matching query: String) throws -> [PersonSummary] {
        let q = query.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return people.filter { q.isEmpty || $0.displayName.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).contains(q) }
    }
    func registerPerson(_ r: PersonRegistration) throws -> PersonSummary {
        registered.append(r)
        let p = PersonSummary(id: "p\(people.count + 1)", displayName: "\(r.surname), \(r.givenNames)", dateOfBirth: r.dateOfBirth,
                              sex: r.sex, nationality: r.nationality, document: r.documentNumber)
        people.append(p)
        return p
    }
    func programmes() throws -> [ProgrammeChoice] { [ProgrammeChoice(id: "us-panel", title: "US panel"), ProgrammeChoice(id: "uk-tb", title: "UK TB")] }
    func openCase(personID: String, programme: String) throws -> CaseOverview {
        guard let p = people.first(where: { $0.id == personID }) else { throw Denied(description: "no person \(personID)") }
        let id = "c\(cases.count + 1)"
        cases[id] = (person: p, programme: programme)
        return try caseSummary(caseID: id)
    }
    func worklist() throws -> [WorklistEntry] {
        cases.keys.sorted().map { id in
            WorklistEntry(caseID: id, personName: cases[id]!.person.displayName, programme: cases[id]!.programme, status: "open",
                          outstanding: recorded.contains { $0.caseID == id } ? [] : ["tbmini"])
        }
    }
    func recordingForm(caseID: String, module: String) throws -> RecordingForm {
        RecordingForm(form: TestForms.tb, rules: TestForms.rules)
    }
    func record(caseID: String, module: String, submission: FormSubmission) throws -> RecordOutcome {
        if let w = submission.answers["cough_weeks"]?.integer, w > 20 {
            return .rejected([ValidationIssue(field: "cough_weeks", message: "over 20 weeks: check with the person")])
        }
        recorded.append((caseID: caseID, module: module, answers: submission.answers))
        return .saved(message: "TB mini saved: TB-NONE")
    }
    func caseSummary(caseID: String) throws -> CaseOverview {
        guard let c = cases[caseID] else { throw Denied(description: "no case \(caseID)") }
        let done = recorded.contains { $0.caseID == caseID }
        return CaseOverview(caseID: caseID, personName: c.person.displayName, programme: c.programme, status: "open",
                            modules: [.init(id: "tbmini", title: "TB mini", status: done ? "final" : "to record")])
    }
    func attachImage(path: String) throws -> Int64 { 7 }
}
