import ClearanceCore

/// A programme rule pack as `programmes list --json` shows it (``full`` false: id, version,
/// title, destination, required module ids) or `programmes show --json` (``full``: each
/// requirement with its age and sex limits, the outcome rules and the validity).
public struct RulePackView: Encodable, Sendable {
    /// One required module with the limits that make it required.
    struct Requirement: Encodable {
        var module: String
        var minAge: Int?
        var maxAge: Int?
        var sex: String?
        enum CodingKeys: String, CodingKey { case module, minAge = "min_age", maxAge = "max_age", sex }
    }
    /// One outcome rule: the codes it matches, the decision it gives and why.
    struct Outcome: Encodable { var name: String; var codes: [String]; var decision: String; var reason: String }
    /// How long a certificate holds, and from which event (`issue` or a module's date).
    struct ValidityView: Encodable { var months: Int; var days: Int; var from: String }

    public var pack: RulePack
    public var full: Bool
    public var language: String

    public init(_ pack: RulePack, full: Bool, language: String = "en") { self.pack = pack; self.full = full; self.language = language }

    enum CodingKeys: String, CodingKey { case id, version, title, destination, requires, outcomes, validity }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pack.id, forKey: .id); try c.encode(pack.version, forKey: .version)
        try c.encode(pack.title.text(language), forKey: .title); try c.encode(pack.destination, forKey: .destination)
        guard full else { try c.encode(pack.requirements.map(\.module), forKey: .requires); return }
        try c.encode(pack.requirements.map { Requirement(module: $0.module, minAge: $0.minAge, maxAge: $0.maxAge, sex: $0.sex) }, forKey: .requires)
        try c.encode(pack.outcomes.map { Outcome(name: $0.name, codes: $0.codes, decision: $0.decision.rawValue, reason: $0.reason.text(language)) },
                     forKey: .outcomes)
        try c.encode(ValidityView(months: pack.validity.months, days: pack.validity.days, from: pack.validity.anchorModule ?? "issue"), forKey: .validity)
    }
}
