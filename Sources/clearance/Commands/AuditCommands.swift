import ArgumentParser
import ClearanceCore
import ClearanceService
import ClearanceStore
import Foundation

/// `clearance audit ...`: the hash-chained audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Verify and read the audit log.",
                                                    subcommands: [Verify.self, Log.self, Anchor.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit chain and every clinical row against it: exit 0 when intact, 1 naming each change.",
            discussion: """
            Recomputes each person, case, encounter (observations, result codes), decision, certificate, user, signing key and \
            attachment (with its renditions) and names every row that differs from the entry that last wrote it, every row \
            with no entry and every entry whose row is gone. --anchor FILE (from `audit anchor`, kept off this machine) also \
            catches deleted newest entries and a recomputed chain.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "An anchor file written by `clearance audit anchor`.") var anchor: String?
        @Option(help: "The clinic's public key file to check the anchor with (default: the audited key registered in the database).") var publicKey: String?
        func run() throws {
            var intact = true
            try guarded(json: options.json) {
                var parsed: AuditAnchor?
                if let anchor {
                    guard let data = FileManager.default.contents(atPath: anchor) else {
                        throw ServiceError.notFound("cannot read anchor file \(anchor); give the file `clearance audit anchor --out` wrote")
                    }
                    parsed = try AuditAnchor(text: String(decoding: data, as: UTF8.self), file: anchor)
                }
                var keyText: String?
                if let publicKey {
                    guard let k = FileManager.default.contents(atPath: publicKey) else {
                        throw ServiceError.notFound("cannot read public key file \(publicKey)")
                    }
                    keyText = String(decoding: k, as: UTF8.self)
                }
                let ctx = try CommandContext.open(options)
                let result = try ctx.service.verifyAudit(anchor: parsed, publicKeyText: keyText)
                intact = result.intact
                if options.json { Output.json(result) } else { print(result.text) }
            }
            if !intact { throw ExitCode(1) }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show audit entries, newest first (administrators and medical officers).",
            discussion: """
            Filters combine: --by amina --action view-confidential --since 2026-11-01 (--user is who signs in). --case ID shows the case, its \
            encounters, their attachments and its certificates; --person ID the person, their photo and all their cases. \
            Dates are YYYY-MM-DD (--until includes that day) or a UTC time such as 2026-11-20T09:30. Every command \
            signs in and writes a login entry: --no-logins hides them (failed sign-ins stay).
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "Most entries to show.") var limit: Int = 50
        @Option(name: .customLong("by"), help: "Only entries written by this user name.") var byUser: String?
        @Option(help: "Only this action: create, edit, decide, sign, export, revoke, view-confidential, login, login-failed, ...") var action: String?
        @Option(name: .customLong("case"), help: "Only entries about this case (its encounters, attachments and certificates too).") var caseID: Int64?
        @Option(name: .customLong("person"), help: "Only entries about this person (their photo and cases too).") var personID: Int64?
        @Option(help: "From this date or UTC time (YYYY-MM-DD or YYYY-MM-DDTHH:MM).") var since: String?
        @Option(help: "Up to this date (inclusive) or before this UTC time.") var until: String?
        @Flag(name: .customLong("no-logins"), help: "Hide successful sign-ins.") var noLogins = false

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1 (given \(limit))") }
            for (name, value) in [("--since", since), ("--until", until)] {
                if let value, AuditTimeBound(value) == nil {
                    throw ValidationError("\(name) '\(value)' is not a date or time: write YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)")
                }
            }
        }

        func run() throws {
            try guarded(json: options.json) {
                var query = AuditQuery()
                query.limit = limit
                query.username = byUser
                query.action = action
                query.caseID = caseID
                query.personID = personID
                query.since = since.flatMap(AuditTimeBound.init)?.start
                query.before = until.flatMap(AuditTimeBound.init)?.end
                query.hideLogins = noLogins
                let ctx = try CommandContext.open(options)
                let entries = try ctx.service.auditLog(query, by: try ctx.signIn())
                if options.json { Output.json(entries); return }
                if entries.isEmpty { print("No audit entries match."); return }
                Output.table(["ID", "AT (UTC)", "USER", "ACTION", "ENTITY", "DETAIL"], entries.map {
                    [String($0.id), String($0.at.prefix(19)).replacingOccurrences(of: "T", with: " "), $0.username, $0.action,
                     "\($0.entity) \($0.entityID)", $0.detail == "{}" ? "" : $0.detail]
                })
            }
        }
    }
}

extension AuditCommand {
    struct Anchor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the audit chain's head with the clinic key and write it to a file to keep elsewhere (administrators).",
            discussion: """
            The anchor names the newest entry and its hash, signed with the clinic key (CLEARANCE_KEY_DIR or `keys` next to \
            the database). Keep it off this machine (print it, mail it to the head office); `clearance audit verify --anchor FILE` \
            then detects deleted newest entries and a rewritten, re-hashed chain.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "The anchor file to write.") var out: String
        @Option(help: "Key directory (default: CLEARANCE_KEY_DIR, else `keys` next to the database).") var keyDir: String?
        @Flag(help: "Replace an existing file.") var force = false

        func run() throws {
            try guarded(json: options.json) {
                try ReportFile.checkWritable(out, force: force)
                let ctx = try CommandContext.open(options)
                let anchor = try ctx.service.auditAnchor(keyDirectory: keyDirectory(keyDir, options), by: try ctx.signIn())
                try ReportFile.write(Data(anchor.text.utf8), to: out)
                if options.json {
                    Output.json(AuditAnchorFileView(file: out, entry: anchor.head.id, hash: anchor.head.hash, keyID: anchor.keyID, taken: anchor.taken))
                } else {
                    print("anchored entry \(anchor.head.id) (\(anchor.head.hash.prefix(16))...) signed by key \(anchor.keyID): \(out)")
                    print("Keep this file off this machine; check with `clearance audit verify --anchor \(out)`.")
                }
            }
        }
    }
}

/// A `--since` / `--until` value: a day (`2026-11-20`) or a UTC time (`2026-11-20T09:30`), as
/// the bounds of store timestamps.
struct AuditTimeBound {
    /// The first timestamp the value covers (`--since`).
    let start: String
    /// The first timestamp after it (`--until` is inclusive: a day runs to its end).
    let end: String

    init?(_ text: String) {
        if let day = LocalDate(text), text.count == 10 {
            start = day.description
            end = day.adding(days: 1).description
            return
        }
        let pattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$"#
        guard text.range(of: pattern, options: .regularExpression) != nil, LocalDate(String(text.prefix(10))) != nil else { return nil }
        let time = text.hasSuffix("Z") ? String(text.dropLast()) : text
        start = time
        // The next timestamp after every one with this prefix.
        end = time + "~"
    }
}
