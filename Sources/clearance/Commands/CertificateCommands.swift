import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `clearance certificate ...`: signed fitness certificates.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: "Issue, export, verify and revoke signed fitness certificates.",
        subcommands: [Issue.self, Export.self, Verify.self, Revoke.self, Revocations.self, List.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a certificate for a decided case (medical officers); a re-issue supersedes the current one.",
            discussion: """
            Clinic name, address and site code from the database (`clearance clinic set`); key from CLEARANCE_KEY_DIR or \
            `keys` next to the database. The person's photo is required; without one, say why with --no-photo-reason.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("case"), help: "Case id.") var caseID: Int64
        @Option(help: "Key directory (default: CLEARANCE_KEY_DIR, else `keys` next to the database).") var keyDir: String?
        @Option(help: "Why the certificate has no photo (printed on it); only when the person has none.") var noPhotoReason: String?

        func run() throws {
            try guarded(json: options.json) {
                if ProcessInfo.processInfo.environment["CLEARANCE_CLINIC"] != nil {
                    FileHandle.standardError.write(Data("note: CLEARANCE_CLINIC is no longer read; the clinic's name, address and site code come from `clearance clinic set`\n".utf8))
                }
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                let cert = try ctx.service.issueCertificate(caseID: caseID, keyDirectory: keyDirectory(keyDir, options),
                                                            noPhotoReason: noPhotoReason, language: options.lang, by: session)
                if options.json { Output.json(cert) } else {
                    print(cert.text)
                    print(CLIText.t("cli.export_hint", ["id": cert.id]))
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a certificate's PDF (ID --out FILE.pdf), or every current one issued since a date (--since DATE --out DIR).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Certificate id (omit with --since).") var id: String?
        @Option(help: "Export current certificates issued on or after this date (YYYY-MM-DD) into the --out folder.") var since: String?
        @Option(help: "Output file (one certificate) or folder (--since).") var out: String

        func validate() throws {
            if (id == nil) == (since == nil) { throw ValidationError("give either a certificate ID or --since YYYY-MM-DD") }
        }

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                if let id {
                    let (cert, pdf) = try ctx.service.exportCertificate(id, by: session)
                    try write(pdf, to: URL(fileURLWithPath: out))
                    if options.json { Output.json(CertificateFileView(id: cert.id, file: out, bytes: pdf.count)) } else {
                        print(CLIText.t("cli.certificate_written", ["id": cert.id, "status": cert.status, "file": out, "bytes": "\(pdf.count)"]))
                    }
                    return
                }
                guard let since, let date = LocalDate(since) else {
                    throw ServiceError.invalid(field: "since", "'\(since ?? "")' is not a date YYYY-MM-DD")
                }
                let dir = URL(fileURLWithPath: out)
                do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                    throw ServiceError.configuration("cannot create folder \(out): \(error.localizedDescription)")
                }
                let list = try ctx.service.currentCertificates(issuedSince: date, by: session)
                let progress = Progress(total: list.count)
                var written: [CertificateFileView] = []
                for (n, c) in list.enumerated() {
                    let (_, pdf) = try ctx.service.exportCertificate(c.id, by: session)
                    let file = dir.appendingPathComponent("\(c.id).pdf")
                    try write(pdf, to: file)
                    written.append(CertificateFileView(id: c.id, file: file.path, bytes: pdf.count))
                    progress.update(n + 1, c.id)
                }
                progress.finish()
                if options.json { Output.json(written) } else { print("Exported \(written.count) certificate\(written.count == 1 ? "" : "s") to \(out).") }
            }
        }

        func write(_ data: Data, to url: URL) throws {
            do { try data.write(to: url, options: .atomic) } catch {
                throw ServiceError.configuration("cannot write \(url.path): \(error.localizedDescription)")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a certificate PDF or QR payload: exit 0 and `valid`, 1 when tampered, wrong key, expired, superseded or revoked.",
            discussion: """
            Works offline with only the clinic's public key; no sign-in. A PDF is checked whole: the signed payload, the \
            signed facts (every printed fact and the photo's digest), the signature over the file (any changed byte: \
            tampered), and the page read back with poppler's pdftotext and pdfimages; the signed facts are printed and \
            every difference with the page is named. --revocations FILE (from `certificate revocations`) makes a revoked \
            or superseded certificate fail offline. With a database at hand (--db or CLEARANCE_DB naming an existing \
            file) its status is consulted too, and --public-key may be omitted to use the audited keys registered there.
            """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "A certificate PDF, a file holding the QR text, or the QR text itself (CLR1:...).") var input: String
        @Option(help: "The clinic's public key file (clinic.pub, or `clearance keys export-public` output).") var publicKey: String?
        @Option(help: "The clinic's signed revocation list (`clearance certificate revocations --out FILE`).") var revocations: String?
        @Option(help: "Check as of this date (YYYY-MM-DD) instead of today.") var today: String?

        func run() throws {
            var valid = false
            try guarded(json: options.json) {
                let data: Data
                if input.hasPrefix("CLR1:") { data = Data(input.utf8) } else {
                    guard let d = FileManager.default.contents(atPath: input) else {
                        throw ServiceError.notFound("cannot read \(input); give a certificate PDF, a payload file or the CLR1: text")
                    }
                    data = d
                }
                var keyText: String?
                if let publicKey {
                    guard let k = FileManager.default.contents(atPath: publicKey) else {
                        throw ServiceError.notFound("cannot read public key file \(publicKey)")
                    }
                    keyText = String(decoding: k, as: UTF8.self)
                }
                var listText: String?
                if let revocations {
                    guard let l = FileManager.default.contents(atPath: revocations) else {
                        throw ServiceError.notFound("cannot read revocation list \(revocations); make one with `clearance certificate revocations --out FILE`")
                    }
                    listText = String(decoding: l, as: UTF8.self)
                }
                var date = LocalDate(Date())
                if let today {
                    guard let d = LocalDate(today) else { throw ServiceError.invalid(field: "today", "'\(today)' is not a date YYYY-MM-DD") }
                    date = d
                }
                let env = ProcessInfo.processInfo.environment
                let dbGiven = (options.db?.isEmpty == false) || (env["CLEARANCE_DB"]?.isEmpty == false)
                let check: CertificateCheck
                if dbGiven, FileManager.default.fileExists(atPath: options.databasePath) {
                    let ctx = try CommandContext.open(options)
                    check = try ctx.service.verifyCertificate(data: data, publicKeyText: keyText, today: date, revocations: listText)
                } else {
                    guard let keyText else {
                        throw ServiceError.invalid(field: "public-key", "pass --public-key FILE (the clinic's clinic.pub), or --db with the clinic database")
                    }
                    check = try ClinicService.verifyCertificate(data: data, publicKeyText: keyText, today: date, revocations: listText)
                }
                valid = check.valid
                if options.json { Output.json(check); return }
                print(check.valid ? "valid" : check.status)
                print(check.summary)
                if !check.differences.isEmpty {
                    print(CLIText.t("cli.page_differs"))
                    for d in check.differences { print("  - \(d)") }
                }
                for line in check.factLines { print(line) }
                for note in check.notes { print("(\(note))") }
                if !check.checkedDatabase && !check.checkedRevocations {
                    print(CLIText.t("cli.offline_check"))
                }
            }
            if !valid { throw ExitCode(1) }
        }
    }

    struct Revocations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the clinic's signed list of revoked and superseded certificates (--out FILE), for offline checks.",
            discussion: """
            Signed with the clinic key (CLEARANCE_KEY_DIR or `keys` next to the database); holds certificate ids, status, \
            replacing id and date only. Give it to verifiers with clinic.pub: `certificate verify F.pdf --public-key \
            clinic.pub --revocations FILE`. Make a new one after each revocation.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "Output file.") var out: String
        @Option(help: "Key directory (default: CLEARANCE_KEY_DIR, else `keys` next to the database).") var keyDir: String?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let list = try ctx.service.revocationList(keyDirectory: keyDirectory(keyDir, options), by: try ctx.signIn())
                do { try Data(list.text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw ServiceError.configuration("cannot write \(out): \(error.localizedDescription)")
                }
                if options.json { Output.json(RevocationListFileView(file: out, entries: list.entries)) } else {
                    print("Wrote the revocation list (\(list.entries) revoked or superseded certificate\(list.entries == 1 ? "" : "s")) to \(out).")
                }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a current certificate (medical officers).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Certificate id.") var id: String
        @Option(help: "Why it is revoked.") var reason: String

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let cert = try ctx.service.revokeCertificate(id, reason: reason, by: try ctx.signIn())
                if options.json { Output.json(cert) } else { print(cert.text) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a case's certificates, newest first.")
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("case"), help: "Case id.") var caseID: Int64

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let list = try ctx.service.certificates(caseID: caseID, by: try ctx.signIn())
                if options.json { Output.json(list) } else if list.isEmpty { print("No certificates for case \(caseID).") } else {
                    Output.table(["ID", "OUTCOME", "ISSUED", "EXPIRES", "STATUS"],
                                 list.map { [$0.id, $0.outcome, $0.issueDate, $0.expiryDate, $0.status + ($0.supersededBy.map { " by \($0)" } ?? "")] })
                }
            }
        }
    }
}

/// Batch progress on standard error: a bar redrawn in place on a terminal, plain count lines otherwise.
struct Progress {
    let total: Int
    let isTerminal = isatty(STDERR_FILENO) == 1

    func update(_ done: Int, _ label: String) {
        if isTerminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(label)\u{1B}[K".utf8))
        } else {
            FileHandle.standardError.write(Data("exported \(done)/\(total) \(label)\n".utf8))
        }
    }

    func finish() {
        if isTerminal && total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
