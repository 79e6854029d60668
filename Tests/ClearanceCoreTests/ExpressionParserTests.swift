import Testing
@testable import ClearanceCore

@Suite("Expression parser")
struct ExpressionParserTests {
    @Test func multiplicationBindsTighterThanAdditionAndComparison() throws {
        let e = try Expression(parsing: "${a} + 2 * 3 > 7")
        #expect(e.root == .binary(op: ">", .binary(op: "+", .field("a"), .binary(op: "*", .number(2), .number(3))), .number(7)))
    }

    @Test func andBindsTighterThanOr() throws {
        let e = try Expression(parsing: "${a} = 1 or ${b} = 2 and ${c} = 3")
        guard case .binary("or", _, .binary("and", _, _)) = e.root else {
            Issue.record("expected or(_, and(_, _)), got \(e.root)"); return
        }
    }

    @Test func unaryBindsTighterThanComparisonAndFoldsNegativeNumbers() throws {
        #expect(try Expression(parsing: "-10").root == .number(-10))
        let e = try Expression(parsing: "not(${a} = 'yes')")
        #expect(e.root == .unary(op: "not", .binary(op: "=", .field("a"), .string("yes"))))
        let m = try Expression(parsing: "- ${a} * 2")
        #expect(m.root == .binary(op: "*", .unary(op: "-", .field("a")), .number(2)))
    }

    @Test func leftAssociativeSubtractionAndDiv() throws {
        let e = try Expression(parsing: "10 - 3 - 2")
        #expect(e.root == .binary(op: "-", .binary(op: "-", .number(10), .number(3)), .number(2)))
        let d = try Expression(parsing: "${a} div 2 mod 3")
        #expect(d.root == .binary(op: "mod", .binary(op: "div", .field("a"), .number(2)), .number(3)))
    }

    @Test func callsCurrentAndLiterals() throws {
        let e = try Expression(parsing: "selected(${m}, \"x\") and . >= date('2026-01-01') and true")
        #expect(e.references == ["m"])
        guard case .binary("and", .binary("and", .call("selected", let args), .binary(">=", .current, .call("date", _))), .bool(true)) = e.root else {
            Issue.record("unexpected tree \(e.root)"); return
        }
        #expect(args == [.field("m"), .string("x")])
    }

    @Test(arguments: [
        ("${a} = = 1", 8),
        ("${a} == 1", 6),
        ("(${a} + 1", 10),
        ("${a} 'x'", 6),
        ("'open", 1),
        ("${Bad}", 1),
        ("1 < 2 < 3", 7),
        ("${a} / 2", 6),
        ("f(1, 2", 7),
        ("cough = 'yes'", 1),
        ("", 1),
    ])
    func syntaxErrorsNameTheColumn(text: String, column: Int) {
        #expect {
            _ = try Expression(parsing: text)
        } throws: { error in
            guard let e = error as? ExpressionError else { return false }
            return e.column == column && e.kind == .syntax
        }
    }

    @Test func errorMessagesSayWhatToWrite() {
        do {
            _ = try Expression(parsing: "${a} && ${b}")
            Issue.record("expected an error")
        } catch let e as ExpressionError {
            #expect(e.message.contains("'and'"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
