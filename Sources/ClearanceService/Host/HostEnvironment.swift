import ClearanceBuiltins
import ClearanceCore
import ClearanceForms
import Foundation

/// The frozen tables a running host works from: modules and programmes.
///
/// Built once at start; `ModuleRegistry` and `ProgrammeCatalog` are immutable afterwards.
public struct HostEnvironment: Sendable {
    public let registry: ModuleRegistry
    public let programmes: ProgrammeCatalog

    public init(registry: ModuleRegistry, programmes: ProgrammeCatalog) {
        self.registry = registry; self.programmes = programmes
    }

    /// The standard host: built-in modules, then `extraModules` (compiled modules of other
    /// packages, see docs/MODULES.md), bundled declarative modules (`Forms/modules/`), the
    /// modules of the signed packs `trust` holds, then modules in `CLEARANCE_MODULES_PATH`;
    /// programmes in `Forms/programmes/`, the signed packs and `CLEARANCE_PROGRAMMES_PATH`, each
    /// checked against the modules (a pack naming an unknown module, result code or parameter is
    /// refused). Files of the two search paths are unsigned: they load only when `trust` allows
    /// unsigned files (`clearance modules allow-unsigned`). Every compiled module's `hostAPI` is
    /// checked against this host.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                extraModules: [any ScreeningModule] = [],
                                trust: ModuleTrust = .noDatabase) -> HostEnvironment {
        let (builtins, problems) = Builtins.load()
        let built = ModuleRegistry.build(builtins: builtins + extraModules, bundled: bundledModuleFiles,
                                         signed: trust.signedModuleFiles,
                                         searchPaths: ModuleRegistry.searchPaths(from: environment), unsigned: trust.unsigned)
        let registry = ModuleRegistry(modules: built.modules, refused: problems + trust.refused + built.refused, provenance: built.provenance)
        let programmes = ProgrammeCatalog.load(signed: trust.signedProgrammeFiles,
                                               searchPaths: ProgrammeCatalog.searchPaths(from: environment),
                                               unsigned: trust.unsigned, registry: registry)
        return HostEnvironment(registry: registry, programmes: programmes)
    }

    /// The declarative module files shipped inside the binary (`Forms/modules/`), as (origin, text).
    public static var bundledModuleFiles: [(origin: String, text: String)] {
        embeddedForms.filter { $0.key.hasPrefix("modules/") }.sorted { $0.key < $1.key }
            .map { (origin: "Forms/\($0.key)", text: $0.value) }
    }

    /// The module with this id.
    /// - Throws: ``ServiceError`` naming the installed modules when there is none.
    public func module(_ id: String) throws -> any ScreeningModule {
        guard let m = registry.module(id) else {
            throw ServiceError.notFound("unknown module '\(id)'; installed modules: \(registry.modules.map(\.manifest.id).joined(separator: ", ")) (`clearance modules list`)")
        }
        return m
    }

    /// Every attachment kind this host takes: its own (`photo`, `other`) and those its modules declare.
    public var attachmentKinds: [AttachmentKind] {
        var kinds = AttachmentKind.hostKinds
        for m in registry.modules {
            for k in m.manifest.attachmentKinds.map { AttachmentKind($0) } where !kinds.contains(k) { kinds.append(k) }
        }
        return kinds
    }

    /// Parses an attachment kind a user typed (`attachment add --kind`).
    /// - Throws: ``ServiceError`` (invalid, field `kind`) listing the kinds this host takes.
    public func attachmentKind(named name: String) throws -> AttachmentKind {
        let kind = AttachmentKind(name.lowercased())
        guard attachmentKinds.contains(kind) else {
            throw ServiceError.invalid(field: "kind", "'\(name)' is not an attachment kind; use one of: \(attachmentKinds.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}
