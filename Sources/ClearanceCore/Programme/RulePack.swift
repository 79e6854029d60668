/// A programme's rule pack: what a destination country requires and how results map to fitness.
///
/// Loaded from `Forms/programmes/<id>.yaml` (see `docs/PROGRAMMES.md`). A new programme is a new
/// file; nothing in code names a programme.
public struct RulePack: Hashable, Sendable {
    /// `us-panel`, `uk-tb`, `gcc-labour`, `iom-fit-to-travel`.
    public var id: String
    public var version: String
    public var title: LocalizedText
    /// Destination shown on the certificate (`United States`).
    public var destination: String
    /// Modules the programme requires, by age and sex.
    public var requirements: [ModuleRequirement]
    /// Per-module parameters handed to modules in ``ModuleContext/parameters``.
    public var parameters: [String: [String: Value]]
    /// Outcome rules: each maps result codes to a decision.
    public var outcomes: [OutcomeRule]
    public var validity: Validity
    /// The HIV testing algorithm (id and version) the programme uses.
    public var hivAlgorithm: String?
    /// File it was loaded from.
    public var origin: String
    /// Where things are in that file, for problems found after loading (see ``SourceMarks``).
    public var marks: SourceMarks = SourceMarks()

    public init(id: String, version: String, title: LocalizedText, destination: String,
                requirements: [ModuleRequirement], parameters: [String: [String: Value]] = [:],
                outcomes: [OutcomeRule], validity: Validity, hivAlgorithm: String? = nil, origin: String = "") {
        self.id = id; self.version = version; self.title = title; self.destination = destination
        self.requirements = requirements; self.parameters = parameters; self.outcomes = outcomes
        self.validity = validity; self.hivAlgorithm = hivAlgorithm; self.origin = origin
    }

    /// The module ids required for a person of `age` years and `sex`, given the case's other
    /// results (`results`: every latest final result code of the case; a requirement with
    /// `when_results` applies only when one of them matches).
    public func requiredModules(age: Int, sex: String, results: [String] = []) -> [String] {
        var out: [String] = []
        for r in requirements where r.applies(age: age, sex: sex, results: results) && !out.contains(r.module) { out.append(r.module) }
        return out
    }

    /// The parameters for one module, with the programme-wide settings it reads
    /// (``ModuleManifest/programmeSettings``, such as `hiv_algorithm`) added when unset.
    public func parameters(for module: String, programmeSettings: [String] = []) -> [String: Value] {
        var p = parameters[module] ?? [:]
        let settings: [String: Value] = hivAlgorithm.map { ["hiv_algorithm": .text($0)] } ?? [:]
        for name in programmeSettings where p[name] == nil { p[name] = settings[name] }
        return p
    }
}

/// "Module `cxr` is required from age 11", "module `hiv` for ages 15 and over, any sex".
public struct ModuleRequirement: Hashable, Sendable {
    public var module: String
    public var minAge: Int?
    public var maxAge: Int?
    /// Restricts to one sex (`F`, `M`); nil for everyone.
    public var sex: String?
    /// Result codes (globs allowed) of the case's other modules that make the module required
    /// (`[TB-B2]`: an X-ray for a child whose IGRA is positive); empty: required regardless.
    public var whenResults: [String]

    public init(module: String, minAge: Int? = nil, maxAge: Int? = nil, sex: String? = nil, whenResults: [String] = []) {
        self.module = module; self.minAge = minAge; self.maxAge = maxAge; self.sex = sex; self.whenResults = whenResults
    }

    /// Whether the requirement holds for this person and, when it names `whenResults`, one of
    /// the case's result codes matches.
    public func applies(age: Int, sex: String, results: [String] = []) -> Bool {
        if let minAge, age < minAge { return false }
        if let maxAge, age > maxAge { return false }
        if let s = self.sex, s != sex { return false }
        if !whenResults.isEmpty {
            return results.contains { code in whenResults.contains { RulePack.glob($0, matches: code) } }
        }
        return true
    }
}

/// A fitness decision, proposed by the rule pack or recorded by a medical officer.
public enum FitnessDecision: String, Sendable, Hashable, CaseIterable, Codable {
    case fit = "FIT"
    case fitWithConditions = "FIT-WITH-CONDITIONS"
    case unfit = "UNFIT"
    case pending = "PENDING"

    /// How much a decision outweighs others when several rules apply
    /// (UNFIT over PENDING over FIT WITH CONDITIONS over FIT).
    public var severity: Int {
        switch self { case .fit: 0; case .fitWithConditions: 1; case .pending: 2; case .unfit: 3 }
    }

    /// Wording for people: `FIT WITH CONDITIONS`.
    public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

/// "Any of these result codes makes the case UNFIT, because ...".
public struct OutcomeRule: Hashable, Sendable {
    /// Result codes or glob patterns (`TB-B1-*`, `CXR-ABN-*`).
    public var codes: [String]
    public var decision: FitnessDecision
    public var reason: LocalizedText
    /// Conditions or follow-up to print for FIT WITH CONDITIONS.
    public var conditions: String?
    /// Stable name of the rule, used in reasons (`tb-class-a-unfit`).
    public var name: String

    public init(name: String, codes: [String], decision: FitnessDecision, reason: LocalizedText, conditions: String? = nil) {
        self.name = name; self.codes = codes; self.decision = decision; self.reason = reason; self.conditions = conditions
    }

    /// The first of `codes` this rule matches, or nil.
    public func match(_ resultCodes: [String]) -> String? {
        resultCodes.first { code in codes.contains { RulePack.glob($0, matches: code) } }
    }
}

/// How long a certificate is valid and from which date it counts.
public struct Validity: Hashable, Sendable {
    public var months: Int
    public var days: Int
    /// Module whose certificate anchor date (the X-ray date) validity counts from; nil counts
    /// from the issue date. When the anchor module has no date, the issue date is used.
    public var anchorModule: String?

    public init(months: Int = 0, days: Int = 0, anchorModule: String? = nil) {
        self.months = months; self.days = days; self.anchorModule = anchorModule
    }

    /// The expiry date for a certificate issued on `issued` with the anchor date `anchor`.
    public func expiry(issued: LocalDate, anchor: LocalDate?) -> LocalDate {
        let start = anchorModule != nil ? (anchor ?? issued) : issued
        return start.adding(months: months).adding(days: days)
    }
}

extension RulePack {
    /// Shell-style match supporting `*` anywhere (`TB-B1-*`, `*-POS`).
    public static func glob(_ pattern: String, matches text: String) -> Bool {
        guard pattern.contains("*") else { return pattern == text }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(text)
        for (i, part) in parts.enumerated() {
            if i == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if i == parts.count - 1 {
                return part.isEmpty || rest.hasSuffix(part)
            } else if let r = rest.range(of: part) {
                rest = rest[r.upperBound...]
            } else { return false }
        }
        return rest.isEmpty
    }
}

/// Line and column of the parts of a rule pack file, by a path of keys and indexes
/// (`requires.0.module`, `outcomes.2.codes.1`, `parameters.tb.tst_threshold_mm`), so problems
/// found after parsing (against the installed modules) still name `file:line:col`.
public struct SourceMarks: Hashable, Sendable {
    var table: [String: [Int]] = [:]

    public init() {}

    /// Records where `path` is.
    public mutating func set(_ path: String, line: Int, column: Int) { table[path] = [line, column] }

    /// Where `path` is: itself, else its nearest recorded parent, else line 1 column 1.
    public func location(_ path: String) -> (line: Int, column: Int) {
        var p = Substring(path)
        while true {
            if let lc = table[String(p)] { return (lc[0], lc[1]) }
            guard let dot = p.lastIndex(of: ".") else { return (1, 1) }
            p = p[..<dot]
        }
    }
}
