import ClearanceCore
import ClearanceService
import ClearanceTerminal
import Foundation

/// The terminal's ``ClinicFrontEnd`` over ``ClinicService``: every call goes through the
/// service, which checks privileges, validates and audits; this type only translates.
///
/// Sign-in keeps the service ``Session``; every later call uses it. An image field's file is
/// stored (checked) as an attachment of the kind the module being recorded takes, and tied to
/// the encounter when the form is saved, through the recording pipeline's image checks.
///
/// ```swift
/// let frontEnd = ServiceFrontEnd(service: service)
/// let app = ScreenApp(frontEnd: frontEnd, terminal: term, drafts: drafts, clock: { service.clock.now })
/// ```
final class ServiceFrontEnd: ClinicFrontEnd {
    let service: ClinicService
    /// The signed-in user (set by ``signIn(username:password:)`` or given at creation).
    private(set) var session: Session?
    /// The module whose form was last opened (``recordingForm(caseID:module:)``): image files
    /// attached while it is filled in are stored as the kind it takes.
    private(set) var recordingModule: String?

    /// Where the clinic's signing key is (as `certificate issue` finds it).
    let keyDirectory: URL
    /// Language of module and programme titles (`--lang`).
    var language = "en"

    init(service: ClinicService, session: Session? = nil, keyDirectory: URL) {
        self.service = service; self.session = session; self.keyDirectory = keyDirectory
    }

    /// The session, or an authentication error telling the user to sign in.
    func requireSession() throws -> Session {
        guard var session else { throw ServiceError.authentication("not signed in; sign in first") }
        session.language = language   // the service's messages about answers in the recorder's language
        return session
    }

    func signIn(username: String, password: String) throws -> ClinicUser {
        let s = try service.signIn(username: username, password: password)
        session = s
        return ServiceFrontEnd.user(s)
    }

    static func user(_ s: Session) -> ClinicUser {
        ClinicUser(username: s.username, displayName: "\(s.displayName) (\(s.roleList))", roles: s.roles)
    }

    func findPersons(matching query: String) throws -> [PersonSummary] {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        return try service.findPersons(q, limit: 50, by: requireSession()).map(ServiceFrontEnd.summary)
    }

    static func summary(_ p: PersonView) -> PersonSummary {
        PersonSummary(id: String(p.id), displayName: p.shownName, dateOfBirth: p.dateOfBirth, sex: p.sex,
                      nationality: p.nationality, document: "\(p.documentType) \(p.documentNumber)")
    }

    func registerPerson(_ r: PersonRegistration) throws -> PersonSummary {
        let photo = r.photoPath.flatMap { $0.isEmpty ? nil : $0 }
        if let photo { try checkImage(path: photo) }
        let input = PersonInput(surname: r.surname, givenNames: r.givenNames, dateOfBirth: r.dateOfBirth, sex: r.sex,
                                nationality: r.nationality,
                                documentType: r.documentType.replacingOccurrences(of: "_", with: "-"),
                                documentNumber: r.documentNumber, documentExpiry: r.documentExpiry,
                                guardian: r.guardian.flatMap { $0.isEmpty ? nil : $0 })
        let person = try service.addPerson(input, by: requireSession())
        if let photo {
            do { _ = try service.setPhoto(personID: person.id, fileAt: photo, by: requireSession()) } catch {
                throw TerminalError(message: "person \(person.id) was registered, but the photo \(photo) was not stored: \(ServiceFrontEnd.readable(error)); add it with `clearance person photo \(person.id) FILE.png`")
            }
        }
        return ServiceFrontEnd.summary(person)
    }

    func programmes() throws -> [ProgrammeChoice] {
        service.host.programmes.packs.map { ProgrammeChoice(id: $0.id, title: $0.title.text(language)) }
    }

    func openCase(personID: String, programme: String) throws -> CaseOverview {
        let c = try service.openCase(personID: try ServiceFrontEnd.number(personID, "person"), programme: programme,
                                     by: requireSession())
        return try caseSummary(caseID: String(c.id))
    }

    func worklist() throws -> [WorklistEntry] {
        let session = try requireSession()
        var documents: [Int64: String] = [:]
        return try service.worklist(limit: 500, by: session).map { w in
            if documents[w.personID] == nil { documents[w.personID] = (try? service.person(w.personID, by: session))?.documentNumber ?? "" }
            return WorklistEntry(caseID: String(w.caseID), personName: w.personName, programme: w.programme, status: w.status,
                                 outstanding: w.missing, document: [documents[w.personID] ?? "", w.latinName ?? ""].joined(separator: " "))
        }
    }

    func recordingForm(caseID: String, module: String) throws -> RecordingForm {
        let session = try requireSession()
        let form = try service.host.module(module).form
        recordingModule = module
        let id = try ServiceFrontEnd.number(caseID, "case")
        let context = try service.recordingContext(module: module, caseID: id, by: session)
        // An encounter another role started (the X-ray acquisition) is completed, not retyped.
        let started = try service.awaitingAnswers(module: module, caseID: id, by: session) ?? Answers()
        return RecordingForm(form: form, rules: FormEvaluator(form: form, context: context), answers: started)
    }

    func record(caseID: String, module: String, submission: FormSubmission) throws -> ClearanceTerminal.RecordOutcome {
        let number = try ServiceFrontEnd.number(caseID, "case")
        if submission.supersede == nil, let earlier = try service.finalEncounter(caseID: number, module: module, by: requireSession()) {
            return .needsSupersede(message: "Case \(caseID) already has \(module) (encounter \(earlier)): why does this recording replace it?")
        }
        do {
            let outcome = try save(caseID: try ServiceFrontEnd.number(caseID, "case"), module: module, submission: submission)
            return .saved(message: outcome.text)
        } catch let e as ServiceError where !e.issues.isEmpty {
            return .rejected(e.issues)
        }
    }

    /// Saves through the one save path and returns the service's outcome (the CLI prints it).
    func save(caseID: Int64, module: String, submission: FormSubmission) throws -> ClearanceService.RecordOutcome {
        try service.record(module: module, caseID: caseID, input: .answers(submission.answers), final: true,
                           supersede: submission.supersede, by: requireSession())
    }

    func caseSummary(caseID: String) throws -> CaseOverview {
        let session = try requireSession()
        let s = try service.caseSummary(try ServiceFrontEnd.number(caseID, "case"), by: session)
        var ids = s.required
        // Other installed modules this user may record (optional screenings), after the required ones.
        for m in service.host.registry.modules where !ids.contains(m.manifest.id) && m.manifest.canRecord(session.roles) {
            ids.append(m.manifest.id)
        }
        for e in s.encounters where !ids.contains(e.module) { ids.append(e.module) }
        let modules = ids.map { id -> CaseOverview.Module in
            let title = service.host.registry.module(id)?.manifest.title.text(language) ?? id
            let current = s.encounters.last { $0.module == id && $0.current }
            let draft = s.encounters.last { $0.module == id && $0.status == "draft" }
            let required = s.required.contains(id)
            let status: String
            if let current {
                status = current.pending ? "results pending" : (current.hidden ? "done (confidential)" : "final")
            } else if draft != nil {
                status = "draft"
            } else {
                status = required ? "to record" : "optional"
            }
            return .init(id: id, title: title, status: status, resultCodes: current?.resultCodes ?? [],
                         statusText: HostText.text("status." + status.replacingOccurrences(of: " ", with: "_")
                            .replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: ""), language))
        }
        var notes = [HostText.text("case.proposed", language, ["decision": s.proposal.decision.label])]
        notes += s.proposal.reasons.prefix(3).map { "  - \($0.message)" }
        notes += s.attention.map { HostText.text("case.attention", language, ["field": "\($0.path)", "message": $0.message]) }
        var overview = CaseOverview(caseID: String(s.caseInfo.id), personName: s.person.shownName,
                                    programme: "\(s.programmeTitle) (\(s.caseInfo.programme))", status: s.caseInfo.status,
                                    modules: modules, notes: notes)
        let certificates = (try? service.certificates(caseID: s.caseInfo.id, by: session)) ?? []
        overview.decision = ServiceFrontEnd.decisionLines(s.decision, certificates: certificates, language: language)
        overview.certified = certificates.contains { $0.status == "current" }
        return overview
    }

    func attachImage(path: String) throws -> Int64 {
        let kind = recordingModule.flatMap { service.host.registry.module($0)?.manifest.acceptedAttachmentKinds.first } ?? AttachmentKind.other.rawValue
        do { return try service.storeImage(fileAt: path, kind: AttachmentKind(kind), by: requireSession()).id }
        catch { throw TerminalError(message: ServiceFrontEnd.readable(error)) }
    }

    func checkImage(path: String) throws {
        do { try service.checkImage(fileAt: path, by: requireSession()) }
        catch { throw TerminalError(message: ServiceFrontEnd.readable(error)) }
    }

    /// An error on one line for a screen: a file's problems as `FILE: what is wrong`.
    static func readable(_ error: Error) -> String {
        if let e = error as? ServiceError, !e.issues.isEmpty {
            return e.issues.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
        }
        return "\(error)"
    }

    /// Reads an id the screens hand back.
    static func number(_ text: String, _ what: String) throws -> Int64 {
        guard let n = Int64(text) else { throw ServiceError.invalid(field: what, "'\(text)' is not a \(what) id") }
        return n
    }
}
