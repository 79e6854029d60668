import ClearanceCore
import Foundation
import Testing
@testable import ClearanceTerminal

/// The host's catalogues (Forms/messages/*.yaml): every key in every language, with the same
/// placeholders; every key the recorder asks for exists; the language chosen from `--lang`,
/// then the locale, then English.
@Suite struct HostTextTests {
    static func placeholders(_ s: String) -> Set<String> {
        var out = Set<String>()
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    @Test func everyKeyExistsInEveryLanguageWithTheSamePlaceholders() throws {
        let en = try #require(HostText.catalogues["en"])
        #expect(en.count > 80)
        for l in HostText.languages {
            let c = try #require(HostText.catalogues[l], "no catalogue for \(l)")
            #expect(Set(c.keys) == Set(en.keys), "\(l): missing \(Set(en.keys).subtracting(c.keys).sorted()), extra \(Set(c.keys).subtracting(en.keys).sorted())")
            for (k, v) in c { #expect(Self.placeholders(v) == Self.placeholders(en[k] ?? ""), "\(l) \(k): \(v)") }
        }
        // Translated, not copied (a few words are the same in two languages, like "no").
        let fr = try #require(HostText.catalogues["fr"])
        #expect(fr.filter { en[$0.key] == $0.value }.count < 5)
    }

    @Test func everyKeyTheRecorderUsesIsInTheCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files: [URL] = []
        for dir in ["Sources/ClearanceTerminal", "Sources/clearance/Terminal"] {
            let base = root.appendingPathComponent(dir)
            files += try #require(FileManager.default.enumerator(atPath: base.path)).compactMap { $0 as? String }
                .filter { $0.hasSuffix(".swift") }.map { base.appendingPathComponent($0) }
        }
        var used = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"(?:\bt|HostText\.text)\("([a-z_]+\.[a-z_]+)""#)
        for f in files {
            let text = try String(contentsOf: f, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        #expect(used.count > 60)
        let en = try #require(HostText.catalogues["en"])
        #expect(used.subtracting(en.keys).isEmpty, "not in Forms/messages/en.yaml: \(used.subtracting(en.keys).sorted())")
        // Module statuses, looked up as status.<status>.
        for s in ["final", "results_pending", "done_confidential", "draft", "to_record", "optional"] { #expect(en["status." + s] != nil) }
    }

    @Test func textFillsPlaceholdersAndFallsBackToEnglish() {
        #expect(HostText.text("worklist.title", "fr", ["count": "3"]) == "Liste de travail (3 ouverts)")
        #expect(HostText.text("worklist.title", "de", ["count": "3"]) == "Worklist (3 open)")
        #expect(HostText.text("no.such.key", "es") == "no.such.key")
    }

    @Test func languageFromOptionThenLocaleThenEnglish() {
        #expect(HostText.language(option: "es", environment: ["LANG": "fr_FR.UTF-8"]) == "es")
        #expect(HostText.language(option: nil, environment: ["LANG": "fr_FR.UTF-8"]) == "fr")
        #expect(HostText.language(option: nil, environment: ["LANG": "fr_FR.UTF-8", "LC_ALL": "es_ES.UTF-8"]) == "es")
        #expect(HostText.language(option: nil, environment: ["LANG": "C.UTF-8"]) == "en")
        #expect(HostText.language(option: nil, environment: [:]) == "en")
        #expect(HostText.language(option: "de", environment: ["LANG": "fr_FR"]) == "en")
    }

    @Test func aBrokenCatalogueLineIsNamed() {
        #expect(throws: HostText.CatalogueError.self) { try HostText.parse("a.b: \"ok\"\nbroken line\n") }
        do { _ = try HostText.parse("a.b: \"ok\"\nbroken line\n") } catch { #expect("\(error)".contains("line 2")) }
    }

    @Test func recorderChromeFollowsTheLanguage() {
        var s = FormSession(form: TestForms.tb, rules: TestForms.rules, roles: [.nurse], today: TestForms.today, language: "fr")
        let text = s.render(width: 100, height: 30).plainText
        #expect(text.contains("Tab suivant"))
        #expect(text.contains("Ctrl-C quitter"))
        s.handle(.tab)                                    // cough unanswered: a problem in French
        s.handle(.ctrl("c"))
        #expect(s.render(width: 100, height: 30).plainText.contains("Abandonner ce formulaire ?"))
        var menu = MenuScreen(title: "t", items: ["a"])
        menu.language = "es"
        #expect(menu.render(width: 80, height: 24).plainText.contains("Esc volver"))
    }

    @Test func typedProblemsFollowCtrlL() {
        var s = FormSession(form: TestForms.tb, rules: TestForms.rules, roles: [.nurse], today: TestForms.today)
        s.handle([.char("y"), .tab, .char("x"), .tab])    // 'x' is not a whole number
        #expect(s.shownErrors.values.joined().contains { $0.contains("is not a whole number") })
        s.language = "fr"
        #expect(s.shownErrors.values.joined().contains { $0.contains("n'est pas un nombre entier") })
    }
}
