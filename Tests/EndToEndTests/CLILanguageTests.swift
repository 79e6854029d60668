import Foundation
import Testing

/// The command line speaks the clinic's language: `--lang`, else the locale (LANG), else
/// English; a message without a catalogue key stays English. A French certificate carries
/// its labels in French beside English and still verifies.
@Suite("CLI messages and certificates in the clinic's language (binary)")
struct CLILanguageTests {
    static func pdftotext(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", "-enc", "UTF-8", path, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The demo database with no language in the environment.
    func neutral() throws -> (URL, CLI) {
        let (dir, demo) = try demoDatabase()
        var cli = demo
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "CLEARANCE_LANG"] { cli.environment[name] = nil }
        return (dir, cli)
    }

    @Test func aCommonMistakeIsSaidInFrenchWithLangOrTheLocale() throws {
        let (dir, cli) = try neutral()
        defer { try? FileManager.default.removeItem(at: dir) }
        let option = try cli.run("case", "show", "999", "--lang", "fr")
        #expect(option.status == 5)
        #expect(option.stderr.contains("erreur : aucun dossier 999 ; la liste des dossiers ouverts : `clearance case list`"), "\(option.stderr)")
        var french = cli
        french.environment["LANG"] = "fr_FR.UTF-8"
        let locale = try french.run("case", "show", "999")
        #expect(locale.status == 5 && locale.stderr.contains("aucun dossier 999"), "\(locale.stderr)")
        // --lang wins over the locale; LC_ALL over LANG.
        #expect(try french.run("case", "show", "999", "--lang", "es").stderr.contains("no hay ningún caso 999"))
        var both = french
        both.environment["LC_ALL"] = "es_ES.UTF-8"
        #expect(try both.run("case", "show", "999").stderr.contains("no hay ningún caso 999"))
        // No language: English, as before.
        let english = try cli.run("case", "show", "999")
        #expect(english.status == 5 && english.stderr.contains("error: no case 999; list open cases"), "\(english.stderr)")
        // --json errors stay English for scripts.
        let json = try cli.run("case", "show", "999", "--lang", "fr", "--json")
        #expect(json.stderr.contains("\"message\" : \"no case 999"), "\(json.stderr)")
    }

    @Test func refusalsMissingAnswersAndFilesInFrench() throws {
        let (dir, cli) = try neutral()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A privilege refusal.
        let refused = try cli.as("clerk").run("case", "decide", "1", "--decision", "FIT", "--lang", "fr")
        #expect(refused.status == 4 && refused.stderr.contains("n'a pas le droit"), "\(refused.stderr)")
        // Required answers missing: the summary and each issue in French.
        let answers = dir.appendingPathComponent("empty.json")
        try "{}".write(to: answers, atomically: true, encoding: .utf8)
        let missing = try cli.as("nurse").run("record", "tb", "--case", "5", "--answers", answers.path, "--lang", "fr")
        #expect(missing.status == 6, "\(missing.stderr)")
        #expect(missing.stderr.contains("rien n'a été enregistré") && missing.stderr.contains("une réponse est requise"), "\(missing.stderr)")
        // A file that is not there.
        let noFile = try cli.as("nurse").run("record", "tb", "--case", "5", "--answers", "/nonexistent/a.json", "--lang", "es")
        #expect(noFile.status == 5 && noFile.stderr.contains("no se puede leer el archivo de respuestas"), "\(noFile.stderr)")
        // No user: the sign-in error.
        var nobody = cli
        nobody.environment["CLEARANCE_USER"] = nil
        let noUser = try nobody.run("case", "list", "--lang", "fr")
        #expect(noUser.status == 3 && noUser.stderr.contains("aucun utilisateur"), "\(noUser.stderr)")
        // A message with no catalogue key is English after the French prefix.
        var busy = cli
        busy.environment["CLEARANCE_BUSY_TIMEOUT"] = "soon"
        let fallback = try busy.run("case", "list", "--lang", "fr")
        #expect(fallback.status == 8 && fallback.stderr.contains("erreur : CLEARANCE_BUSY_TIMEOUT='soon' must be a number"), "\(fallback.stderr)")
    }

    @Test func aFrenchCertificateIsBilingualAndVerifies() throws {
        let (dir, cli) = try neutral()
        defer { try? FileManager.default.removeItem(at: dir) }
        let decided = try cli.as("mo").run("case", "decide", "1", "--decision", "FIT")
        #expect(decided.status == 0, "\(decided.stderr)")
        let keys = try cli.as("admin").run("keys", "init", "--json")
        #expect(keys.status == 0, "\(keys.stderr)")
        let pub = try #require(keys.object["public_key_file"] as? String)
        let issued = try cli.as("mo").run("certificate", "issue", "--case", "1", "--no-photo-reason", "Photo refusée", "--lang", "fr")
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stdout.contains("Pour l'exporter : clearance certificate export CLR-"), "\(issued.stdout)")
        let id = try #require(issued.stdout.split(separator: " ").first { $0.hasPrefix("CLR-") }.map { String($0.prefix(20)) })
        let pdf = dir.appendingPathComponent("fr.pdf")
        let export = try cli.run("certificate", "export", id, "--out", pdf.path, "--lang", "fr")
        #expect(export.status == 0, "\(export.stderr)")
        let text = try Self.pdftotext(pdf.path)
        for label in ["Nom / Surname", "Date de naissance / Date of birth", "Certificat d'aptitude médicale / Medical Fitness Certificate",
                      "Pas de photo, car / No photo, because", "MÜLLER"] {
            #expect(text.contains(label), "'\(label)' not on the page:\n\(text)")
        }
        #expect(export.stdout.contains("octets"), "\(export.stdout)")
        let verified = try cli.run("certificate", "verify", pdf.path, "--public-key", pub)
        #expect(verified.status == 0 && verified.stdout.contains("VALID"), "\(verified.stdout)\(verified.stderr)")
        var offline = cli
        offline.environment["CLEARANCE_DB"] = nil
        let french = try offline.run("certificate", "verify", pdf.path, "--public-key", pub, "--lang", "fr")
        #expect(french.status == 0 && french.stdout.contains("vérification hors ligne"), "\(french.stdout)\(french.stderr)")
    }
}
