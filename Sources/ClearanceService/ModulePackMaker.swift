import ClearanceCertificate
import ClearanceCore
import Foundation

/// Makes signed module packs and publisher keys (`clearance modules key`, `modules pack`).
/// Needs no database: a module team packs on its own machine.
public enum ModulePackMaker {
    /// File names of a publisher's key pair inside its key directory.
    public static let privateKeyFileName = "publisher.key"
    public static let publicKeyFileName = "publisher.pub"

    /// Creates a publisher's Ed25519 key pair in `directory` (`publisher.key`, mode 0600, never
    /// overwritten; `publisher.pub`, for administrators to pin). Returns the key id.
    /// - Throws: ``ServiceError/configuration(_:)`` naming the file.
    public static func createPublisherKey(directory: URL) throws -> (keyID: String, privateKey: String, publicKey: String) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServiceError.configuration("cannot create \(directory.path): \(error.localizedDescription); choose another --out")
        }
        let privateURL = directory.appendingPathComponent(privateKeyFileName)
        let publicURL = directory.appendingPathComponent(publicKeyFileName)
        let key = SigningKey.generate()
        do { try key.write(to: privateURL) } catch let e as CertificateError { throw ServiceError.conflict(e.description) }
        do { try Data(key.publicKey.exportText().utf8).write(to: publicURL, options: .atomic) } catch {
            throw ServiceError.configuration("cannot write \(publicURL.path): \(error.localizedDescription)")
        }
        return (key.keyID.hex, privateURL.path, publicURL.path)
    }

    /// A signed pack of `directory` (see ``ModulePack/make(directory:name:version:publisherName:publicKey:created:sign:)``),
    /// after checking that every module lints, every rule pack loads against the host's modules
    /// and the pack's own, and every test cases file passes.
    /// - Parameters:
    ///   - host: the modules the pack's rule packs may also name (built-in ones).
    /// - Throws: ``ModulePackError`` naming each failing file or case; ``ServiceError/configuration(_:)`` for the key.
    public static func pack(directory: URL, name: String?, version: String, publisher: String, keyFile: URL,
                            host: HostEnvironment, today: LocalDate) throws -> ModulePack {
        let key: SigningKey
        do { key = try SigningKey.load(from: keyFile) } catch let e as CertificateError { throw ServiceError.configuration(e.description) }
        let pack = try ModulePack.make(directory: directory, name: name, version: version, publisherName: publisher,
                                       publicKey: key.publicKey.rawRepresentation, sign: { try key.signature(for: $0) })
        var problems: [String] = []
        var modules: [String: any ScreeningModule] = [:]
        var moduleFileIDs: [String: String] = [:]
        for f in pack.moduleFiles {
            let origin = directory.appendingPathComponent(f.path).path
            do {
                let loaded = try FormLoader.load(yaml: f.text, origin: origin)
                if let spec = loaded.module, spec.implementation == "declarative" {
                    modules[spec.manifest.id] = DeclarativeModule(form: loaded.form, spec: spec)
                    moduleFileIDs[f.path] = spec.manifest.id
                }
            } catch let e as FormLoadError { problems += e.problems.map(\.description) } catch { problems.append("\(origin): \(error)") }
        }
        let registry = ModuleRegistry(modules: host.registry.modules.filter { $0.source == .builtin } + Array(modules.values))
        for f in pack.programmeFiles {
            let origin = directory.appendingPathComponent(f.path).path
            do { _ = try RulePack.load(yaml: f.text, origin: origin, checkedAgainst: registry) } catch let e as FormLoadError {
                problems += e.problems.map(\.description)
            } catch { problems.append("\(origin): \(error)") }
        }
        for f in pack.files where f.kind == .cases {
            let origin = directory.appendingPathComponent(f.path).path
            do {
                let suite = try ModuleTestFile.load(yaml: f.text, origin: origin)
                let sibling = f.path.replacingOccurrences(of: ".cases.yaml", with: ".yaml").replacingOccurrences(of: ".cases.yml", with: ".yml")
                guard let id = suite.module ?? moduleFileIDs[sibling], let module = modules[id] ?? registry.module(id) else {
                    problems.append("\(origin):1:1: the cases name no module of this pack; add `module: ID` or name the file after its module (ID.cases.yaml)")
                    continue
                }
                for r in ModuleTestRunner.run(suite, module: module, today: today) where !r.passed {
                    problems.append("\(origin):\(r.line): case '\(r.name)' fails: \(r.differences.joined(separator: "; "))")
                }
            } catch let e as FormLoadError { problems += e.problems.map(\.description) } catch { problems.append("\(origin): \(error)") }
        }
        guard problems.isEmpty else {
            throw ModulePackError(file: directory.path, "not packed; fix these first (`clearance modules lint`, `clearance modules test`):\n"
                + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        return pack
    }
}
