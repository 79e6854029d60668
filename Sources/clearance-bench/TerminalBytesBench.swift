import ClearanceCore
import ClearanceTerminal

/// `tui_bytes_per_key`: bytes the recorder writes to the terminal per keystroke on a 60-field
/// form at 80x24 (target at most 2048: usable over a slow SSH link), over 1000 keys of the
/// same mix as `tui_key_ms`, drawn as ``RawTerminal`` draws (only the rows that changed).
/// Baseline `tui_full_frame_bytes_per_key`: the same keys redrawing the whole screen each time;
/// `tui_bytes_per_key_ratio` is the first over the second.
func runTerminalBytesBenchmark() -> [(name: String, value: Double, unit: String)] {
    let form = benchForm(fields: 60)
    let rules = FormEvaluator(form: form, context: ModuleContext(today: LocalDate(year: 2026, month: 1, day: 15)!))
    var session = FormSession(form: form, rules: rules, roles: [.nurse], today: rules.context.today)
    let cycle: [Key] = [.char("y"), .tab, .char("1"), .char("2"), .tab, .char("2"), .tab, .backTab, .tab]
    var shown = session.render(width: 80, height: 24)
    var changed = 0, full = 0
    let keys = 1000
    for i in 0..<keys {
        session.handle(cycle[i % cycle.count])
        if session.outcome != nil || session.mode != .editing {
            session = FormSession(form: form, rules: rules, roles: [.nurse], today: rules.context.today)
        }
        let frame = session.render(width: 80, height: 24)
        changed += frame.ansiUpdate(from: shown, colour: true).utf8.count
        full += frame.ansi(colour: true).utf8.count
        shown = frame
    }
    let perKey = Double(changed) / Double(keys), fullPerKey = Double(full) / Double(keys)
    return [
        (name: "tui_bytes_per_key", value: perKey, unit: "bytes"),
        (name: "tui_full_frame_bytes_per_key", value: fullPerKey, unit: "bytes"),
        (name: "tui_bytes_per_key_ratio", value: perKey / fullPerKey, unit: "ratio"),
    ]
}
