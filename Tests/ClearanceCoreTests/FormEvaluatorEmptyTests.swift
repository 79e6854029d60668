import Testing
@testable import ClearanceCore

@Suite("Evaluator: empty semantics and functions")
struct FormEvaluatorEmptyTests {
    let form: FormSpec
    let ev: FormEvaluator

    init() throws {
        form = try Fixtures.load(Fixtures.screening)
        ev = Fixtures.evaluator(form)
    }

    func value(_ text: String, _ answers: Answers = Answers(), current: Value? = nil) throws -> Value? {
        ev.evaluate(try Expression(parsing: text), in: answers, current: current)
    }

    @Test func comparingEmptyIsFalseEvenWithNotEquals() throws {
        #expect(try value("${cough_weeks} = 3") == .bool(false))
        #expect(try value("${cough_weeks} != 3") == .bool(false))
        #expect(try value("${cough} = 'no'") == .bool(false))
        #expect(try value("${cough} != 'yes'") == .bool(false))
    }

    @Test func arithmeticWithEmptyIsEmpty() throws {
        #expect(try value("${threshold} + 5") == nil)
        #expect(try value("abs(${threshold})") == nil)
        #expect(try value("min(${threshold}, 3)") == nil)
        #expect(try value("coalesce(${threshold}, 7)") == .integer(7))
        #expect(try value("count(${specimens})") == .integer(0))
        #expect(try value("count_selected(${methods})") == .integer(0))
        #expect(try value("answered(${threshold})") == .bool(false))
        #expect(try value("not ${cough}") == .bool(true))
    }

    @Test func valuesCompareByKind() throws {
        let a = Answers(["cough": .bool(true), "threshold": .integer(15), "methods": .choices(["induced"])])
        #expect(try value("${cough} = 'yes'", a) == .bool(true))
        #expect(try value("${cough}", a) == .bool(true))
        #expect(try value("${threshold} + 5 * 2", a) == .integer(25))
        #expect(try value("${threshold} div 2", a) == .decimal(7.5))
        #expect(try value("${threshold} div 0", a) == nil)
        #expect(try value("selected(${methods}, 'induced') and not selected(${methods}, 'spontaneous')", a) == .bool(true))
        #expect(try value("if(${threshold} >= 20, 'high', 'low')", a) == .text("low"))
        #expect(try value("round(2.345, 2)") == .decimal(2.35))
    }

    @Test func datesAndContext() throws {
        let ctx = ModuleContext(today: Fixtures.today,
                                person: PersonFacts(dateOfBirth: LocalDate("2000-03-11")!, sex: "F", nationality: "PHL"),
                                caseResults: ["cxr": ["CXR-TB-SUGGESTIVE"]],
                                parameters: ["calibration_max_months": .integer(6)])
        let ev = Fixtures.evaluator(form, context: ctx)
        func v(_ t: String) throws -> Value? { ev.evaluate(try Expression(parsing: t), in: Answers()) }
        #expect(try v("today()") == .date(Fixtures.today))
        #expect(try v("age()") == .integer(25))
        #expect(try v("sex() = 'F'") == .bool(true))
        #expect(try v("has_result('cxr', 'CXR-TB-SUGGESTIVE')") == .bool(true))
        #expect(try v("has_result('cxr', 'CXR-NORMAL')") == .bool(false))
        #expect(try v("param('calibration_max_months', 12)") == .integer(6))
        #expect(try v("param('other', 12)") == .integer(12))
        #expect(try v("days_between(date('2026-03-01'), today())") == .integer(9))
        #expect(try v("add_months(date('2026-08-31'), 6)") == .date(LocalDate("2027-02-28")!))
        #expect(try v("today() - 10") == .date(LocalDate("2026-02-28")!))
        #expect(try v("year(today())") == .integer(2026))
        #expect(try v("year(dob())") == .integer(2000))
        #expect(try v("regex('AB12', '^[A-Z0-9]+$') and length('abc') = 3") == .bool(true))
        // Without a person, age() is empty and comparisons with it are false.
        #expect(try value("age() >= 18") == .bool(false))
        #expect(try value("year(dob())") == nil)
        #expect(try value("coalesce(year(dob()), 0)") == .integer(0))
    }

    @Test func overflowAndOutOfRangeDatesAreEmptyNotCrashes() throws {
        let a = Answers(["threshold": .integer(Int.max), "cough_weeks": .integer(Int.min)])
        #expect(try value("${threshold} + 1", a) == .decimal(Double(Int.max) + 1))
        #expect(try value("${cough_weeks} mod -1", a) == .decimal(0))
        #expect(try value("-${cough_weeks}", a) == .decimal(-Double(Int.min)))
        #expect(try value("add_months(today(), 200000)") == nil)
        #expect(try value("add_days(date('9999-12-31'), 1)") == nil)
    }
}
