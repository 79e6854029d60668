/// The rules one answer must follow by its field's declaration alone: shape, bounds, step and
/// choices. Shared by validation and by the loader's check of `example:` values.
enum FieldRules {
    /// What each field type expects, for messages.
    static func expected(_ type: FieldType) -> String {
        switch type {
        case .text: return "text"
        case .integer: return "a whole number"
        case .decimal: return "a number"
        case .date: return "a date YYYY-MM-DD"
        case .yesNo: return "yes or no"
        case .singleChoice: return "one choice value"
        case .multipleChoice: return "a list of choice values"
        case .note: return "no answer (it is a note)"
        case .image: return "an image attachment"
        case .repeatGroup: return "a list of entries"
        }
    }

    /// Problems with `value` as an answer to `field` (empty when it fits).
    static func problems(_ value: Value, field: Field, choices: [Choice]) -> [String] {
        var unit: String { field.unit.map { " \($0)" } ?? "" }
        switch (field.type, value) {
        case (.text, .text), (.date, .date), (.yesNo, .bool), (.image, .image), (.repeatGroup, .group):
            return []
        case (.integer, .integer), (.decimal, .integer), (.decimal, .decimal):
            guard let v = value.number else { return [] }
            var out: [String] = []
            if !v.isFinite { return ["\(value.display) is not a number"] }
            if let lo = field.min, v < lo {
                out.append("\(FormNumber.format(v)) is below the minimum \(FormNumber.format(lo))\(unit); enter \(FormNumber.format(lo)) or more")
            }
            if let hi = field.max, v > hi {
                out.append("\(FormNumber.format(v)) is above the maximum \(FormNumber.format(hi))\(unit); enter \(FormNumber.format(hi)) or less")
            }
            if let step = field.step, !isOnStep(v, step: step, base: field.min ?? 0) {
                let base = field.min ?? 0
                out.append("\(FormNumber.format(v)) is not a multiple of \(FormNumber.format(step))\(unit)\(base == 0 || base.truncatingRemainder(dividingBy: step) == 0 ? "" : " counted from \(FormNumber.format(base))")")
            }
            return out
        case (.singleChoice, .choice(let c)):
            return choices.contains { $0.value == c } ? [] : [notAChoice(c, field: field, choices: choices)]
        case (.multipleChoice, .choices(let cs)):
            var out: [String] = []
            for c in cs where !choices.contains(where: { $0.value == c }) { out.append(notAChoice(c, field: field, choices: choices)) }
            var seen: Set<String> = []
            for c in cs where !seen.insert(c).inserted { out.append("'\(c)' is selected twice; select each value once") }
            return out
        default:
            return ["expected \(expected(field.type)), got \(describe(value))"]
        }
    }

    static func notAChoice(_ c: String, field: Field, choices: [Choice]) -> String {
        "'\(c)' is not a choice of \(field.name); choose one of: \(choices.map(\.value).joined(separator: ", "))"
    }

    /// Whether `v` lies on the grid `base + k * step` (with a tolerance for decimal steps).
    static func isOnStep(_ v: Double, step: Double, base: Double) -> Bool {
        let k = (v - base) / step
        return abs(k - k.rounded()) < 1e-9 * Swift.max(1, abs(k))
    }

    static func describe(_ v: Value) -> String {
        switch v {
        case .text(let s): return "text '\(s)'"
        case .integer(let i): return "the number \(i)"
        case .decimal(let d): return "the number \(FormNumber.format(d))"
        case .date(let d): return "the date \(d)"
        case .bool(let b): return b ? "yes" : "no"
        case .choice(let c): return "the choice '\(c)'"
        case .choices(let c): return "the choices [\(c.joined(separator: ", "))]"
        case .image(let i): return "attachment \(i)"
        case .group(let g): return "a list of \(g.count) entries"
        }
    }
}
