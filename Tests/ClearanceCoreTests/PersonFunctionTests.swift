import Testing
@testable import ClearanceCore

/// `dob()`, `age_at(date)`, `age_months()`: ages from the person's date of birth.
@Suite("Language: date of birth and ages")
struct PersonFunctionTests {
    static let form = """
    form: {id: ages, version: "1", title: Ages}
    fields:
      - {name: dose_date, type: date, label: Dose given on, constraint: ". >= dob()", constraint_message: A dose cannot be given before birth}
    """

    func value(_ text: String, dob: String?, today: String = "2026-03-10", _ answers: Answers = Answers()) throws -> Value? {
        let form = try Fixtures.load(Self.form)
        let person = dob.map { PersonFacts(dateOfBirth: LocalDate($0)!, sex: "F", nationality: "PHL") }
        let ev = FormEvaluator(form: form, context: ModuleContext(today: LocalDate(today)!, person: person))
        return ev.evaluate(try Expression(parsing: text), in: answers)
    }

    @Test func dobIsTheDateOfBirth() throws {
        #expect(try value("dob()", dob: "1956-12-31") == .date(LocalDate("1956-12-31")!))
        #expect(try value("dob() < date('1957-01-01')", dob: "1956-12-31") == .bool(true), "born before 1957")
        #expect(try value("dob() < date('1957-01-01')", dob: "1957-01-01") == .bool(false))
        #expect(try value("today() - dob()", dob: "2026-03-01") == .integer(9), "age in days")
    }

    @Test func ageAtADateCountsWholeYears() throws {
        #expect(try value("age_at(date('2026-05-14'))", dob: "1990-05-15") == .integer(35))
        #expect(try value("age_at(date('2026-05-15'))", dob: "1990-05-15") == .integer(36))
        #expect(try value("age_at(today())", dob: "1990-05-15") == (try value("age()", dob: "1990-05-15")))
        #expect(try value("age_at(date('1990-05-14'))", dob: "1990-05-15") == .integer(-1), "negative before birth")
    }

    @Test func leapDayBirthdaysAreReachedOnTheFirstOfMarch() throws {
        #expect(try value("age_at(date('2025-02-28'))", dob: "2024-02-29") == .integer(0))
        #expect(try value("age_at(date('2025-03-01'))", dob: "2024-02-29") == .integer(1))
        #expect(try value("age_at(date('2028-02-29'))", dob: "2024-02-29") == .integer(4))
        #expect(try value("age_months(date('2025-02-28'))", dob: "2024-02-29") == .integer(11))
        #expect(try value("age_months(date('2025-03-01'))", dob: "2024-02-29") == .integer(12))
        #expect(try value("age_months(date('2024-03-28'))", dob: "2024-02-29") == .integer(0))
        #expect(try value("age_months(date('2024-03-29'))", dob: "2024-02-29") == .integer(1))
    }

    @Test func monthsAtMonthEnds() throws {
        // Born on the 31st: a month completes on the 31st, or the 1st of the next month when it has none.
        #expect(try value("age_months(date('2026-02-28'))", dob: "2026-01-31") == .integer(0))
        #expect(try value("age_months(date('2026-03-01'))", dob: "2026-01-31") == .integer(1))
        #expect(try value("age_months(date('2026-03-30'))", dob: "2026-01-31") == .integer(1))
        #expect(try value("age_months(date('2026-03-31'))", dob: "2026-01-31") == .integer(2))
        #expect(try value("age_months(date('2026-04-30'))", dob: "2026-01-31") == .integer(2))
        #expect(try value("age_months(date('2026-05-01'))", dob: "2026-01-31") == .integer(3))
        // Across a year end, and on the very day of birth.
        #expect(try value("age_months(date('2027-01-15'))", dob: "2026-12-15") == .integer(1))
        #expect(try value("age_months(date('2026-12-15'))", dob: "2026-12-15") == .integer(0))
        #expect(try value("age_months(date('2026-12-14'))", dob: "2026-12-15") == .integer(-1))
        #expect(try value("age_months()", dob: "2025-11-10", today: "2026-03-10") == .integer(4))
        #expect(try value("age_months()", dob: "2025-11-11", today: "2026-03-10") == .integer(3))
    }

    /// The whole years of age_months() are always age(), day by day over four years.
    @Test func monthsAgreeWithYears() {
        let dobs = ["2024-02-29", "2023-01-31", "2022-08-30", "2021-12-31", "2020-03-01"].map { LocalDate($0)! }
        for dob in dobs {
            for offset in stride(from: 0, through: 1500, by: 1) {
                let day = dob.adding(days: offset)
                let m = dob.wholeMonths(until: day)
                #expect(m / 12 == dob.age(on: day), "\(dob) on \(day): \(m) months")
                if m / 12 != dob.age(on: day) { return }
            }
        }
    }

    @Test func withoutAPersonTheyAreEmpty() throws {
        #expect(try value("dob()", dob: nil) == nil)
        #expect(try value("age_at(today())", dob: nil) == nil)
        #expect(try value("age_months()", dob: nil) == nil)
        #expect(try value("age_months() < 12", dob: nil) == .bool(false))
        #expect(try value("age_at(${dose_date})", dob: "2026-01-01") == nil, "an empty date gives an empty age")
    }

    @Test func aDoseAfterBirthIsAConstraint() throws {
        let form = try Fixtures.load(Self.form)
        let person = PersonFacts(dateOfBirth: LocalDate("2026-01-10")!, sex: "M", nationality: "FRA")
        let ev = FormEvaluator(form: form, context: ModuleContext(today: Fixtures.today, person: person))
        #expect(ev.validate(Answers(["dose_date": .date(LocalDate("2026-01-10")!)])) == [])
        #expect(ev.validate(Answers(["dose_date": .date(LocalDate("2026-01-09")!)])).map(\.description)
                == ["dose_date: 2026-01-09: A dose cannot be given before birth"])
    }

    @Test func argumentsAreTypeCheckedAtLoad() {
        let yaml = """
        form: {id: ages, version: "1", title: Ages}
        fields:
          - {name: n, type: integer, label: N}
          - {name: a, type: integer, label: A, relevant: "age_at(${n}) > 1"}
          - {name: b, type: integer, label: B, relevant: "age_months(1, 2) > 1"}
          - {name: c, type: date, label: C, calculate: "dob() + 1", relevant: "dob() > 3"}
        """
        let problems = FormLoader.lint(yaml: yaml, origin: "ages.yaml").map(\.description)
        #expect(problems.contains("ages.yaml:4:58: relevant of field 'a': argument 1 of age_at() must be a date, not a number; write age_at(date)"), "\(problems)")
        #expect(problems.contains("ages.yaml:5:51: relevant of field 'b': age_months() takes 0 to 1 argument, given 2; write age_months() or age_months(date)"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("ages.yaml:6:72:") && $0.contains("'>' compares two numbers, two dates") }, "\(problems)")
        #expect(problems.count == 3)
    }
}
