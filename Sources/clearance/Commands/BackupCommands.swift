import ArgumentParser
import ClearanceService
import ClearanceStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `clearance backup ...`: encrypted backups taken while the clinic keeps working.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back the database up (compressed, encrypted), check a backup, make a backup key.",
        discussion: """
        The passphrase comes from CLEARANCE_BACKUP_PASSPHRASE or is asked twice (at least 12 characters). Instead of, or as \
        well as, a passphrase, --recipient FILE locks the backup for the holder of a private key made with `backup keygen`. \
        Restore with `clearance restore FILE --db NEW`.
        """,
        subcommands: [Create.self, Verify.self, Keygen.self], defaultSubcommand: Create.self)

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Write an encrypted backup of the database (administrators); others may keep saving.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The backup file to write (must not exist).") var out: String
        @Option(help: "A public key file from `backup keygen` that can open the backup (repeatable).") var recipient: [String] = []
        @Flag(help: "Include the clinic's private signing key (keep such a backup as safe as the key itself).") var withSigningKey = false
        @Option(help: "Key directory for --with-signing-key (default: CLEARANCE_KEY_DIR, else `keys` next to the database).") var keyDir: String?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                try session.require(.backUp)  // before asking for a passphrase
                var recipients: [BackupRecipient] = []
                do { recipients = try recipient.map { .publicKey(try BackupIdentity.loadPublic(URL(fileURLWithPath: $0))) } } catch let e as BackupError {
                    throw ServiceError.invalid(field: "--recipient", e.description)
                }
                if let phrase = try backupPassphrase(confirm: true, required: recipients.isEmpty) { recipients.append(.passphrase(phrase)) }
                let result = try ctx.service.backup(to: URL(fileURLWithPath: out), recipients: recipients,
                                                    signingKeyDirectory: withSigningKey ? keyDirectory(keyDir, options) : nil, by: session)
                if options.json { Output.json(BackupResultView(result)); return }
                print("Wrote \(result.path): \(result.bytes) bytes (database \(result.databaseBytes) bytes), \(result.manifest.auditEntries) audit entries.")
                print("  sha256 \(result.digest)")
                print(withSigningKey ? "  includes the signing key: store it as safely as the key." : "  the signing key is not included (--with-signing-key adds it).")
                print("Check it with `clearance backup verify \(result.path)`; keep a copy off-site (see README, Administration).")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a backup: its digest always; with the passphrase (or --identity) everything a restore checks.",
            discussion: "Without CLEARANCE_BACKUP_PASSPHRASE or --identity only the file's digest and framing are checked (enough for an off-site copy). No database or sign-in needed.")
        @Argument(help: "The backup file.") var file: String
        @Option(help: "Private key file from `backup keygen` that opens the backup.") var identity: String?
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() throws {
            try guarded(json: json) {
                let unlock = try backupUnlock(identity: identity, requirePassphrase: false)
                let check = try ClinicService.verifyBackup(URL(fileURLWithPath: file), unlock: unlock)
                if json { Output.json(check); return }
                print("\(check.path): digest ok (sha256 \(check.digest)), \(check.bytes) bytes, made \(check.header.createdAt), locked with \(check.header.lockedWith.joined(separator: ", ")).")
                print("  contents: \(check.header.contents.joined(separator: ", "))")
                if let m = check.manifest {
                    print("  opened and checked: integrity ok, audit chain intact (\(check.auditEntriesVerified ?? 0) entries), \(m.tables.count) tables with the snapshot's row counts.")
                } else {
                    print("  not opened: set CLEARANCE_BACKUP_PASSPHRASE or give --identity to check the contents too.")
                }
            }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an X25519 key pair for backups: FILE (private, mode 0600; keep it off this machine) and FILE.pub.",
            discussion: "Give FILE.pub to `backup --recipient`; the machine making backups then needs no passphrase, and only the private key's holder can restore.")
        @Option(help: "The private key file to write (must not exist).") var out: String
        @Flag(help: "Print machine-readable JSON.") var json = false

        func run() throws {
            try guarded(json: json) {
                let key = BackupIdentity.generate()
                let pub = out + ".pub"
                for path in [out, pub] where FileManager.default.fileExists(atPath: path) {
                    throw ServiceError.conflict("\(path) already exists; choose another --out (keys are never overwritten)")
                }
                try writeNew(out, BackupIdentity.privateText(key), mode: 0o600)
                try writeNew(pub, BackupIdentity.publicText(key.publicKey), mode: 0o644)
                if json { Output.json(KeyPairFilesView(privateKey: out, publicKey: pub)) } else {
                    print("Wrote \(out) (private, mode 0600) and \(pub) (public).")
                }
            }
        }
    }
}

/// `clearance restore FILE --db NEW`: a backup into a new database file.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup into a NEW database file (never over an existing one), checking it fully.",
        discussion: "The passphrase comes from CLEARANCE_BACKUP_PASSPHRASE or a prompt; or give --identity. A signing key in the backup goes to --key-dir (default: `keys` next to the new database), never over an existing key. No sign-in: the backup's secret is the permission.")
    @Argument(help: "The backup file.") var file: String
    @Option(help: "The new database file to create (must not exist).") var db: String
    @Option(help: "Private key file from `backup keygen` that opens the backup.") var identity: String?
    @Option(help: "Where a signing key in the backup is written (default: `keys` next to the new database).") var keyDir: String?
    @Flag(help: "Print machine-readable JSON.") var json = false

    func run() throws {
        try guarded(json: json) {
            guard let unlock = try backupUnlock(identity: identity, requirePassphrase: true) else { return }
            let keys = keyDir.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("keys")
            let r = try ClinicService.restore(from: URL(fileURLWithPath: file), unlock: unlock, to: db, keyDirectory: keys)
            if json { Output.json(RestoreResultView(r)); return }
            print("Restored \(file) into \(r.databasePath): integrity ok, audit chain intact (\(r.auditEntriesVerified) entries, as in the snapshot of \(r.manifest.takenAt)).")
            if let k = r.signingKeyPath { print("  signing key written to \(k) (mode 0600)") }
            print("Point CLEARANCE_DB at it (or pass --db) once you have checked it.")
        }
    }
}

/// The backup passphrase: CLEARANCE_BACKUP_PASSPHRASE, else asked (twice when `confirm`) on a terminal.
func backupPassphrase(confirm: Bool, required: Bool) throws -> String? {
    if let p = ProcessInfo.processInfo.environment["CLEARANCE_BACKUP_PASSPHRASE"], !p.isEmpty { return p }
    guard required else { return nil }
    guard isatty(STDIN_FILENO) == 1 else {
        throw ServiceError.invalid(field: "backup passphrase", "set CLEARANCE_BACKUP_PASSPHRASE, run on a terminal to be asked, or use --recipient / --identity with a key file")
    }
    let first = readPassword(prompt: "Backup passphrase: ")
    if confirm {
        guard readPassword(prompt: "Again: ") == first else { throw ServiceError.invalid(field: "backup passphrase", "the two entries differ; nothing was written") }
    }
    return first
}

/// What opens a backup: --identity, else the passphrase (nil when neither and not required).
func backupUnlock(identity: String?, requirePassphrase: Bool) throws -> BackupUnlock? {
    if let identity {
        do { return .privateKey(try BackupIdentity.loadPrivate(URL(fileURLWithPath: identity))) } catch let e as BackupError {
            throw ServiceError.invalid(field: "--identity", e.description)
        }
    }
    return try backupPassphrase(confirm: false, required: requirePassphrase).map { .passphrase($0) }
}

/// Writes a new file with `mode`, refusing an existing one.
func writeNew(_ path: String, _ text: String, mode: mode_t) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw ServiceError.conflict("cannot create \(path): \(String(cString: strerror(errno)))") }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    try handle.write(contentsOf: Data(text.utf8))
    try handle.synchronize()
}
