/// What a screening module declares about itself: identity, version, compatibility,
/// who may use it and which result codes it can produce.
public struct ModuleManifest: Hashable, Sendable {
    /// Stable id used in the CLI, in the database and in rule packs (`tb`, `hiv`, `audiometry`).
    public var id: String
    public var version: SemanticVersion
    /// Host API versions this module works with; a host outside the range refuses it.
    public var hostAPI: VersionRange
    public var title: LocalizedText
    /// Roles allowed to record (create or edit) this module's encounters.
    public var recordRoles: Set<Role>
    /// Roles allowed to read its answers; nil means every signed-in user.
    public var readRoles: Set<Role>?
    /// Confidential modules (HIV) have every read of their answers audited and never appear
    /// on a certificate or report beyond "done".
    public var confidential: Bool
    /// Every result code the module can produce.
    public var resultCodes: [ResultCode]
    /// Codes meaning the examination was not done (`CXR-NOT-DONE`, `HIV-DECLINED`): for a
    /// module the programme requires, such a result makes the proposal PENDING unless the rule
    /// pack names an outcome for the code.
    public var notDoneCodes: Set<String>
    /// The rule pack parameters the module reads; a pack setting another one, or one of the
    /// wrong type, is refused when it loads. Nil when the module does not declare them
    /// (any parameter is accepted).
    public var parameters: [ModuleParameter]?

    /// The attachment kinds its image fields take (a chest X-ray module takes its X-rays). The first
    /// is the kind a PNG file named in its answers is stored as; empty takes `other` images.
    /// The host accepts these names in `attachment add --kind` besides its own (`photo`, `other`).
    public var attachmentKinds: [String]
    /// Programme-wide rule-pack settings the module reads as parameters (the HIV testing
    /// algorithm, `hiv_algorithm`), added to its own parameters when the pack does not set them.
    public var programmeSettings: [String]
    /// Facts the module's results establish that other modules may read
    /// (``ModuleContext/hasFact(_:)``): "HIV infection known" from a positive result.
    public var facts: [ModuleFact]

    public init(id: String, version: SemanticVersion, hostAPI: VersionRange = VersionRange(SemanticVersion(1), SemanticVersion(2)),
                title: LocalizedText, recordRoles: Set<Role>, readRoles: Set<Role>? = nil,
                confidential: Bool = false, resultCodes: [ResultCode], notDoneCodes: Set<String> = [],
                parameters: [ModuleParameter]? = nil, attachmentKinds: [String] = [],
                programmeSettings: [String] = [], facts: [ModuleFact] = []) {
        self.id = id; self.version = version; self.hostAPI = hostAPI; self.title = title
        self.recordRoles = recordRoles; self.readRoles = readRoles
        self.confidential = confidential; self.resultCodes = resultCodes
        self.notDoneCodes = notDoneCodes; self.parameters = parameters
        self.attachmentKinds = attachmentKinds; self.programmeSettings = programmeSettings; self.facts = facts
    }

    /// The attachment kinds an image answer of this module may have: its own, else `other`.
    public var acceptedAttachmentKinds: [String] { attachmentKinds.isEmpty ? ["other"] : attachmentKinds }

    /// Whether a user with `roles` may read this module's answers.
    public func canRead(_ roles: Set<Role>) -> Bool {
        guard let readRoles else { return true }
        return !readRoles.isDisjoint(with: roles)
    }

    /// Whether a user with `roles` may record this module.
    public func canRecord(_ roles: Set<Role>) -> Bool { !recordRoles.isDisjoint(with: roles) }
}

/// A fact a module's latest final result establishes for its case, which other modules may
/// read by name without knowing the module: `hiv_infection_known` while the result is one of
/// `HIV-POS`. Facts of a confidential module reach other modules only when the recording user
/// may read that module (an issue naming the fact would otherwise reveal it).
public struct ModuleFact: Hashable, Sendable {
    /// The fact's name (lower case, `_`): what ``ModuleContext/hasFact(_:)`` asks for.
    public var name: String
    /// What it means, for documentation and `modules show`.
    public var meaning: LocalizedText
    /// Result codes (or `*` patterns) of the module that establish it.
    public var whenCodes: [String]
    public init(_ name: String, _ meaning: LocalizedText, whenCodes: [String]) {
        self.name = name; self.meaning = meaning; self.whenCodes = whenCodes
    }

    /// Whether `codes` (a latest final result) establish the fact.
    public func holds(for codes: [String]) -> Bool {
        codes.contains { code in whenCodes.contains { Self.matches(pattern: $0, code) } }
    }

    static func matches(pattern: String, _ code: String) -> Bool {
        guard pattern.contains("*") else { return pattern == code }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(code)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for (i, part) in parts.dropFirst().enumerated() {
            if i == parts.count - 2 { return part.isEmpty || rest.hasSuffix(part) }
            guard let r = rest.range(of: part) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }
}

/// A result code and its meaning: `TB-B2`, "latent TB infection".
public struct ResultCode: Hashable, Sendable {
    public var code: String
    public var meaning: LocalizedText
    public init(_ code: String, _ meaning: LocalizedText) { self.code = code; self.meaning = meaning }
}
