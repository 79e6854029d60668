/// The rules one answer must follow by its field's declaration alone: shape, bounds, step and
/// choices. Shared by validation and by the loader's check of `example:` values.
enum FieldRules {
    /// What each field type expects, for messages.
    static func expected(_ type: FieldType, _ language: String = "en") -> String { FormMessages.expected(type, language) }

    /// Problems with `value` as an answer to `field` (empty when it fits), in `language`.
    static func problems(_ value: Value, field: Field, choices: [Choice], language: String = "en") -> [String] {
        var unit: String { field.unit.map { " \($0)" } ?? "" }
        let lang = language
        switch (field.type, value) {
        case (.text, .text(let t)):
            let n = t.count
            return n > field.textLimit ? [FormMessages.tooLong(n, field.textLimit, lang)] : []
        case (.date, .date), (.yesNo, .bool), (.image, .image), (.repeatGroup, .group):
            return []
        case (.integer, .integer), (.decimal, .integer), (.decimal, .decimal):
            guard let v = value.number else { return [] }
            var out: [String] = []
            if !v.isFinite { return [FormMessages.notANumber(value.display, lang)] }
            let n = FormNumber.format(v)
            if let lo = field.min, v < lo { out.append(FormMessages.belowMinimum(n, FormNumber.format(lo), unit, lang)) }
            if let hi = field.max, v > hi { out.append(FormMessages.aboveMaximum(n, FormNumber.format(hi), unit, lang)) }
            if let step = field.step, !isOnStep(v, step: step, base: field.min ?? 0) {
                let base = field.min ?? 0
                let counted = base == 0 || base.truncatingRemainder(dividingBy: step) == 0 ? nil : FormNumber.format(base)
                out.append(FormMessages.notOnStep(n, FormNumber.format(step), unit, from: counted, lang))
            }
            return out
        case (.singleChoice, .choice(let c)):
            return choices.contains { $0.value == c } ? [] : [notAChoice(c, field: field, choices: choices, lang)]
        case (.multipleChoice, .choices(let cs)):
            var out: [String] = []
            for c in cs where !choices.contains(where: { $0.value == c }) { out.append(notAChoice(c, field: field, choices: choices, lang)) }
            var seen: Set<String> = []
            for c in cs where !seen.insert(c).inserted { out.append(FormMessages.selectedTwice(c, lang)) }
            return out
        default:
            return [FormMessages.wrongType(expected: expected(field.type, lang), got: describe(value, lang), lang)]
        }
    }

    static func notAChoice(_ c: String, field: Field, choices: [Choice], _ lang: String = "en") -> String {
        FormMessages.notAChoice(c, field: field.name, offered: choices.map(\.value).joined(separator: ", "), lang)
    }

    /// Whether `v` lies on the grid `base + k * step` (with a tolerance for decimal steps).
    static func isOnStep(_ v: Double, step: Double, base: Double) -> Bool {
        let k = (v - base) / step
        return abs(k - k.rounded()) < 1e-9 * Swift.max(1, abs(k))
    }

    static func describe(_ v: Value, _ language: String = "en") -> String { FormMessages.describe(v, language) }
}
