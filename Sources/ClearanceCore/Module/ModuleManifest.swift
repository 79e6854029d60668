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

    public init(id: String, version: SemanticVersion, hostAPI: VersionRange = VersionRange(SemanticVersion(1), SemanticVersion(2)),
                title: LocalizedText, recordRoles: Set<Role>, readRoles: Set<Role>? = nil,
                confidential: Bool = false, resultCodes: [ResultCode], notDoneCodes: Set<String> = [],
                parameters: [ModuleParameter]? = nil) {
        self.id = id; self.version = version; self.hostAPI = hostAPI; self.title = title
        self.recordRoles = recordRoles; self.readRoles = readRoles
        self.confidential = confidential; self.resultCodes = resultCodes
        self.notDoneCodes = notDoneCodes; self.parameters = parameters
    }

    /// Whether a user with `roles` may read this module's answers.
    public func canRead(_ roles: Set<Role>) -> Bool {
        guard let readRoles else { return true }
        return !readRoles.isDisjoint(with: roles)
    }

    /// Whether a user with `roles` may record this module.
    public func canRecord(_ roles: Set<Role>) -> Bool { !recordRoles.isDisjoint(with: roles) }
}

/// A result code and its meaning: `TB-B2`, "latent TB infection".
public struct ResultCode: Hashable, Sendable {
    public var code: String
    public var meaning: LocalizedText
    public init(_ code: String, _ meaning: LocalizedText) { self.code = code; self.meaning = meaning }
}
