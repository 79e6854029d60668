import Crypto
import Foundation

/// A signed module pack: module files, rule packs, their test cases and a changelog in one
/// file, signed by its publisher's Ed25519 key (`clearance modules pack DIR --key K`).
///
/// The file is JSON (`clearance-module-pack/1`). The signature covers the canonical encoding of
/// every other field (sorted keys, no insignificant white space), so a changed byte of any file,
/// of the changelog, of the name, version or publisher makes ``verify()`` fail. Each file also
/// carries its SHA-256, checked against its text.
///
/// ```swift
/// let pack = try ModulePack.decode(Data(contentsOf: url), origin: url.path)
/// try pack.verify()                              // signature and file digests
/// print(pack.name, pack.version, pack.publisherKeyID)
/// ```
public struct ModulePack: Codable, Sendable, Equatable {
    /// The format tag of this version of the pack file.
    public static let currentFormat = "clearance-module-pack/1"
    /// Pack files are text bundles of forms; anything larger is not a pack.
    public static let maximumFileSize = 16 * 1024 * 1024

    /// What a file in the pack is.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A declarative module (a form file with a `module:` section).
        case module
        /// A programme rule pack (a file with a `programme:` section).
        case programme
        /// Test cases for `clearance modules test` (`*.cases.yaml`).
        case cases
    }

    /// One file of the pack, by its path relative to the packed directory.
    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var kind: Kind
        /// Lowercase hex SHA-256 of ``text`` as UTF-8.
        public var sha256: String
        public var text: String

        public init(path: String, kind: Kind, text: String) {
            self.path = path; self.kind = kind; self.text = text
            self.sha256 = ModulePack.hex(SHA256.hash(data: Data(text.utf8)))
        }
    }

    public var format: String
    /// The pack's name (the packed directory's name unless given).
    public var name: String
    /// The pack's version, as the publisher numbers it.
    public var version: String
    /// When it was packed (ISO 8601, UTC).
    public var created: String
    /// Who publishes it, as the publisher names itself.
    public var publisherName: String
    /// The publisher's raw 32-byte Ed25519 public key, base64.
    public var publisherKey: String
    /// What changed in this version (the directory's `CHANGELOG.md`).
    public var changelog: String
    public var files: [File]
    /// Ed25519 signature of ``signedBytes``, base64.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case format, name, version, created, publisherName = "publisher_name", publisherKey = "publisher_key"
        case changelog, files, signature
    }

    /// The bytes the signature covers: the pack encoded canonically with an empty signature.
    public var signedBytes: Data {
        var unsigned = self
        unsigned.signature = ""
        return Self.canonical(unsigned)
    }

    /// The publisher's key id: the first 8 bytes of SHA-256 of the raw public key, as 16 hex
    /// characters (the same id `clearance keys` prints for a key).
    public var publisherKeyID: String {
        guard let raw = Data(base64Encoded: publisherKey) else { return "invalid" }
        return Self.hex(SHA256.hash(data: raw)).prefix(16).description
    }

    /// SHA-256 of the whole pack file as written by ``encoded()``, lowercase hex.
    public var digest: String { Self.hex(SHA256.hash(data: encoded())) }

    /// The module files of the pack.
    public var moduleFiles: [File] { files.filter { $0.kind == .module } }
    /// The rule packs of the pack.
    public var programmeFiles: [File] { files.filter { $0.kind == .programme } }

    /// A signed pack of the files in `directory`.
    ///
    /// Every `*.yaml`/`*.yml` file below `directory` (hidden files and folders skipped) goes in:
    /// `*.cases.yaml` as test cases, a file with a top-level `module:` section as a module, one
    /// with `programme:` as a rule pack. `CHANGELOG.md` (or `CHANGELOG`) is the changelog and is
    /// required: a pack says what changed.
    /// - Parameters:
    ///   - sign: signs the canonical bytes with the publisher's private key.
    /// - Throws: ``ModulePackError`` naming the file that cannot go in.
    public static func make(directory: URL, name: String? = nil, version: String, publisherName: String,
                            publicKey: Data, created: Date = Date(), sign: (Data) throws -> Data) throws -> ModulePack {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw ModulePackError(file: directory.path, "is not a directory; give the folder holding the module files")
        }
        var changelog: String?
        var files: [File] = []
        let root = directory.standardizedFileURL.path
        guard let walker = fm.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey],
                                         options: [.skipsHiddenFiles]) else {
            throw ModulePackError(file: directory.path, "cannot be read; check its permissions")
        }
        var paths: [String] = []
        for case let url as URL in walker { paths.append(url.standardizedFileURL.path) }
        for path in paths.sorted() {
            let relative = String(path.dropFirst(root.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let base = (relative as NSString).lastPathComponent
            var regular: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &regular), !regular.boolValue else { continue }
            if base == "CHANGELOG.md" || base == "CHANGELOG" {
                changelog = try readText(path)
                continue
            }
            guard base.hasSuffix(".yaml") || base.hasSuffix(".yml") else { continue }
            let text = try readText(path)
            let kind: Kind
            if base.hasSuffix(".cases.yaml") || base.hasSuffix(".cases.yml") { kind = .cases }
            else if let k = topLevelKind(text) { kind = k }
            else {
                throw ModulePackError(file: path, "is neither a module (a `module:` section), a rule pack (`programme:`) nor test cases (`*.cases.yaml`); move it out of the folder or add the section")
            }
            files.append(File(path: relative, kind: kind, text: text))
        }
        guard let changelog, !changelog.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ModulePackError(file: directory.appendingPathComponent("CHANGELOG.md").path,
                                  "is missing or empty; write what changed in version \(version) before packing")
        }
        guard files.contains(where: { $0.kind != .cases }) else {
            throw ModulePackError(file: directory.path, "holds no module or rule pack file to pack")
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var pack = ModulePack(format: currentFormat, name: name ?? directory.lastPathComponent, version: version,
                              created: formatter.string(from: created), publisherName: publisherName,
                              publisherKey: publicKey.base64EncodedString(), changelog: changelog, files: files, signature: "")
        pack.signature = try sign(pack.signedBytes).base64EncodedString()
        return pack
    }

    /// The pack as its file's bytes (canonical JSON: what ``decode(_:origin:)`` reads back).
    public func encoded() -> Data { Self.canonical(self) }

    /// Reads a pack file.
    /// - Throws: ``ModulePackError`` naming `origin` when it is not a pack of this format.
    public static func decode(_ data: Data, origin: String) throws -> ModulePack {
        guard data.count <= maximumFileSize else {
            throw ModulePackError(file: origin, "is larger than \(maximumFileSize / 1024 / 1024) MiB: not a module pack")
        }
        let pack: ModulePack
        do { pack = try JSONDecoder().decode(ModulePack.self, from: data) } catch {
            throw ModulePackError(file: origin, "is not a module pack (made by `clearance modules pack`): \(error.localizedDescription)")
        }
        guard pack.format == currentFormat else {
            throw ModulePackError(file: origin, "is a module pack of format '\(pack.format)'; this host reads \(currentFormat)")
        }
        return pack
    }

    /// Checks the signature against the publisher key the pack names and every file's digest.
    ///
    /// Whether that publisher is trusted is the installer's question (pinned keys), not this one.
    /// - Throws: ``ModulePackError`` saying what does not hold.
    public func verify(origin: String = "the pack") throws {
        guard let raw = Data(base64Encoded: publisherKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw ModulePackError(file: origin, "names a publisher key that is not an Ed25519 public key")
        }
        guard let sig = Data(base64Encoded: signature), key.isValidSignature(sig, for: signedBytes) else {
            throw ModulePackError(file: origin, "signature does not verify under publisher key \(publisherKeyID): the pack was changed after it was signed, or signed with another key; get a fresh copy from \(publisherName)")
        }
        for f in files where File(path: f.path, kind: f.kind, text: f.text).sha256 != f.sha256 {
            throw ModulePackError(file: origin, "file \(f.path) does not match its digest")
        }
    }

    // MARK: - Helpers

    static func canonical(_ pack: ModulePack) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(pack)) ?? Data()
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    private static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModulePackError(file: path, "cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModulePackError(file: path, "is not UTF-8 text; save it as UTF-8")
        }
        return text
    }

    /// `module` or `programme` when the YAML text has that top-level key.
    private static func topLevelKind(_ text: String) -> Kind? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("module:") { return .module }
            if line.hasPrefix("programme:") { return .programme }
        }
        return nil
    }
}

/// Why a module pack cannot be made, read or trusted, naming the file.
public struct ModulePackError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let reason: String
    public init(file: String, _ reason: String) { self.file = file; self.reason = reason }
    public var description: String { "\(file): \(reason)" }
}
