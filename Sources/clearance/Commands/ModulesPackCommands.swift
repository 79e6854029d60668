import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance modules key|pack|trust|untrust|publishers|install|uninstall|packs|allow-unsigned|refuse-unsigned`:
/// signed module packs and the publisher keys a clinic trusts.
struct ModulesKey: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "key",
        abstract: "Create a module publisher's Ed25519 key pair: DIR/publisher.key (mode 0600) and DIR/publisher.pub. Needs no database.",
        discussion: "Keep publisher.key off the clinic machines; give publisher.pub and its key id to each clinic's administrator to pin.")
    @OptionGroup var options: GlobalOptions
    @Option(help: "Directory for the key pair (created mode 0700).") var out: String

    func run() throws {
        try guarded(json: options.json) {
            let made = try ModulePackMaker.createPublisherKey(directory: URL(fileURLWithPath: out))
            if options.json { Output.json(PublisherKeyPairView(keyID: made.keyID, privateKey: made.privateKey, publicKey: made.publicKey)); return }
            print("Created publisher key \(made.keyID).")
            print("  private key: \(made.privateKey) (mode 0600; sign packs with it, never copy it to a clinic)")
            print("  public key:  \(made.publicKey) (administrators pin it: clearance modules trust \(made.publicKey) --name NAME)")
        }
    }
}

struct ModulesPack: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pack",
        abstract: "Sign a folder of module files, rule packs, test cases and CHANGELOG.md as one module pack. Needs no database.",
        discussion: "Every module must lint, every rule pack load and every *.cases.yaml pass, or nothing is written. Exit 6 when one does not.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The folder to pack.") var directory: String
    @Option(help: "The publisher's private key (publisher.key from `clearance modules key`).") var key: String
    @Option(help: "The pack's version (e.g. 1.2.0).") var version: String
    @Option(help: "Who publishes it (printed to administrators when they install it).") var publisher: String
    @Option(help: "The pack's name (default: the folder's name).") var name: String?
    @Option(help: "Output file (default: NAME-VERSION.clearance-pack in the current folder).") var out: String?
    @Flag(help: "Replace an existing output file.") var force = false

    func run() throws {
        try guarded(json: options.json) {
            let dir = URL(fileURLWithPath: directory)
            let pack = try ModulePackMaker.pack(directory: dir, name: name, version: version, publisher: publisher,
                                                keyFile: URL(fileURLWithPath: key), host: ClearanceCLI.host(), today: LocalDate(Date()))
            let path = out ?? "\(pack.name)-\(pack.version).clearance-pack"
            try ReportFile.checkWritable(path, force: force)
            try ReportFile.write(pack.encoded(), to: path)
            if options.json {
                Output.json(ModulePackFileView(file: path, name: pack.name, version: pack.version, publisherKeyID: pack.publisherKeyID,
                                               sha256: pack.digest, files: pack.files.map { .init(path: $0.path, kind: $0.kind.rawValue, sha256: $0.sha256) }))
                return
            }
            print("Packed \(pack.name) \(pack.version) into \(path), signed by \(pack.publisherName) (key \(pack.publisherKeyID)).")
            for f in pack.files { print("  \(f.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(f.path)") }
        }
    }
}

struct ModulesTrust: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trust",
        abstract: "Pin a module publisher's public key (administrators; audited). Packs it signed can then be installed.",
        discussion: "Check the key id printed here with the publisher by another channel before you install its packs.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The publisher's public key file (publisher.pub).") var file: String
    @Option(help: "The publisher's name, as administrators will see it.") var name: String

    func run() throws {
        try guarded(json: options.json) {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ServiceError.notFound("cannot read the public key file \(file)")
            }
            let ctx = try CommandContext.open(options)
            let view = try ctx.service.pinModulePublisher(publicKeyText: text, name: name, by: try ctx.signIn())
            if options.json { Output.json(view) } else { print("Pinned module publisher \(view.name) (key \(view.keyID)).") }
        }
    }
}

struct ModulesUntrust: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "untrust",
        abstract: "Remove a pinned module publisher (administrators; audited). Its packs stop loading.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The publisher's key id (16 hex characters, from `modules publishers`).") var keyId: String

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            try ctx.service.unpinModulePublisher(keyID: keyId, by: try ctx.signIn())
            if options.json { Output.json(RemovedView(removed: keyId)) } else { print("Removed module publisher \(keyId); its packs no longer load.") }
        }
    }
}

struct ModulesPublishers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publishers", abstract: "List pinned module publishers (administrators).")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            let list = try ctx.service.modulePublishers(by: try ctx.signIn())
            if options.json { Output.json(list) } else {
                Output.table(["KEY ID", "NAME", "PINNED", "BY"], list.map { [$0.keyID, $0.name, $0.pinnedAt, $0.pinnedBy] })
            }
        }
    }
}

struct ModulesInstall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install",
        abstract: "Install a signed module pack (administrators; audited). Its publisher must be pinned; every file must load.",
        discussion: "The pack replaces an installed pack of the same name and loads from the next command. Exit 6 when its signature, publisher or a file is refused.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The pack file (from `clearance modules pack`).") var bundle: String

    func run() throws {
        try guarded(json: options.json) {
            guard FileManager.default.isReadableFile(atPath: bundle), let data = FileManager.default.contents(atPath: bundle) else {
                throw ServiceError.notFound("cannot read the module pack \(bundle)")
            }
            let ctx = try CommandContext.open(options)
            let view = try ctx.service.installModulePack(data: data, origin: bundle, by: try ctx.signIn())
            if options.json { Output.json(view); return }
            print("Installed \(view.name) \(view.version) from \(view.publisher) (key \(view.publisherKeyID)).")
            if !view.modules.isEmpty { print("  modules: \(view.modules.joined(separator: ", "))") }
            if !view.programmes.isEmpty { print("  rule packs: \(view.programmes.joined(separator: ", "))") }
        }
    }
}

struct ModulesUninstall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uninstall", abstract: "Remove an installed module pack (administrators; audited).")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The pack's name.") var name: String

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            try ctx.service.uninstallModulePack(name: name, by: try ctx.signIn())
            if options.json { Output.json(RemovedView(removed: name)) } else { print("Removed module pack \(name).") }
        }
    }
}

struct ModulesPacks: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "packs", abstract: "List the signed module packs installed in this database that verify.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            let packs = ctx.service.installedModulePacks()
            if options.json { Output.json(packs) } else {
                Output.table(["NAME", "VERSION", "PUBLISHER", "KEY ID", "INSTALLED", "BY"],
                             packs.map { [$0.name, $0.version, $0.publisher, $0.publisherKeyID, $0.installedAt, $0.installedBy] })
            }
        }
    }
}

struct ModulesAllowUnsigned: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "allow-unsigned",
        abstract: "Let unsigned module and rule pack files (CLEARANCE_MODULES_PATH, CLEARANCE_PROGRAMMES_PATH) load in this database (administrators; audited).",
        discussion: "Anyone who can write those folders then changes clinical logic. `modules refuse-unsigned` undoes it.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            try ctx.service.setUnsignedModulesAllowed(true, by: try ctx.signIn())
            if options.json { Output.json(UnsignedModulesView(unsignedModules: "allowed")) } else { print("Unsigned module files now load in this database.") }
        }
    }
}

struct ModulesRefuseUnsigned: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refuse-unsigned",
        abstract: "Load only signed module packs in this database (the default; administrators; audited).")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            try ctx.service.setUnsignedModulesAllowed(false, by: try ctx.signIn())
            if options.json { Output.json(UnsignedModulesView(unsignedModules: "refused")) } else { print("Unsigned module files no longer load in this database.") }
        }
    }
}
