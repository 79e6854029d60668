import ClearanceCore

extension FormSession {
    /// The choices the picker shows, with their 1-based number among those offered
    /// (``offeredChoices(at:)``).
    public func pickerChoices() -> [(number: Int, choice: Choice)] {
        guard let picker else { return [] }
        return offeredChoices(at: picker.path).enumerated()
            .filter { FormSession.matches($0.element.label.text(language), filter: picker.filter) }
            .map { (number: $0.offset + 1, choice: $0.element) }
    }

    mutating func openPicker(_ item: FormItem, _ field: Field, filter: String) {
        let current = answers.value(at: item.path)?.selections ?? []
        picker = Picker(path: item.path, filter: filter, highlighted: 0,
                        multiple: field.type == .multipleChoice, selections: current)
        if filter.isEmpty, let first = current.first,
           let i = pickerChoices().firstIndex(where: { $0.choice.value == first }) {
            picker?.highlighted = i
        }
        mode = .picking
    }

    /// Picker keys: Up/Down move, letters filter (accents and case ignored), a digit with an
    /// empty filter picks by number, Space toggles (multiple), Enter picks (single) or
    /// confirms (multiple), Esc closes without change.
    mutating func handlePicker(_ key: Key) {
        guard var p = picker else { mode = .editing; return }
        let shown = pickerChoices()
        switch key {
        case .up: p.highlighted = max(0, p.highlighted - 1)
        case .down: p.highlighted = min(max(0, shown.count - 1), p.highlighted + 1)
        case .home: p.highlighted = 0
        case .end: p.highlighted = max(0, shown.count - 1)
        case .escape:
            picker = nil; mode = .editing; return
        case .backspace:
            if !p.filter.isEmpty { p.filter.removeLast(); p.highlighted = 0 }
        case .char(" ") where p.multiple:
            if p.highlighted < shown.count { toggle(shown[p.highlighted].choice.value, in: &p) }
        case .char(let c) where c.isNumber && p.filter.isEmpty:
            let all = offeredChoices(at: p.path)
            if let n = Int(String(c)), n >= 1, n <= all.count {
                if p.multiple { toggle(all[n - 1].value, in: &p) }
                else { picker = nil; mode = .editing; setAnswer(.choice(all[n - 1].value), at: p.path); moveOnAfterPick(p.path); return }
            }
        case .char(let c):
            p.filter.append(c); p.highlighted = 0
        case .enter, .tab:
            if p.multiple {
                picker = nil; mode = .editing
                setAnswer(p.selections.isEmpty ? nil : .choices(p.selections), at: p.path)
                moveOnAfterPick(p.path)
            } else if p.highlighted < shown.count {
                picker = nil; mode = .editing
                setAnswer(.choice(shown[p.highlighted].choice.value), at: p.path)
                moveOnAfterPick(p.path)
            }
            return
        default: break
        }
        picker = p
    }

    /// After a choice is made in the picker the next field is focused, unless the answer
    /// breaks a rule (the problem is shown beside the field, as Tab would show it).
    private mutating func moveOnAfterPick(_ path: FieldPath) {
        let problems = evaluation.issues(for: path).map(\.message)
        if problems.isEmpty { moveFocus(by: 1) } else { shownErrors[path] = problems }
    }

    private func toggle(_ value: String, in p: inout Picker) {
        if let i = p.selections.firstIndex(of: value) { p.selections.remove(at: i) } else { p.selections.append(value) }
    }
}
