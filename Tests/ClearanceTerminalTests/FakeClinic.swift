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
    /// Cases with a current certificate.
    var certifiedCases: Set<String> = []
    /// The signed-in user's roles.
    var roles: Set<Role> = [.nurse]

    func signIn(username: String, password: String) throws -> ClinicUser {
        guard username == "ana", password == "s3cret" else { throw Denied(description: "wrong user name or password; try again") }
        return ClinicUser(username: "ana", displayName: "Ana (\(roles.map(\.rawValue).sorted().joined(separator: ", ")))", roles: roles)
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
        var overview = CaseOverview(caseID: caseID, personName: c.person.displayName, programme: c.programme, status: "open",
                                    modules: [.init(id: "tbmini", title: "TB mini", status: done ? "final" : "to record")])
        overview.certified = certifiedCases.contains(caseID)
        overview.decision = decisions.filter { $0.caseID == caseID }.map { "Decision: \($0.decision.label)" }
        return overview
    }
    func attachImage(path: String) throws -> Int64 { 7 }
    var checkedImages: [String] = []
    func checkImage(path: String) throws {
        guard path.hasSuffix(".png") else { throw Denied(description: "\(path): not a PNG file; give the path of a PNG image") }
        checkedImages.append(path)
    }
    var decisions: [(caseID: String, decision: FitnessDecision, conditions: String?, reason: String?)] = []
    func decide(caseID: String, decision: FitnessDecision, conditions: String?, reason: String?) throws -> String {
        if decision == .fitWithConditions, conditions == nil { throw Denied(description: "conditions: FIT WITH CONDITIONS needs the conditions") }
        decisions.append((caseID, decision, conditions, reason))
        return "Case \(caseID): \(decision.label)"
    }
    func issueCertificate(caseID: String, noPhotoReason: String?) throws -> (id: String, message: String) { ("CERT-1", "Issued CERT-1") }
    var exported: [String] = []
    func exportCertificate(caseID: String, to path: String) throws -> String { exported.append(path); return "Wrote CERT-1 to \(path)" }
    var closed: [(caseID: String, reason: String)] = []
    func closeCase(caseID: String, reason: String) throws -> String { closed.append((caseID, reason)); return "Case \(caseID) is closed." }
    func currentAnswers(caseID: String, module: String) throws -> (form: RecordingForm, answers: Answers) {
        guard let r = recorded.last(where: { $0.caseID == caseID && $0.module == module }) else { throw Denied(description: "nothing to correct") }
        return (try recordingForm(caseID: caseID, module: module), r.answers)
    }
    var corrections: [(changed: Answers, reason: String)] = []
    func correct(caseID: String, module: String, submission: FormSubmission, original: Answers, reason: String) throws -> RecordOutcome {
        corrections.append((submission.answers, reason))
        return .saved(message: "Corrected")
    }
}
