/// The decision a rule pack proposes for a case, with every reason behind it.
///
/// The software proposes; the medical officer decides (and records why when differing).
public struct FitnessProposal: Hashable, Sendable {
    public var decision: FitnessDecision
    public var reasons: [Reason]
    /// Conditions or follow-up collected from FIT WITH CONDITIONS rules.
    public var conditions: [String]

    public init(decision: FitnessDecision, reasons: [Reason], conditions: [String]) {
        self.decision = decision; self.reasons = reasons; self.conditions = conditions
    }

    /// One reason: the rule and the result code (or missing module) that triggered it.
    public struct Reason: Hashable, Sendable {
        /// Rule name (`tb-class-a`), or `missing-module` / `draft-only` / `required-not-done` /
        /// `results-pending` / `no-findings`.
        public var rule: String
        /// The result code that matched, or the module id for a missing module.
        public var code: String?
        public var decision: FitnessDecision
        public var message: String
        public init(rule: String, code: String?, decision: FitnessDecision, message: String) {
            self.rule = rule; self.code = code; self.decision = decision; self.message = message
        }
    }
}

/// What the rule pack needs to know about a case to propose a decision.
public struct CaseResults: Sendable {
    /// Latest final result codes by module id.
    public var codes: [String: [String]]
    /// Modules whose latest final encounter is pending (culture outstanding).
    public var pendingModules: Set<String>
    /// Modules the programme requires but the case lacks.
    public var missing: [String]
    /// Of ``missing``, those recorded only as a draft.
    public var drafts: Set<String>
    /// Modules the programme requires for this case (present or not).
    public var required: [String]
    /// Result codes that mean "not done" (``ModuleManifest/notDoneCodes`` of the installed modules).
    public var notDoneCodes: Set<String>

    public init(codes: [String: [String]], pendingModules: Set<String> = [], missing: [String] = [],
                drafts: Set<String> = [], required: [String] = [], notDoneCodes: Set<String> = []) {
        self.codes = codes; self.pendingModules = pendingModules; self.missing = missing
        self.drafts = drafts; self.required = required; self.notDoneCodes = notDoneCodes
    }
}

extension RulePack {
    /// Proposes a decision: UNFIT outweighs PENDING, which outweighs FIT WITH CONDITIONS, which
    /// outweighs FIT. Never FIT by omission: a required module that is missing, only a draft,
    /// or not done (a result in ``CaseResults/notDoneCodes``) makes the case PENDING unless an
    /// outcome rule of the pack names that not-done code explicitly (not by a pattern); pending results make it PENDING too.
    public func propose(_ results: CaseResults, language: String = "en") -> FitnessProposal {
        var reasons: [FitnessProposal.Reason] = []
        var conditions: [String] = []
        for module in results.missing {
            if results.drafts.contains(module) {
                reasons.append(.init(rule: "draft-only", code: module, decision: .pending,
                                     message: "module '\(module)' is required by \(id) and recorded only as a draft; finalise it"))
            } else {
                reasons.append(.init(rule: "missing-module", code: module, decision: .pending,
                                     message: "module '\(module)' is required by \(id) and not recorded yet"))
            }
        }
        for module in results.required where !results.missing.contains(module) {
            for code in results.codes[module] ?? [] where results.notDoneCodes.contains(code)
                && !outcomes.contains(where: { $0.codes.contains(code) }) {
                reasons.append(.init(rule: "required-not-done", code: code, decision: .pending,
                                     message: "module '\(module)' is required by \(id) but was not done (\(code)); "
                                        + "record it when done, or the rule pack must name an outcome for \(code)"))
            }
        }
        for module in results.pendingModules.sorted() {
            reasons.append(.init(rule: "results-pending", code: module, decision: .pending,
                                 message: "results of '\(module)' are outstanding"))
        }
        let allCodes = results.codes.keys.sorted().flatMap { results.codes[$0] ?? [] }
        for rule in outcomes {
            for code in allCodes where rule.codes.contains(where: { RulePack.glob($0, matches: code) }) {
                reasons.append(.init(rule: rule.name, code: code, decision: rule.decision, message: rule.reason.text(language)))
                if rule.decision == .fitWithConditions, let c = rule.conditions, !conditions.contains(c) { conditions.append(c) }
            }
        }
        let decision = reasons.map(\.decision).max { $0.severity < $1.severity } ?? .fit
        if reasons.isEmpty {
            reasons.append(.init(rule: "no-findings", code: nil, decision: .fit,
                                 message: "every required module recorded; no result code affects fitness under \(id)"))
        }
        return FitnessProposal(decision: decision, reasons: reasons, conditions: decision == .fitWithConditions ? conditions : [])
    }
}
