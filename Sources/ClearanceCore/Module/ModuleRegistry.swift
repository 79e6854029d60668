import Foundation

/// The protocol table: every screening module this host runs, built once at start and then
/// frozen.
///
/// Sources, in order: compiled built-in modules, declarative form files shipped with the host
/// (`Forms/modules/`), then declarative files in the directories of `CLEARANCE_MODULES_PATH`.
/// A module whose id collides with one already registered, whose host API range excludes this
/// host, or whose form does not load is refused with `file:line: reason`; the others still load.
public final class ModuleRegistry: Sendable {
    /// Registered modules, sorted by id.
    public let modules: [any ScreeningModule]
    /// Why each refused module file was refused.
    public let refused: [FormProblem]

    public init(modules: [any ScreeningModule], refused: [FormProblem] = []) {
        self.modules = modules.sorted { $0.manifest.id < $1.manifest.id }
        self.refused = refused
    }

    /// The module with this id, or nil.
    public func module(_ id: String) -> (any ScreeningModule)? {
        modules.first { $0.manifest.id == id }
    }

    /// Builds the registry.
    /// - Parameters:
    ///   - builtins: compiled modules.
    ///   - bundled: declarative form files shipped inside the binary, as (origin, text).
    ///   - searchPaths: directories whose `*.yaml`/`*.yml` files are declarative modules.
    ///   - host: this host's API version.
    ///
    /// CONTRACT STUB: the forms work fills in loading of declarative files.
    public static func build(builtins: [any ScreeningModule], bundled: [(origin: String, text: String)] = [],
                             searchPaths: [String] = [], host: SemanticVersion = hostAPIVersion) -> ModuleRegistry {
        ModuleRegistry(modules: builtins)
    }

    /// Directories named by `CLEARANCE_MODULES_PATH` (colon-separated).
    public static func searchPaths(from environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        (environment["CLEARANCE_MODULES_PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
}
