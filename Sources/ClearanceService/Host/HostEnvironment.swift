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

    /// The standard host: built-in modules, bundled declarative modules (`Forms/modules/`),
    /// modules in `CLEARANCE_MODULES_PATH`, programmes in `Forms/programmes/` and
    /// `CLEARANCE_PROGRAMMES_PATH`, each checked against the modules (a pack naming an unknown
    /// module, result code or parameter is refused).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> HostEnvironment {
        let bundled = embeddedForms.filter { $0.key.hasPrefix("modules/") }.sorted { $0.key < $1.key }
            .map { (origin: "Forms/\($0.key)", text: $0.value) }
        let (builtins, problems) = Builtins.load()
        let built = ModuleRegistry.build(builtins: builtins, bundled: bundled,
                                         searchPaths: ModuleRegistry.searchPaths(from: environment))
        let registry = ModuleRegistry(modules: built.modules, refused: problems + built.refused)
        let programmes = ProgrammeCatalog.load(searchPaths: ProgrammeCatalog.searchPaths(from: environment), registry: registry)
        return HostEnvironment(registry: registry, programmes: programmes)
    }

    /// The module with this id.
    /// - Throws: ``ServiceError`` naming the installed modules when there is none.
    public func module(_ id: String) throws -> any ScreeningModule {
        guard let m = registry.module(id) else {
            throw ServiceError.notFound("unknown module '\(id)'; installed modules: \(registry.modules.map(\.manifest.id).joined(separator: ", ")) (`clearance modules list`)")
        }
        return m
    }
}
