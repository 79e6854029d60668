import ClearanceCore
import Foundation
import Testing
@testable import TBScreening

/// `Forms/tb.yaml` loads, and its own rules catch the form-level boundaries.
@Suite struct TBFormLoadingTests {
    let form: FormSpec
    let module: TBScreeningModule

    init() throws {
        form = try FormLoader.load(yaml: TBFormFileTests.formText(), origin: "Forms/tb.yaml").form
        module = TBScreeningModule(form: form)
    }

    func issues(_ a: Answers, _ ctx: ModuleContext = TBFixtures.context()) -> [String] {
        FormEvaluator(form: form, context: ctx).validate(a).map(\.path.description)
    }

    @Test func loadsWithoutProblems() {
        #expect(FormLoader.lint(yaml: (try? TBFormFileTests.formText()) ?? "", origin: "Forms/tb.yaml") == [])
        #expect(form.id == "tb")
        #expect(form.languages == ["en", "fr", "es"])
        #expect(form.field(named: "hiv_status")?.roles == [.counsellor, .medicalOfficer, .nurse])
        #expect(form.field(named: "hiv_status")?.readRoles == [.counsellor, .medicalOfficer])
        #expect(form.isReadable(FieldPath(field: "hiv_status"), by: [.nurse]) == false)
        #expect(form.isVisible(FieldPath(field: "hiv_status"), to: [.nurse]))
        #expect(form.field(at: FieldPath("specimens.culture")!) != nil)
    }

    @Test func fixtureAnswersPassTheForm() {
        #expect(issues(TBFixtures.adult()) == [])
        var a = TBFixtures.adult()
        a["specimens"] = TBFixtures.negativeSeries()
        #expect(issues(a, TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"])) == [])
    }

    func tst(placed: String, read: String, mm: Int) -> Answers {
        var a = TBFixtures.adult()
        a["immune_test"] = .choice("tst")
        a["tst_date_placed"] = .date(LocalDate(placed)!)
        a["tst_date_read"] = .date(LocalDate(read)!)
        a["tst_induration_mm"] = .integer(mm)
        return a
    }

    @Test func tstInDurationIsAWholeNumberFrom0To40() {
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-18", mm: 0)) == [])
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-18", mm: 40)) == [])
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-18", mm: 41)) == ["tst_induration_mm"])
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-18", mm: -1)) == ["tst_induration_mm"])
    }

    @Test func tstIsRead48To72HoursAfterPlacing() {
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-17", mm: 5)) == ["tst_date_read"])
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-18", mm: 5)) == [])
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-19", mm: 5)) == [])
        #expect(issues(tst(placed: "2026-03-16", read: "2026-03-20", mm: 5)) == ["tst_date_read"])
    }

    @Test func sputumIsRequiredByTheFormWhenTheXRayOrASymptomCallsForIt() {
        #expect(issues(TBFixtures.adult(), TBFixtures.context(cxr: ["CXR-TB-SUGGESTIVE"])) == ["specimens"])
        var a = TBFixtures.adult()
        a["haemoptysis"] = .bool(true)
        #expect(issues(a) == ["specimens"])
        a["haemoptysis"] = .bool(false)
        a["hiv_status"] = .choice("positive")
        #expect(issues(a) == ["specimens"])
        a["hiv_status"] = .choice("negative")
        #expect(issues(a) == [])
    }

    /// Checked as the year is typed (a form constraint), not only when the form is saved.
    @Test func pastTBYearCannotBeInTheFutureOrBeforeBirth() {
        let person = PersonFacts(dateOfBirth: LocalDate("1990-05-01")!, sex: "M", nationality: "PHL")
        var a = TBFixtures.adult()
        a["tb_history"] = .bool(true)
        a["tb_history_treatment_completed"] = .bool(true)
        let thisYear = TBFixtures.today.year
        for (year, bad) in [(thisYear + 1, true), (thisYear, false), (1990, false), (1989, true)] {
            a["tb_history_year"] = .integer(year)
            #expect(issues(a, TBFixtures.context(person: person)) == (bad ? ["tb_history_year"] : []), "year \(year)")
        }
        // Without a person (no date of birth) only the future is refused.
        a["tb_history_year"] = .integer(1950)
        #expect(issues(a) == [])
        a["tb_history_year"] = .integer(thisYear + 1)
        #expect(issues(a) == ["tb_history_year"])
    }

    @Test func atMostThreeSpecimens() {
        var a = TBFixtures.adult()
        a["specimens"] = .group((1...4).map { TBFixtures.specimen("2026-03-0\($0)") })
        #expect(issues(a) == ["specimens"])
    }

    @Test func finalDateOnlyOnceTheCultureIsFinal() {
        var pending = TBFixtures.specimen("2026-03-02", culture: "pending")
        var a = TBFixtures.adult()
        a["specimens"] = .group([pending])
        #expect(issues(a) == [])
        pending["culture"] = .choice("negative")
        a["specimens"] = .group([pending])
        #expect(issues(a) == ["specimens[1].date_final"])
    }

    @Test func pregnancyIsAskedOnlyOfWomen() {
        let woman = PersonFacts(dateOfBirth: LocalDate("1995-01-01")!, sex: "F", nationality: "PHL")
        let man = PersonFacts(dateOfBirth: LocalDate("1995-01-01")!, sex: "M", nationality: "PHL")
        #expect(issues(TBFixtures.adult(), TBFixtures.context(person: woman)) == ["pregnant"])
        var a = TBFixtures.adult()
        a["pregnant"] = .bool(true)
        #expect(issues(a, TBFixtures.context(person: woman)) == ["gestation_weeks"])
        a["gestation_weeks"] = .integer(43)
        #expect(issues(a, TBFixtures.context(person: woman)) == ["gestation_weeks"])
        a["gestation_weeks"] = .integer(20)
        #expect(issues(a, TBFixtures.context(person: woman)) == [])
        let stored = FormEvaluator(form: form, context: TBFixtures.context(person: man)).normalized(a)
        #expect(stored["pregnant"] == nil && stored["gestation_weeks"] == nil)
    }

    @Test func templateIsValidAndClassifiesAsNone() throws {
        let ctx = TBFixtures.context()
        let answers = try form.decodeAnswers(form.template(context: ctx))
        #expect(issues(answers, ctx) == [])
        #expect(module.validate(answers, context: ctx).isEmpty)
        #expect(module.derive(answers, context: ctx).resultCodes == ["TB-NONE"])
    }
}
