import ClearanceCore
@testable import Audiometry

/// A module with an empty form: derive and validate do not read the form.
let audiometry = AudiometryModule(form: FormSpec(id: "audiometry", version: "1", title: "Audiometry", fields: []))

let testDay = LocalDate(year: 2026, month: 11, day: 20)!

func context(baseline: Answers? = nil, _ parameters: [String: Value] = [:]) -> ModuleContext {
    ModuleContext(today: testDay, baseline: baseline, parameters: parameters)
}

/// Air thresholds at 500/1000/2000/4000 Hz for each ear, plus any extra answers.
func thresholds(right: [Int], left: [Int], extra: [String: Value] = [:]) -> Answers {
    var a = Answers(extra)
    for (ear, values) in [("right", right), ("left", left)] {
        for (hz, v) in zip([500, 1000, 2000, 4000], values) { a["\(ear)_air_\(hz)"] = .integer(v) }
    }
    return a
}
