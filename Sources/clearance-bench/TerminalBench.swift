import ClearanceCore
import ClearanceTerminal
import Foundation

/// `tui_key_ms`: time from a key fed to the form core to a full re-rendered 80x24 frame
/// (ANSI string), on a 60-field form built in code, over 1000 keys (median and p99).
func runTerminalBenchmark() throws -> [(name: String, value: Double, unit: String)] {
    let form = benchForm(fields: 60)
    let rules = FormEvaluator(form: form, context: ModuleContext(today: LocalDate(year: 2026, month: 1, day: 15)!))
    var session = FormSession(form: form, rules: rules, roles: [.nurse], today: rules.context.today)
    // A realistic mix: answer a yes/no, type a number, pick a choice, move on; now and then go back.
    let cycle: [Key] = [.char("y"), .tab, .char("1"), .char("2"), .tab, .char("2"), .tab, .backTab, .tab]
    var samples: [Double] = []
    samples.reserveCapacity(1000)
    var sink = 0
    for i in 0..<1000 {
        let key = cycle[i % cycle.count]
        let start = DispatchTime.now().uptimeNanoseconds
        session.handle(key)
        if session.outcome != nil || session.mode != .editing {
            session = FormSession(form: form, rules: rules, roles: [.nurse], today: rules.context.today)
        }
        sink &+= session.render(width: 80, height: 24).ansi(colour: true).utf8.count
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    precondition(sink > 0)
    samples.sort()
    return [
        (name: "tui_key_ms_median", value: samples[samples.count / 2], unit: "ms"),
        (name: "tui_key_ms_p99", value: samples[samples.count * 99 / 100], unit: "ms"),
    ]
}

/// A form of `fields` fields cycling through yes/no, integer and select_one, with skip logic.
func benchForm(fields n: Int) -> FormSpec {
    var fields: [Field] = []
    for i in 0..<n {
        let name = "f\(i)"
        switch i % 3 {
        case 0:
            fields.append(Field(name: name, type: .yesNo, label: LocalizedText(["en": "Question \(i)?", "fr": "Question \(i) ?"]),
                                hint: "Answer yes or no", required: .always))
        case 1:
            fields.append(Field(name: name, type: .integer, label: LocalizedText(stringLiteral: "Measurement \(i)"), required: .always,
                                relevant: Expression(source: "${f\(i - 1)} = 'yes'",
                                                     root: .binary(op: "=", .field("f\(i - 1)"), .string("yes"))),
                                unit: "mm", min: 0, max: 40))
        default:
            fields.append(Field(name: name, type: .singleChoice, label: LocalizedText(stringLiteral: "Result \(i)"), choiceList: "result"))
        }
    }
    return FormSpec(id: "bench", version: "1", title: "Benchmark form", languages: ["en", "fr"], fields: fields,
                    choiceLists: ["result": [Choice(value: "pos", label: "Positive"), Choice(value: "neg", label: "Negative"),
                                             Choice(value: "ind", label: "Indeterminate")]])
}
