import ClearanceCore
@testable import TBScreening

/// Answers and contexts shared by the TB tests.
enum TBFixtures {
    static let today = LocalDate("2026-03-20")!
    static let module = TBScreeningModule(form: FormSpec(id: "tb", version: "1", title: "TB screening", fields: []))

    /// An adult with no symptoms, no risk factors, no immune test, no specimens.
    static func adult() -> Answers {
        var a = Answers()
        for s in ["cough_2w", "haemoptysis", "fever", "night_sweats", "weight_loss"] { a[s] = .bool(false) }
        a["hiv_status"] = .choice("not_known")
        a["tb_history"] = .bool(false)
        a["contact"] = .bool(false)
        a["immune_test"] = .choice("not_done")
        a["extrapulmonary"] = .bool(false)
        a["treatment"] = .bool(false)
        a["clinical_diagnosis"] = .bool(false)
        return a
    }

    /// One sputum specimen.
    static func specimen(_ date: String, smear: String = "negative", naat: String = "not_done",
                         culture: String = "negative") -> Answers {
        var s = Answers()
        s["collection_date"] = .date(LocalDate(date)!)
        s["method"] = .choice("spontaneous")
        s["smear"] = .choice(smear)
        s["naat"] = .choice(naat)
        s["culture"] = .choice(culture)
        // Cultures take up to 8 weeks; the fixture never puts a final date after today.
        if culture != "pending" { s["date_final"] = .date(min(LocalDate(date)!.adding(days: 42), today)) }
        return s
    }

    /// Three negative specimens on consecutive days.
    static func negativeSeries() -> Value {
        .group([specimen("2026-01-05"), specimen("2026-01-06"), specimen("2026-01-07")])
    }

    static func context(cxr: [String] = ["CXR-NORMAL"], person: PersonFacts? = nil,
                        parameters: [String: Value] = [:]) -> ModuleContext {
        ModuleContext(today: today, person: person, programme: "us-panel", caseResults: ["cxr": cxr],
                      parameters: parameters)
    }
}
