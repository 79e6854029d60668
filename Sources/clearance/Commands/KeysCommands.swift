import ArgumentParser
import ClearanceService
import Foundation

/// `clearance keys ...`: the clinic's certificate signing key.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create the clinic's signing key and export its public key.",
        discussion: "The key directory is --dir, else CLEARANCE_KEY_DIR, else a `keys` folder next to the database.",
        subcommands: [Init.self, ExportPublic.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the Ed25519 signing key (administrators): DIR/clinic.key (mode 0600) and DIR/clinic.pub.",
            discussion: "An existing DIR/clinic.key is never overwritten: it is registered in this database instead.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Key directory (default: CLEARANCE_KEY_DIR, else `keys` next to the database).") var dir: String?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let key = try ctx.service.initSigningKey(directory: keyDirectory(dir, options), by: try ctx.signIn())
                if options.json { Output.json(key); return }
                print(key.created ? "Created signing key \(key.keyID)." : "Registered the existing signing key \(key.keyID).")
                print("  private key: \(key.privateKeyPath ?? "-") (mode 0600; keep it safe, back it up offline)")
                print("  public key:  \(key.publicKeyPath ?? "-") (give this to whoever verifies certificates)")
            }
        }
    }

    struct ExportPublic: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export-public",
            abstract: "Print the clinic's public key text and key id (the newest registered key, or --key-id).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Key id (16 hex characters) when the clinic has several keys.") var keyId: String?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let keys = try ctx.service.signingKeys(by: try ctx.signIn())
                guard let key = keyId.map({ id in keys.first { $0.keyID == id.lowercased() } }) ?? keys.first else {
                    if let keyId { throw ServiceError.notFound("no signing key \(keyId); registered: \(keys.map(\.keyID).joined(separator: ", "))") }
                    throw ServiceError.notFound("no signing key registered; an administrator runs `clearance keys init`")
                }
                if options.json { Output.json(key) } else {
                    FileHandle.standardError.write(Data("key id \(key.keyID)\n".utf8))
                    print(key.publicKeyText, terminator: key.publicKeyText.hasSuffix("\n") ? "" : "\n")
                }
            }
        }
    }
}

/// The key directory: `option`, else CLEARANCE_KEY_DIR, else `keys` beside the database file.
func keyDirectory(_ option: String?, _ options: GlobalOptions) -> URL {
    if let option, !option.isEmpty { return URL(fileURLWithPath: option) }
    if let env = ProcessInfo.processInfo.environment["CLEARANCE_KEY_DIR"], !env.isEmpty { return URL(fileURLWithPath: env) }
    return URL(fileURLWithPath: options.databasePath).deletingLastPathComponent().appendingPathComponent("keys")
}
