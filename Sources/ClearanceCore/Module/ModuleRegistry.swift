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

    /// Position of each module in ``modules`` by id. Built-in manifests are computed properties,
    /// so a linear search built every manifest on every lookup (every save looks modules up).
    private let positions: [String: Int]

    public init(modules: [any ScreeningModule], refused: [FormProblem] = []) {
        let sorted = modules.map { (id: $0.manifest.id, module: $0) }.sorted { $0.id < $1.id }
        self.modules = sorted.map(\.module)
        self.refused = refused
        // The first of duplicate ids wins, as the linear search it replaces did.
        self.positions = Dictionary(sorted.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The module with this id, or nil.
    public func module(_ id: String) -> (any ScreeningModule)? {
        positions[id].map { modules[$0] }
    }

    /// Builds the registry.
    ///
    /// Builtins register first, then the bundled declarative files in the order given, then every
    /// `*.yaml`/`*.yml` file of each search path (sorted by name). A file without a `module:`
    /// section, or whose module is `implementation: swift`, is a form for a compiled module and is
    /// skipped. A module is refused (and listed in ``refused`` as `file:line:col: reason`) when its
    /// file has lint problems, its host API range excludes `host`, or its id is already taken
    /// (both files are named); the others still load.
    ///
    /// ```swift
    /// let registry = ModuleRegistry.build(builtins: Builtins.modules(),
    ///                                     bundled: bundledModuleFiles,
    ///                                     searchPaths: ModuleRegistry.searchPaths())
    /// registry.refused.forEach { print($0) }
    /// ```
    /// - Parameters:
    ///   - builtins: compiled modules (the host's own and those of other packages); each is
    ///     refused like a declarative module when its host API range excludes `host`.
    ///   - bundled: declarative form files shipped inside the binary, as (origin, text).
    ///   - searchPaths: directories whose `*.yaml`/`*.yml` files are declarative modules.
    ///   - host: this host's API version.
    public static func build(builtins: [any ScreeningModule], bundled: [(origin: String, text: String)] = [],
                             searchPaths: [String] = [], host: SemanticVersion = hostAPIVersion) -> ModuleRegistry {
        var modules: [any ScreeningModule] = []
        var origins: [String: String] = [:]
        var refused: [FormProblem] = []
        for m in builtins {
            // A compiled module is held to its host API range like a declarative one.
            if !m.manifest.hostAPI.contains(host) {
                refused.append(FormProblem(file: m.form.origin.isEmpty ? "builtin:\(m.manifest.id)" : m.form.origin, line: 1, column: 1,
                    message: "compiled module '\(m.manifest.id)' needs host API \(m.manifest.hostAPI) but this host implements \(host); build it against a version of ClearanceCore made for this host"))
                continue
            }
            if let first = origins[m.manifest.id] {
                refused.append(FormProblem(file: m.form.origin.isEmpty ? "builtin:\(m.manifest.id)" : m.form.origin, line: 1, column: 1,
                    message: "module id '\(m.manifest.id)' is already registered by \(first); the second builtin was refused"))
                continue
            }
            origins[m.manifest.id] = m.form.origin.isEmpty ? "the builtin module '\(m.manifest.id)'" : "the builtin module in \(m.form.origin)"
            modules.append(m)
        }
        var files = bundled
        for dir in searchPaths { files += declarativeFiles(in: dir, problems: &refused) }
        for (origin, text) in files {
            guard let header = DeclarativeHeader(yaml: text) else { continue }
            do {
                let file = try FormLoader.load(yaml: text, origin: origin)
                guard let spec = file.module else { continue }
                let id = spec.manifest.id
                if !spec.manifest.hostAPI.contains(host) {
                    refused.append(FormProblem(file: origin, line: header.hostAPILine, column: header.hostAPIColumn,
                        message: "module '\(id)' needs host API \(spec.manifest.hostAPI) but this host implements \(host); install a version of the module made for this host"))
                    continue
                }
                if let first = origins[id] {
                    refused.append(FormProblem(file: origin, line: header.idLine, column: header.idColumn,
                        message: "module id '\(id)' is already registered by \(first); this file was refused, rename one of the two modules"))
                    continue
                }
                origins[id] = origin
                modules.append(DeclarativeModule(form: file.form, spec: spec))
            } catch let e as FormLoadError {
                refused += e.problems
            } catch {
                refused.append(FormProblem(file: origin, line: 1, column: 1, message: "\(error)"))
            }
        }
        return ModuleRegistry(modules: modules, refused: refused)
    }

    /// The `*.yaml` and `*.yml` files of a directory, sorted, without modules' test cases
    /// (`*.cases.yaml`, read by `clearance modules test`); an unreadable directory or file is a problem.
    private static func declarativeFiles(in dir: String, problems: inout [FormProblem]) -> [(origin: String, text: String)] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else {
            problems.append(FormProblem(file: dir, line: 0, column: 0,
                message: "cannot read module directory; check CLEARANCE_MODULES_PATH and the directory's permissions"))
            return []
        }
        var out: [(origin: String, text: String)] = []
        for name in names.sorted() where (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasSuffix(".cases.yaml") {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = fm.contents(atPath: path) else {
                problems.append(FormProblem(file: path, line: 0, column: 0, message: "cannot read the file; check its permissions"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(FormProblem(file: path, line: 0, column: 0, message: "the file is not UTF-8 text; save it as UTF-8"))
                continue
            }
            out.append((path, text))
        }
        return out
    }

    /// Directories named by `CLEARANCE_MODULES_PATH` (colon-separated).
    public static func searchPaths(from environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        (environment["CLEARANCE_MODULES_PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
}
