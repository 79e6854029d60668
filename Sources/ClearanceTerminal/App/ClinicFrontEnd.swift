import ClearanceCore

/// The signed-in user as the screens need it.
public struct ClinicUser: Hashable, Sendable {
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    public init(username: String, displayName: String, roles: Set<Role>) {
        self.username = username; self.displayName = displayName; self.roles = roles
    }
}

/// A person as listed by a search.
public struct PersonSummary: Hashable, Sendable {
    public var id: String
    public var displayName: String
    public var dateOfBirth: LocalDate?
    public var sex: String
    public var nationality: String
    public var document: String
    public init(id: String, displayName: String, dateOfBirth: LocalDate?, sex: String, nationality: String, document: String) {
        self.id = id; self.displayName = displayName; self.dateOfBirth = dateOfBirth; self.sex = sex
        self.nationality = nationality; self.document = document
    }
}

/// What the clerk types to register a person (see ``RegistrationForm``).
public struct PersonRegistration: Hashable, Sendable {
    public var surname: String
    public var givenNames: String
    public var dateOfBirth: LocalDate
    /// `F`, `M` or `X`.
    public var sex: String
    /// ISO 3166-1 alpha-3.
    public var nationality: String
    public var documentType: String
    public var documentNumber: String
    public var documentExpiry: LocalDate?
    /// The clinic-taken photo, a PNG file path for the service to import.
    public var photoPath: String?
    /// A minor's guardian: name and relationship (`Ngozi Okafor (mother)`).
    public var guardian: String?
    public init(surname: String, givenNames: String, dateOfBirth: LocalDate, sex: String, nationality: String,
                documentType: String, documentNumber: String, documentExpiry: LocalDate? = nil, photoPath: String? = nil,
                guardian: String? = nil) {
        self.surname = surname; self.givenNames = givenNames; self.dateOfBirth = dateOfBirth; self.sex = sex
        self.nationality = nationality; self.documentType = documentType; self.documentNumber = documentNumber
        self.documentExpiry = documentExpiry; self.photoPath = photoPath; self.guardian = guardian
    }
}

/// A programme a case can be opened for (`us-panel`).
public struct ProgrammeChoice: Hashable, Sendable {
    public var id: String
    public var title: String
    public init(id: String, title: String) { self.id = id; self.title = title }
}

/// An open case on the worklist, with what it still needs.
public struct WorklistEntry: Hashable, Sendable {
    public var caseID: String
    public var personName: String
    public var programme: String
    public var status: String
    /// Module ids still to record (or results pending).
    public var outstanding: [String]
    /// The person's travel document number and Latin spelling of the name (searched, not shown).
    public var document: String
    public init(caseID: String, personName: String, programme: String, status: String, outstanding: [String], document: String = "") {
        self.caseID = caseID; self.personName = personName; self.programme = programme
        self.status = status; self.outstanding = outstanding; self.document = document
    }
}

/// A case as shown on its page.
public struct CaseOverview: Hashable, Sendable {
    public struct Module: Hashable, Sendable {
        public var id: String
        public var title: String
        /// `to record`, `draft`, `final`, `results pending`...
        public var status: String
        public var resultCodes: [String]
        /// ``status`` as shown, in the user's language (``status`` itself when not given).
        public var statusText: String
        public init(id: String, title: String, status: String, resultCodes: [String] = [], statusText: String? = nil) {
            self.id = id; self.title = title; self.status = status; self.resultCodes = resultCodes
            self.statusText = statusText ?? status
        }
    }
    public var caseID: String
    public var personName: String
    public var programme: String
    public var status: String
    public var modules: [Module]
    /// The medical officer's recorded decision and the case's certificates, as lines to show
    /// (empty: none yet).
    public var decision: [String] = []
    /// Whether the case has a current certificate (to export).
    public var certified = false
    /// Further lines to show (proposed fitness, what blocks a certificate).
    public var notes: [String]
    public init(caseID: String, personName: String, programme: String, status: String, modules: [Module], notes: [String] = []) {
        self.caseID = caseID; self.personName = personName; self.programme = programme
        self.status = status; self.modules = modules; self.notes = notes
    }
}

/// A module's form ready to fill for a case: the form it will be stored with and its rules
/// (a `FormEvaluator` with the case's context).
public struct RecordingForm: Sendable {
    public var form: FormSpec
    public var rules: FormEvaluator
    /// Answers the form starts from: those of an encounter another role started and this user
    /// completes (the X-ray acquisition for the radiologist), kept with Enter; empty otherwise.
    public var answers: Answers
    public init(form: FormSpec, rules: FormEvaluator, answers: Answers = Answers()) {
        self.form = form; self.rules = rules; self.answers = answers
    }
}

/// What the save path said about a submitted form.
public enum RecordOutcome: Hashable, Sendable {
    /// Stored; the message says what was derived (`TB-NONE`).
    case saved(message: String)
    /// Refused: every problem, naming its field. The user goes back to fix them.
    case rejected([ValidationIssue])
    /// Not saved: the case already holds a final encounter of the module; saving again needs
    /// the reason it replaces that one (``FormSubmission/supersede``). The message says which.
    case needsSupersede(message: String)
}

/// Answers the service refused, each issue naming its field: thrown by a ``ClinicFrontEnd``
/// action whose form the screens then show again with the issues beside the fields.
public struct RejectedAnswers: Error, CustomStringConvertible {
    public var issues: [ValidationIssue]
    public init(_ issues: [ValidationIssue]) { self.issues = issues }
    public var description: String { issues.map { "\($0.path): \($0.message)" }.joined(separator: "; ") }
}

/// What the terminal front end needs from the clinic: the integrator implements it over the
/// service layer, which checks privileges and validates; the screens never decide those.
///
/// Every method may throw; the screens show the error's description to the user, so it
/// should say what was wrong and what to do.
public protocol ClinicFrontEnd: AnyObject {
    func signIn(username: String, password: String) throws -> ClinicUser
    /// People matching a search (name without diacritics, document number); "" may return recent ones.
    func findPersons(matching query: String) throws -> [PersonSummary]
    func registerPerson(_ registration: PersonRegistration) throws -> PersonSummary
    /// The programmes a case can be opened for.
    func programmes() throws -> [ProgrammeChoice]
    func openCase(personID: String, programme: String) throws -> CaseOverview
    /// Open cases with what each still needs.
    func worklist() throws -> [WorklistEntry]
    /// The form of `module` for the case, with rules bound to the case's context.
    func recordingForm(caseID: String, module: String) throws -> RecordingForm
    /// Validates and stores a module's answers for the case (one transaction, audited).
    func record(caseID: String, module: String, submission: FormSubmission) throws -> RecordOutcome
    func caseSummary(caseID: String) throws -> CaseOverview
    /// Checks and stores an image file (PNG) given by path; returns its attachment id.
    func attachImage(path: String) throws -> Int64
    /// Checks an image file (PNG) given by path as the service would store it, storing nothing
    /// (the registration photo, stored with the person once registered). The error names the file.
    func checkImage(path: String) throws

    // MARK: The medical officer's part (the service checks who may)

    /// Records the fitness decision; returns what the service says (the decision, how it
    /// compares with the proposal).
    func decide(caseID: String, decision: FitnessDecision, conditions: String?, reason: String?) throws -> String
    /// Signs a certificate for the decided case; returns its id and what was issued.
    func issueCertificate(caseID: String, noPhotoReason: String?) throws -> (id: String, message: String)
    /// Writes the case's current certificate as a PDF at `path`; returns what was written.
    func exportCertificate(caseID: String, to path: String) throws -> String
    /// Closes the case (its work is done) with a reason; returns its new status line.
    func closeCase(caseID: String, reason: String) throws -> String
    /// The current answers of the case's final encounter of `module`, with the form to edit
    /// them in, for a correction.
    func currentAnswers(caseID: String, module: String) throws -> (form: RecordingForm, answers: Answers)
    /// Corrects the case's current encounter of `module`: the changed top-level answers, with
    /// the reason (audited; the old observations are voided, never overwritten).
    func correct(caseID: String, module: String, submission: FormSubmission, original: Answers, reason: String) throws -> RecordOutcome
}
