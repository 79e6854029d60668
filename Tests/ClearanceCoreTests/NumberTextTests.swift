import Testing
@testable import ClearanceCore

/// `number(text)`, `substring_before`, `substring_after`: an RPR titre "1:16" becomes 16.
@Suite("Language: text to number")
struct NumberTextTests {
    static let yaml = """
    form: {id: syphilis, version: "1", title: Syphilis serology}
    fields:
      - {name: rpr_titre, type: text, label: RPR titre, hint: "as written by the lab, 1:16"}
      - {name: rpr_dilution, type: integer, label: RPR dilution, calculate: "number(substring_after(${rpr_titre}, ':'))"}
      - {name: high_titre, type: yes_no, label: Titre 1:8 or more, calculate: "${rpr_dilution} >= 8"}
      - {name: raw, type: text, label: Raw}
      - {name: raw_number, type: decimal, label: Raw as a number, calculate: "coalesce(number(${raw}), -1)"}
    """

    @Test(arguments: [
        ("16", Value.integer(16)), (" 16 ", .integer(16)), ("-3", .integer(-3)), ("+2", .integer(2)), ("0.5", .decimal(0.5)),
        (".5", .decimal(0.5)), ("2.", .integer(2)), ("16.0", .integer(16)),
    ])
    func numbersAreRead(text: String, value: Value) {
        #expect(FormNumber.parse(text) == value)
    }

    @Test(arguments: ["", " ", "1:16", "2,5", "1e3", "inf", "nan", "1.2.3", "--1", "12a", "1 000", "+", ".", "99999999999999999999"])
    func textsThatAreNotNumbersAreEmpty(text: String) {
        #expect(FormNumber.parse(text) == nil)
    }

    @Test func aTitreBecomesItsDilution() throws {
        let ev = Fixtures.evaluator(try Fixtures.load(Self.yaml))
        let n = ev.normalized(Answers(["rpr_titre": .text("1:16")]))
        #expect(n["rpr_dilution"] == .integer(16))
        #expect(n["high_titre"] == .bool(true))
        #expect(ev.validate(Answers(["rpr_titre": .text("1:16")])) == [])
        #expect(ev.evaluate(try Expression(parsing: "substring_before('1:16', ':')"), in: Answers()) == .text("1"))
        #expect(ev.evaluate(try Expression(parsing: "substring_after('116', ':')"), in: Answers()) == nil, "no separator: empty")
        #expect(ev.evaluate(try Expression(parsing: "substring_after('1:', ':')"), in: Answers()) == .text(""))
    }

    @Test func aCalculationMeetingATextThatIsNoNumberIsAnIssue() throws {
        let ev = Fixtures.evaluator(try Fixtures.load(Self.yaml))
        let a = Answers(["rpr_titre": .text("1:x")])
        #expect(ev.normalized(a)["rpr_dilution"] == nil)
        #expect(ev.validate(a).map(\.description) == [
            "rpr_dilution: cannot be calculated: number() was given 'x' from rpr_titre, which is not a number; correct that answer",
        ])
        #expect(ev.issues(for: FieldPath("rpr_dilution")!, in: a).count == 1)
        // With a fallback the calculation has a value: no issue.
        #expect(ev.normalized(Answers(["raw": .text("abc")]))["raw_number"] == .decimal(-1))
        #expect(ev.validate(Answers(["raw": .text("abc")])) == [])
        let fr = FormEvaluator(form: ev.form, context: ModuleContext(today: Fixtures.today), language: "fr")
        #expect(fr.validate(a).map(\.message) == [
            "ne peut pas être calculé : number() a reçu 'x' (champ rpr_titre), qui n'est pas un nombre ; corrigez cette réponse",
        ])
        // A titre without ':' has nothing after it: empty, not a failure (a constraint on the
        // titre field is what tells the user).
        #expect(ev.validate(Answers(["rpr_titre": .text("16")])) == [])
    }

    @Test func aLiteralThatIsNoNumberIsALoadProblem() {
        let yaml = """
        form: {id: n, version: "1", title: N}
        fields:
          - {name: a, type: integer, label: A, calculate: "number('1:16')"}
          - {name: b, type: integer, label: B, calculate: "number(3)"}
          - {name: c, type: text, label: C, calculate: "substring_after('a', '')"}
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "n.yaml").map(\.description)
        #expect(problems == [
            "n.yaml:3:59: calculate of field 'a': '1:16' is not a number; number() reads digits with an optional sign and a '.' decimal point, as in '16' or '-0.5'",
            "n.yaml:4:59: calculate of field 'b': argument 1 of number() must be text, not a number; write number(text)",
            "n.yaml:5:70: calculate of field 'c': the separator of substring_after() is empty; write the text to look for, as in ':'",
        ])
    }
}
