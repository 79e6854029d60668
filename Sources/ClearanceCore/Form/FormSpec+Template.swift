import Foundation

// MARK: - Template answers

extension FormSpec {
    /// A complete, valid answers document: every field that is relevant given the template's own
    /// answers is filled with a plausible value. The documented starting point for scripted
    /// imports (`clearance modules template MODULE`). Uses the system clock for today's date;
    /// see ``template(context:)`` to inject it.
    public func template() -> [String: Any] {
        template(context: ModuleContext(today: LocalDate(Date())))
    }

    /// ``template()`` with an injected context (today's date, person, case results).
    public func template(context: ModuleContext) -> [String: Any] {
        templateAnswers(context: context).jsonObject
    }

    /// The template as ``Answers``.
    ///
    /// A field's `example:` is tried first; otherwise the first choice, the minimum (rounded onto
    /// the step, or 0 when within bounds), "no" for yes/no, today for dates. When a candidate
    /// breaks a constraint the next plausible one is tried. Repeat groups get `min_count`
    /// instances (one when required; a computed `min_count` as it comes out). Choices are those
    /// the field's `choice_filter` offers. Image fields are left empty (no attachment to point at).
    public func templateAnswers(context: ModuleContext) -> Answers {
        let ev = FormEvaluator(form: self, context: context)
        var a = Answers()
        for _ in 0..<4 {
            var changed = false
            fill(fields, prefix: FieldPath([]), &a, ev, &changed)
            if !changed { break }
        }
        return ev.normalized(a)
    }

    private func fill(_ level: [Field], prefix: FieldPath, _ a: inout Answers, _ ev: FormEvaluator, _ changed: inout Bool) {
        for f in level where f.isInput && f.type != .image {
            let path = prefix.appending(f.name)
            guard ev.isRelevant(path, normalized: ev.normalize(a)) else { continue }
            if f.type == .repeatGroup {
                if a.value(at: path) == nil {
                    let n = ev.bounds(f, at: path, normalized: ev.normalize(a)).min
                    if n > 0 { a.setValue(.group(Array(repeating: Answers(), count: n)), at: path); changed = true }
                }
                for i in (a.value(at: path)?.instances ?? []).indices {
                    fill(f.fields, prefix: prefix.appending(f.name, index: i + 1), &a, ev, &changed)
                }
                continue
            }
            let current = a.value(at: path)
            if current != nil && ev.issues(for: path, normalized: ev.normalize(a)).isEmpty { continue }
            let offered = f.choiceFilter == nil ? choices(for: f) : ev.choices(for: f, at: path, normalized: ev.normalize(a))
            let candidates = templateCandidates(f, today: ev.context.today, choices: offered)
            var chosen: Value?
            for c in candidates {
                var trial = a
                trial.setValue(c, at: path)
                if ev.issues(for: path, normalized: ev.normalize(trial)).isEmpty { chosen = c; break }
            }
            let v = chosen ?? current ?? candidates.first
            if v != current { a.setValue(v, at: path); changed = true }
        }
    }

    /// Plausible answers for a field, best first.
    func templateCandidates(_ f: Field, today: LocalDate, choices offered: [Choice]? = nil) -> [Value] {
        var out: [Value] = f.example.map { [$0] } ?? []
        switch f.type {
        case .text: out += ["example", "A", "ABC123", "1"].map(Value.text)
        case .integer, .decimal:
            let step = f.step ?? (f.type == .integer ? 1 : 0.1)
            let base = f.min ?? 0
            var start = f.min ?? 0
            if let hi = f.max, start > hi { start = hi }
            // Round onto the step grid counted from min (or 0).
            start = base + ((start - base) / step).rounded(.up) * step
            var values: [Double] = []
            for k in 0..<6 { values.append(start + Double(k) * step) }
            if let hi = f.max { values.append(hi) }
            for v in values where (f.max.map { v <= $0 } ?? true) {
                if f.type == .integer { if let i = Int(exactly: v.rounded()) { out.append(.integer(i)) } }
                else if v.isFinite { out.append(.decimal((v * 1e9).rounded() / 1e9)) }
            }
        case .date:
            out += [0, -1, -7, -30, -365, 1, 7].map { Value.date(today.adding(days: $0)) }
        case .yesNo: out += [.bool(false), .bool(true)]
        case .singleChoice: out += (offered ?? choices(for: f)).map { .choice($0.value) }
        case .multipleChoice: out += (offered ?? choices(for: f)).map { .choices([$0.value]) }
        case .note, .image, .repeatGroup: break
        }
        return out
    }
}
