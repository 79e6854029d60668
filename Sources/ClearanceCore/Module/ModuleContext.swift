/// What a module may know beyond its own answers when it validates and derives.
///
/// Built by the host for each save; modules never look anything up themselves.
public struct ModuleContext: Sendable {
    /// The day the encounter is recorded (from the injected clock).
    public var today: LocalDate
    /// The examined person, when the encounter belongs to a case.
    public var person: PersonFacts?
    /// The case's programme id (`us-panel`, `uk-tb`, ...).
    public var programme: String?
    /// Latest final result codes of the case's other modules, by module id
    /// (`["<module id>": ["CXR-TB-SUGGESTIVE"]]`): how the TB module learns that sputum is required.
    public var caseResults: [String: [String]]
    /// The person's earlier final encounter of the same module, if any (audiometry baseline).
    public var baseline: Answers?
    /// The programme rule pack's parameters for this module (`calibration_max_months: 12`).
    public var parameters: [String: Value]
    /// The language the user chose (`en`, `fr`, `es`): of messages only (issues, labels in
    /// them), never of results. Texts missing in it fall back to English.
    public var language: String
    /// Facts the case's other modules' latest final results establish (``ModuleFact``), by
    /// name: what a module reads instead of another module's codes when it should not depend on it.
    public var facts: Set<String>

    public init(today: LocalDate, person: PersonFacts? = nil, programme: String? = nil,
                caseResults: [String: [String]] = [:], baseline: Answers? = nil,
                parameters: [String: Value] = [:], language: String = "en", facts: Set<String> = []) {
        self.today = today; self.person = person; self.programme = programme
        self.caseResults = caseResults; self.baseline = baseline; self.parameters = parameters
        self.language = language; self.facts = facts
    }

    /// Whether another module of the case established the fact `name` (``ModuleFact``).
    public func hasFact(_ name: String) -> Bool { facts.contains(name) }

    /// Whether another module of the case produced `code`.
    public func hasResult(_ module: String, _ code: String) -> Bool {
        caseResults[module]?.contains(code) ?? false
    }
}

/// The facts about a person that rules may use: age and sex, derived, never typed.
public struct PersonFacts: Hashable, Sendable {
    public var dateOfBirth: LocalDate
    /// `F`, `M` or `X`.
    public var sex: String
    /// ISO 3166-1 alpha-3.
    public var nationality: String
    public init(dateOfBirth: LocalDate, sex: String, nationality: String) {
        self.dateOfBirth = dateOfBirth; self.sex = sex; self.nationality = nationality
    }
    /// Age in whole years on `date`.
    public func age(on date: LocalDate) -> Int { dateOfBirth.age(on: date) }
}
