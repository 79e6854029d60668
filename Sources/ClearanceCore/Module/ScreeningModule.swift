/// A screening module: one kind of examination a clinic records (TB, HIV, audiometry, ...).
///
/// The contract: a module *describes* a screening. It gives a manifest, a form, extra
/// validation beyond the form's own constraints, and the derivation of result codes and computed
/// values. It never draws a screen, never touches the database and never checks privileges: the
/// host does all of that through one save path, whatever front end is used. `validate` and
/// `derive` must be pure functions of their arguments (the clock is in the context), so the
/// same answers always give the same results.
///
/// Modules reach the host by two routes that end in the same shape: compiled Swift types in
/// `Plugins/`, and declarative form files with a `module:` section (see ``DeclarativeModule``).
public protocol ScreeningModule: Sendable {
    var manifest: ModuleManifest { get }
    /// The form clinic staff fill in.
    var form: FormSpec { get }
    /// Where the module came from: `builtin` (compiled) or `declarative` (a form file).
    var source: ModuleSource { get }

    /// Whether ``derive(_:context:)`` reads ``ModuleContext/baseline`` (audiometry's threshold
    /// shift). The host looks the baseline encounter up only for modules that use it.
    var usesBaseline: Bool { get }

    /// Checks beyond the form's own required/constraint rules (cross-field and cross-module).
    /// Called only with answers that already passed the form's rules.
    func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue]

    /// Result codes and computed values for valid answers.
    func derive(_ answers: Answers, context: ModuleContext) -> Derivation

    /// What the module puts on a fitness certificate's list of tests (never a diagnosis for a
    /// confidential module). Nil leaves the module off the certificate.
    func certificateEntry(_ answers: Answers, derivation: Derivation, recordedOn: LocalDate) -> CertificateEntry?

    /// A picture the host can draw from the answers (an audiogram), or nil (the default).
    func picture(_ answers: Answers) -> ModulePicture?
}

// MARK: - Defaults

extension ScreeningModule {
    public var source: ModuleSource { .builtin }

    public var usesBaseline: Bool { false }

    public func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue] { [] }

    public func certificateEntry(_ answers: Answers, derivation: Derivation, recordedOn: LocalDate) -> CertificateEntry? {
        CertificateEntry(test: manifest.title.en, date: recordedOn, done: true, anchorDate: nil)
    }

    public func picture(_ answers: Answers) -> ModulePicture? { nil }
}

/// Where a module came from.
public enum ModuleSource: String, Sendable, Hashable {
    case builtin
    case declarative
}

/// One line of a certificate's list of tests: "Chest X-ray, 2026-11-20, done".
public struct CertificateEntry: Hashable, Sendable {
    public var test: String
    public var date: LocalDate
    public var done: Bool
    /// A date the programme's validity may count from (the chest X-ray date): used when the
    /// rule pack's `valid_from` names this module, and printed as the certificate's X-ray date.
    public var anchorDate: LocalDate?
    public init(test: String, date: LocalDate, done: Bool, anchorDate: LocalDate?) {
        self.test = test; self.date = date; self.done = done; self.anchorDate = anchorDate
    }
}
