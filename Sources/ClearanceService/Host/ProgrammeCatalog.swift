import ClearanceCore
import ClearanceForms
import Foundation

/// Every programme rule pack the host knows: the ones shipped in `Forms/programmes/` (embedded
/// in the binary) and any in the directories of `CLEARANCE_PROGRAMMES_PATH`.
///
/// A pack that does not load, or that names a module, result code or parameter the installed
/// modules do not have, is refused with `file:line:col: reason`; the others still load. A case
/// of a refused programme proposes PENDING ("no rule pack installed"), never FIT.
public struct ProgrammeCatalog: Sendable {
    public let packs: [RulePack]
    public let refused: [FormProblem]
    /// Ids of packs that parsed but were refused, with the file that held them.
    public let refusedIDs: [String: String]

    public init(packs: [RulePack], refused: [FormProblem] = [], refusedIDs: [String: String] = [:]) {
        self.packs = packs.sorted { $0.id < $1.id }
        self.refused = refused
        self.refusedIDs = refusedIDs
    }

    /// The pack with this id, or nil.
    public func pack(_ id: String) -> RulePack? { packs.first { $0.id == id } }

    /// The pack with this id.
    /// - Throws: ``ServiceError`` naming the known programmes when there is none, and a
    ///   configuration error naming the file's problems when the pack was refused.
    public func require(_ id: String) throws -> RulePack {
        if pack(id) == nil, let file = refusedIDs[id] {
            let problems = refused.filter { $0.file == file }.map(\.description).joined(separator: "\n")
            throw ServiceError.configuration("programme '\(id)' was refused when it loaded; fix \(file) (check it with `clearance modules lint \(file)`):\n\(problems)")
        }
        guard let p = pack(id) else {
            throw ServiceError.notFound("unknown programme '\(id)'; known programmes: \(packs.map(\.id).joined(separator: ", ")) (rule packs live in Forms/programmes/)")
        }
        return p
    }

    /// Loads the embedded packs, then the rule packs of verified signed module packs (`signed`),
    /// then `*.yaml` files in `searchPaths` (a later file with the same id is refused), checking
    /// each against `registry` when given (``RulePack/problems(against:)``). Unsigned
    /// search-path files load only when `unsigned` allows them.
    public static func load(embedded: [String: String] = embeddedForms, signed: [(origin: String, text: String)] = [],
                            searchPaths: [String] = [], unsigned: UnsignedModules = .allowed,
                            registry: ModuleRegistry? = nil) -> ProgrammeCatalog {
        var sources: [(String, String)] = embedded.filter { $0.key.hasPrefix("programmes/") }
            .sorted { $0.key < $1.key }.map { ("Forms/\($0.key)", $0.value) }
        sources += signed.map { ($0.origin, $0.text) }
        var refused: [FormProblem] = []
        for dir in searchPaths {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for f in files.sorted() where f.hasSuffix(".yaml") || f.hasSuffix(".yml") {
                let path = (dir as NSString).appendingPathComponent(f)
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                if case .refused(let reason) = unsigned {
                    refused.append(FormProblem(file: path, line: 1, column: 1, message: reason))
                    continue
                }
                sources.append((path, text))
            }
        }
        var packs: [RulePack] = []
        var refusedIDs: [String: String] = [:]
        for (origin, text) in sources {
            do {
                let pack = try RulePack.load(yaml: text, origin: origin)
                if let registry {
                    let problems = pack.problems(against: registry)
                    if !problems.isEmpty {
                        refused += problems
                        refusedIDs[pack.id] = origin
                        continue
                    }
                }
                if let other = packs.first(where: { $0.id == pack.id }) {
                    refused.append(FormProblem(file: origin, line: 1, column: 1,
                                               message: "programme id '\(pack.id)' is already defined by \(other.origin); rename one"))
                } else { packs.append(pack) }
            } catch let e as FormLoadError { refused += e.problems } catch {
                refused.append(FormProblem(file: origin, line: 1, column: 1, message: "\(error)"))
            }
        }
        return ProgrammeCatalog(packs: packs, refused: refused, refusedIDs: refusedIDs)
    }

    /// Directories named by `CLEARANCE_PROGRAMMES_PATH` (colon-separated).
    public static func searchPaths(from environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        (environment["CLEARANCE_PROGRAMMES_PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
}
