import ClearanceCore
import Foundation
import Testing
@testable import ClearanceTerminal

/// Layout that adapts: the label column sized from the width and the labels of the language,
/// long labels wrapped, wide characters aligned, and only changed rows written.
@Suite struct LayoutTests {
    static let longLabel = "Seuil de l'oreille droite en conduction aérienne à 4000 Hz (dB HL)"
    static func form() -> FormSpec {
        FormSpec(id: "layout", version: "1", title: "Layout", languages: ["en", "fr"], fields: [
            Field(name: "a", type: .integer, label: LocalizedText(["en": "Right ear 4000 Hz", "fr": longLabel])),
            Field(name: "b", type: .text, label: LocalizedText(["en": "Remarks", "fr": "Remarques"])),
        ])
    }
    static func session(_ language: String) -> FormSession {
        let f = form()
        return FormSession(form: f, rules: FormEvaluator(form: f, context: ModuleContext(today: TestForms.today)),
                           roles: [.nurse], today: TestForms.today, language: language)
    }

    @Test func wideTerminalShowsTheWholeLabelAndNarrowOneWrapsIt() {
        let wide = Self.session("fr").render(width: 140, height: 30).plainText
        #expect(wide.contains(Self.longLabel))
        let narrow = Self.session("fr").render(width: 80, height: 24).plainText
        #expect(!narrow.components(separatedBy: "\n").contains { $0.contains("Seuil") && $0.contains("…") })
        let words = narrow.components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
        #expect(words.contains("à 4000 Hz (dB HL)"))
        #expect(narrow.components(separatedBy: "\n").allSatisfy { $0.displayWidth <= 80 })
        // English labels are short: the value column starts sooner than in French.
        let en = Self.session("en")
        let fr = Self.session("fr")
        #expect(en.labelColumns(140) < fr.labelColumns(140))
        #expect(fr.labelColumns(80) <= 50)
    }

    @Test func wideCharactersAlignInLists() {
        let list = ListScreen(title: "People", entries: [ListEntry(title: "王秀英", detail: "CHN"), ListEntry(title: "José Núñez", detail: "VEN")])
        let rows = list.render(width: 80, height: 24).plainText.components(separatedBy: "\n")
        let chn = try? #require(rows.first { $0.contains("CHN") })
        let ven = try? #require(rows.first { $0.contains("VEN") })
        func column(_ row: String?, _ text: String) -> Int? {
            guard let row, let r = row.range(of: text) else { return nil }
            return String(row[..<r.lowerBound]).displayWidth
        }
        #expect(column(chn, "CHN") != nil)
        #expect(column(chn, "CHN") == column(ven, "VEN"))
    }

    @Test func onlyChangedRowsAreWritten() {
        let a = Frame(width: 80, height: 24, rows: ["title", "row one", "row two"])
        var b = a
        b.rows[2] = "row 2 changed"
        let update = b.ansiUpdate(from: a, colour: false)
        #expect(update.contains("row 2 changed"))
        #expect(!update.contains("row one"))
        #expect(update.contains("\u{1B}[3;1H"))
        #expect(update.utf8.count < b.ansi(colour: false).utf8.count / 5)
        // Another size: everything again.
        let c = Frame(width: 100, height: 30, rows: ["title"])
        #expect(c.ansiUpdate(from: a, colour: false) == c.ansi(colour: false))
    }
}
