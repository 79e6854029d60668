import ClearanceCore
import Testing
@testable import ClearanceTerminal

@Suite struct RenderTests {
    func checkFits(_ frame: Frame, width: Int = 80, height: Int = 24) {
        let lines = frame.plainText.components(separatedBy: "\n")
        #expect(lines.count == height)
        for l in lines { #expect(l.displayWidth <= width, "too wide: \(l)") }
    }

    @Test func formAt80x24HasNoLineWiderThan80Columns() {
        var s = TestForms.session()
        checkFits(s.render(width: 80, height: 24))
        s.handle([.char("y"), .tab] + ScriptedTerminal.keys(String(repeating: "9", count: 120)) + [.tab])
        checkFits(s.render(width: 80, height: 24))
        s.handle(.ctrl("r"))
        checkFits(s.render(width: 80, height: 24))
    }

    @Test func wideNamesStayWithinTheWidth() {
        let names = ["王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英王秀英", "Иванова-Петрова Анастасия Александровна Михайловна",
                     "مُحَمَّد عبد الرحمن بن عبد العزيز آل سعود العتيبي القحطاني", "Nguyễn Thị Minh Khai Phương Thảo Hoàng Lê"]
        let form = FormSpec(id: "n", version: "1", title: "Names", fields: names.enumerated().map {
            Field(name: "f\($0.offset)", type: .text, label: LocalizedText(stringLiteral: $0.element))
        })
        var s = FormSession(form: form, rules: FormEvaluator(form: form, context: ModuleContext(today: TestForms.today)),
                            roles: [.clerk], today: TestForms.today)
        for n in names { s.handle(ScriptedTerminal.keys(n) + [.tab]) }
        for n in names { #expect(s.answers.values.values.contains(.text(n))) }
        s.handle(.backTab)
        checkFits(s.render(width: 80, height: 24))
        let ansi = s.render(width: 80, height: 24).ansi(colour: true)
        #expect(ansi.contains("\u{1B}[?25h"))           // cursor shown in the text field
        var list = ListScreen(title: "People", entries: names.map { ListEntry(title: $0, detail: "SYR 1990-01-01") })
        checkFits(list.render(width: 80, height: 24))
        _ = list.handle(.char("w"))
        checkFits(list.render(width: 80, height: 24))
    }

    @Test func noColourStillMarksProblemsInText() {
        var s = TestForms.session()
        s.handle(.tab)
        let plain = s.render(width: 80, height: 24).ansi(colour: false)
        #expect(!plain.contains("\u{1B}[31"))
        #expect(plain.contains("! Cough for 2 weeks or more?: an answer is required"))
        #expect(s.render(width: 80, height: 24).ansi(colour: true).contains("\u{1B}[1;31m"))
    }

    @Test func longFormScrollsToKeepTheFocusVisible() {
        let fields = (0..<60).map { Field(name: "q\($0)", type: .yesNo, label: LocalizedText(stringLiteral: "Question \($0)")) }
        let form = FormSpec(id: "long", version: "1", title: "Long", fields: fields)
        var s = FormSession(form: form, rules: FormEvaluator(form: form, context: ModuleContext(today: TestForms.today)),
                            roles: [.nurse], today: TestForms.today)
        for _ in 0..<45 { s.handle([.char("y"), .tab]) }
        let text = s.render(width: 80, height: 24).plainText
        let focusLine = text.components(separatedBy: "\n").first { $0.hasPrefix(">") }
        #expect(focusLine?.contains("Question 45") == true)
        checkFits(s.render(width: 80, height: 24))
        checkFits(s.render(width: 120, height: 40), width: 120, height: 40)
    }
}
