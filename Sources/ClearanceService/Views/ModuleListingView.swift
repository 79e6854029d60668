import ClearanceCore

/// One module file the host considered, as an element of `modules list --json`: a registered
/// module (its ``ModuleView`` keys plus `file`, `publisher`, `signed` and `state: loaded`), or a
/// refused file (`file`, `state: refused`, `reason`).
public struct ModuleListingEntry: Encodable, Sendable {
    public var module: ModuleView?
    public var file: String
    /// `built in`, a signed pack's publisher, or nil (an unsigned file).
    public var publisher: String?
    public var signed: Bool
    /// `loaded` or `refused`.
    public var state: String
    public var reason: String?

    enum CodingKeys: String, CodingKey { case file, publisher, signed, state, reason }

    public func encode(to encoder: any Encoder) throws {
        try module?.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(publisher, forKey: .publisher)
        try c.encode(signed, forKey: .signed)
        try c.encode(state, forKey: .state)
        try c.encodeIfPresent(reason, forKey: .reason)
    }

    /// Every registered module of `host`, then every refused module file with its reason.
    public static func all(_ host: HostEnvironment, language: String = "en") -> [ModuleListingEntry] {
        let registry = host.registry
        return registry.modules.map { m in
            let p = registry.provenance[m.manifest.id]
            return ModuleListingEntry(module: ModuleView(m, full: false, language: language), file: p?.file ?? m.form.origin,
                                      publisher: p?.publisher, signed: p?.signed ?? false, state: "loaded", reason: nil)
        } + registry.refused.map {
            ModuleListingEntry(module: nil, file: $0.file, publisher: nil, signed: false, state: "refused", reason: $0.description)
        }
    }
}
