import ClearanceCertificate
import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// What a database says about which module files the host may load: the verified signed packs
/// installed in it, and whether unsigned files from `CLEARANCE_MODULES_PATH` and
/// `CLEARANCE_PROGRAMMES_PATH` load.
public struct ModuleTrust: Sendable {
    /// A pack whose signature verified under a pinned publisher key at this start.
    public struct Pack: Sendable {
        public let pack: ModulePack
        public let publisher: String
        public let installedAt: String
        public let installedBy: String
    }
    public let packs: [Pack]
    public let unsigned: UnsignedModules
    /// Installed packs that no longer verify, as `pack NAME: reason`.
    public let refused: [FormProblem]

    public init(packs: [Pack] = [], unsigned: UnsignedModules, refused: [FormProblem] = []) {
        self.packs = packs; self.unsigned = unsigned; self.refused = refused
    }

    /// Without a database (`modules list` with no clinic database): no packs, unsigned files refused.
    public static let noDatabase = ModuleTrust(unsigned: .refused(
        "unsigned module file: not loaded; unsigned files load only in a clinic database whose administrator ran `clearance modules allow-unsigned` (give it with --db), or install the module as a signed pack (`clearance modules pack`, `clearance modules install`)"))

    /// A database whose administrator has not allowed unsigned files.
    public static let unsignedRefused = ModuleTrust(unsigned: .refused(
        "unsigned module file: not loaded, because the administrator has not allowed unsigned modules in this database; install it as a signed pack (`clearance modules pack DIR --key K`, then `clearance modules install BUNDLE`), or an administrator runs `clearance modules allow-unsigned`"))

    /// The module files of the packs, as the registry loads them.
    public var signedModuleFiles: [(origin: String, text: String, publisher: String)] {
        packs.flatMap { p in p.pack.moduleFiles.map { (origin: Self.origin(p.pack, $0), text: $0.text, publisher: p.publisher) } }
    }

    /// The rule packs of the packs.
    public var signedProgrammeFiles: [(origin: String, text: String)] {
        packs.flatMap { p in p.pack.programmeFiles.map { (origin: Self.origin(p.pack, $0), text: $0.text) } }
    }

    /// How a file of a pack is named in listings and messages: `pack NAME VERSION: PATH`.
    static func origin(_ pack: ModulePack, _ file: ModulePack.File) -> String {
        "pack \(pack.name) \(pack.version): \(file.path)"
    }
}

/// A pinned module publisher, as `modules publishers` prints it.
public struct ModulePublisherView: JSONView, Sendable {
    public var keyID: String
    public var name: String
    public var pinnedAt: String
    public var pinnedBy: String
    enum CodingKeys: String, CodingKey { case keyID = "key_id", name, pinnedAt = "pinned_at", pinnedBy = "pinned_by" }
}

/// An installed module pack, as `modules install` and `modules packs` print it.
public struct ModulePackView: JSONView, Sendable {
    public var name: String
    public var version: String
    public var publisher: String
    public var publisherKeyID: String
    public var sha256: String
    public var modules: [String]
    public var programmes: [String]
    public var installedAt: String
    public var installedBy: String
    enum CodingKeys: String, CodingKey {
        case name, version, publisher, publisherKeyID = "publisher_key_id", sha256, modules, programmes
        case installedAt = "installed_at", installedBy = "installed_by"
    }
}

extension ClinicService {
    /// Reads which packs and files the host may load from the database at `path`, verifying
    /// every installed pack's signature under its pinned publisher key again.
    ///
    /// Needs no sign-in: it decides what the host loads before anyone signs in. A pack that no
    /// longer verifies (its row changed, its publisher was removed) is listed in
    /// ``ModuleTrust/refused`` and does not load.
    public static func moduleTrust(_ database: ClinicDatabase) -> ModuleTrust {
        do {
            return try database.read { db in
                let publishers = Dictionary(try ModulePackStore.publishers(db).map { ($0.keyID, $0) }, uniquingKeysWith: { a, _ in a })
                var packs: [ModuleTrust.Pack] = []
                var refused: [FormProblem] = []
                for row in try ModulePackStore.packs(db) {
                    let origin = "pack \(row.name) \(row.version)"
                    do {
                        let pack = try ModulePack.decode(Data(row.bundle), origin: origin)
                        try pack.verify(origin: origin)
                        guard let publisher = publishers[pack.publisherKeyID], publisher.publicKey == pack.publisherKey,
                              row.publisherKeyID == pack.publisherKeyID else {
                            throw ModulePackError(file: origin, "its publisher key \(pack.publisherKeyID) is no longer pinned in this database; an administrator pins it again (`clearance modules trust`) or removes the pack")
                        }
                        guard pack.digest == row.sha256, pack.name == row.name, pack.version == row.version else {
                            throw ModulePackError(file: origin, "the stored pack differs from the one installed (digest); reinstall it with `clearance modules install`")
                        }
                        packs.append(.init(pack: pack, publisher: publisher.name, installedAt: row.installedAt, installedBy: row.installedBy))
                    } catch let e as ModulePackError {
                        refused.append(FormProblem(file: e.file, line: 0, column: 0, message: e.reason))
                    }
                }
                let unsigned: UnsignedModules = try ModulePackStore.unsignedAllowed(db) ? .allowed : ModuleTrust.unsignedRefused.unsigned
                return ModuleTrust(packs: packs, unsigned: unsigned, refused: refused)
            }
        } catch {
            return ModuleTrust(unsigned: ModuleTrust.unsignedRefused.unsigned,
                               refused: [FormProblem(file: database.path, line: 0, column: 0, message: "cannot read installed module packs: \(error)")])
        }
    }

    /// Pins a module publisher's public key (the text of a `.pub` file) under `name`.
    /// - Throws: ``ServiceError``: forbidden (administrators only), invalid key text.
    public func pinModulePublisher(publicKeyText: String, name: String, by session: Session) throws -> ModulePublisherView {
        try session.require(.manageModules)
        let key: CertificatePublicKey
        do { key = try CertificatePublicKey(text: publicKeyText) } catch let e as CertificateError {
            throw ServiceError.invalid(field: "key", "\(e.description); give the publisher's `.pub` file (from `clearance modules key`)")
        }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ServiceError.invalid(field: "name", "give the publisher's name with --name") }
        let record = ModulePublisherRecord(keyID: key.keyID.hex, publicKey: key.rawRepresentation.base64EncodedString(), name: trimmed,
                                           pinnedAt: timestamp, pinnedBy: session.username, removedAt: nil)
        try write { db in
            try ModulePackStore.pin(db, record)
            try audit(db, session, "module-publisher-pin", "module_publisher", record.keyID, ["name": trimmed, "public_key": record.publicKey],
                      wrote: [AuditSubject(.modulePublisher, record.keyID)])
        }
        return ModulePublisherView(keyID: record.keyID, name: trimmed, pinnedAt: record.pinnedAt, pinnedBy: record.pinnedBy)
    }

    /// Removes a pinned publisher; its packs stop loading at the next start.
    /// - Throws: ``ServiceError``: forbidden, not found.
    public func unpinModulePublisher(keyID: String, by session: Session) throws {
        try session.require(.manageModules)
        let id = keyID.lowercased()
        try write { db in
            guard try ModulePackStore.unpin(db, keyID: id, at: timestamp) else {
                throw ServiceError.notFound("no pinned module publisher \(keyID); `clearance modules publishers` lists them")
            }
            try audit(db, session, "module-publisher-remove", "module_publisher", id, wrote: [AuditSubject(.modulePublisher, id)])
        }
    }

    /// The pinned publishers.
    public func modulePublishers(by session: Session) throws -> [ModulePublisherView] {
        try session.require(.manageModules)
        return try read { db in try ModulePackStore.publishers(db) }
            .map { ModulePublisherView(keyID: $0.keyID, name: $0.name, pinnedAt: $0.pinnedAt, pinnedBy: $0.pinnedBy) }
    }

    /// Installs a signed module pack after checking its signature against the pinned publisher
    /// keys and every module and rule pack in it against this host.
    ///
    /// The pack replaces an installed pack of the same name; it loads from the next start of
    /// the host (the next command).
    /// - Throws: ``ServiceError/forbidden(_:)``; ``ModulePackError`` for a bad signature, an
    ///   unpinned publisher or a file that does not load (each named).
    public func installModulePack(data: Data, origin: String, by session: Session) throws -> ModulePackView {
        try session.require(.manageModules)
        let pack = try ModulePack.decode(data, origin: origin)
        try pack.verify(origin: origin)
        let publishers = try read { db in try ModulePackStore.publishers(db) }
        guard let publisher = publishers.first(where: { $0.keyID == pack.publisherKeyID && $0.publicKey == pack.publisherKey }) else {
            throw ModulePackError(file: origin, "signed by \(pack.publisherName) with key \(pack.publisherKeyID), which is not pinned in this database; check the key's id with the publisher, then an administrator runs `clearance modules trust PUBLISHER.pub --name NAME`")
        }
        try checkLoads(pack, origin: origin)
        let digest = pack.digest
        let bytes = [UInt8](pack.encoded())
        let time = timestamp
        try write { db in
            let replaced = try ModulePackStore.activePackID(db, name: pack.name)
            let id = try ModulePackStore.install(db, name: pack.name, version: pack.version, publisherKeyID: pack.publisherKeyID,
                                                 sha256: digest, bundle: bytes, at: time, by: session.username)
            try audit(db, session, "module-pack-install", "module_pack", pack.name, [
                "version": pack.version, "publisher": publisher.name, "publisher_key_id": pack.publisherKeyID, "sha256": digest,
                "files": pack.files.map { "\($0.kind.rawValue) \($0.path) \($0.sha256)" },
            ], wrote: ([id] + (replaced.map { [$0] } ?? [])).map { AuditSubject(.modulePack, $0) })
        }
        return view(pack, publisher: publisher.name, installedAt: time, installedBy: session.username)
    }

    /// Removes an installed pack; its modules stop loading at the next start.
    public func uninstallModulePack(name: String, by session: Session) throws {
        try session.require(.manageModules)
        try write { db in
            let id = try ModulePackStore.activePackID(db, name: name)
            guard let version = try ModulePackStore.uninstall(db, name: name, at: timestamp), let id else {
                throw ServiceError.notFound("no installed module pack '\(name)'; `clearance modules packs` lists them")
            }
            try audit(db, session, "module-pack-remove", "module_pack", name, ["version": version], wrote: [AuditSubject(.modulePack, id)])
        }
    }

    /// The installed packs that verified at this start.
    public func installedModulePacks() -> [ModulePackView] {
        Self.moduleTrust(database).packs.map { view($0.pack, publisher: $0.publisher, installedAt: $0.installedAt, installedBy: $0.installedBy) }
    }

    /// Allows or refuses unsigned module and rule pack files (`CLEARANCE_MODULES_PATH`,
    /// `CLEARANCE_PROGRAMMES_PATH`) in this database.
    public func setUnsignedModulesAllowed(_ allowed: Bool, by session: Session) throws {
        try session.require(.manageModules)
        try write { db in
            try ModulePackStore.setUnsignedAllowed(db, allowed)
            try audit(db, session, allowed ? "modules-allow-unsigned" : "modules-refuse-unsigned", "clinic_metadata", ModulePackStore.allowUnsignedKey,
                      wrote: [AuditSubject(.clinicMetadata, ModulePackStore.allowUnsignedKey)])
        }
    }

    /// Every module and rule pack of `pack` must load on this host (lint, host API, no id taken
    /// by a built-in or bundled module).
    private func checkLoads(_ pack: ModulePack, origin: String) throws {
        let trust = ModuleTrust(packs: [.init(pack: pack, publisher: pack.publisherName, installedAt: "", installedBy: "")], unsigned: .allowed)
        let registry = ModuleRegistry.build(builtins: host.registry.modules.filter { $0.source == .builtin },
                                            bundled: HostEnvironment.bundledModuleFiles, signed: trust.signedModuleFiles)
        let mine = Set(trust.signedModuleFiles.map(\.origin))
        var problems = registry.refused.filter { mine.contains($0.file) }
        let catalog = ProgrammeCatalog.load(signed: trust.signedProgrammeFiles, registry: registry)
        let myProgrammes = Set(trust.signedProgrammeFiles.map(\.origin))
        problems += catalog.refused.filter { myProgrammes.contains($0.file) }
        guard problems.isEmpty else {
            throw ModulePackError(file: origin, "not installed, these files do not load on this host:\n"
                + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
    }

    private func view(_ pack: ModulePack, publisher: String, installedAt: String, installedBy: String) -> ModulePackView {
        ModulePackView(name: pack.name, version: pack.version, publisher: publisher, publisherKeyID: pack.publisherKeyID,
                       sha256: pack.digest, modules: pack.moduleFiles.map(\.path), programmes: pack.programmeFiles.map(\.path),
                       installedAt: installedAt, installedBy: installedBy)
    }
}
