import ClearanceCore
@testable import HIVScreening

/// A module with an empty form: derive and validate do not read the form.
let hiv = HIVModule(form: FormSpec(id: "hiv", version: "1", title: "HIV", fields: []))

let testDay = LocalDate(year: 2026, month: 11, day: 20)!

func context(_ parameters: [String: Value] = [:]) -> ModuleContext {
    ModuleContext(today: testDay, parameters: parameters)
}

/// Consent yes, tested on `testDay`, post-test counselling done, with these assay results
/// (`["a1_result": "reactive"]`, values are choice values).
func tested(_ results: [String: String], counselled: Bool = true) -> Answers {
    var a = Answers(["consent": .bool(true), "test_date": .date(testDay),
                     "post_test_done": .bool(counselled)])
    for (k, v) in results { a[k] = .choice(v) }
    return a
}
