import Foundation
import Testing

/// The recorder's own messages follow `--lang`, else the locale (LANG), else English.
@Suite("Recorder messages in the clinic's language (binary)")
struct RecorderLanguageTests {
    @Test func offATerminalTheRecorderSaysSoInTheChosenLanguage() throws {
        let (dir, demo) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        var cli = demo
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "CLEARANCE_LANG"] { cli.environment[name] = nil }
        let fr = try cli.run("--lang", "fr")
        #expect(fr.status == 2)
        #expect(fr.stderr.contains("l'enregistreur plein écran a besoin d'un terminal"), "\(fr.stderr)")
        var spanish = cli
        spanish.environment["LANG"] = "es_ES.UTF-8"
        let es = try spanish.run()
        #expect(es.status == 2)
        #expect(es.stderr.contains("necesita un terminal"), "\(es.stderr)")
        var plain = cli
        plain.environment["LANG"] = "C.UTF-8"
        let en = try plain.run()
        #expect(en.stderr.contains("needs a terminal"), "\(en.stderr)")
    }
}
