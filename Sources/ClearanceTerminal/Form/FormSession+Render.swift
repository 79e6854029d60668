import ClearanceCore

extension FormSession {
    /// The screen for the session's state.
    ///
    /// Layout: title bar, legend, the form (scrolled so the focus is visible), the focused
    /// field's help line, and a status line. Problems are marked with `!` and text, required
    /// fields with `*`, so nothing depends on colour.
    /// - Parameters:
    ///   - width: columns (80 or more is the supported minimum; smaller still never overflows).
    ///   - height: rows.
    public func render(width: Int, height: Int) -> Frame {
        let h = max(height, 5)
        var rows: [Row] = []
        let title = " \(form.title.text(language)) · v\(form.version)   [\(language)]"
        rows.append(Row([Span(title.padded(toColumns: width), bold: true, reverse: true)]))
        rows.append(Row([Span(legend, dim: true)]))
        let bodyHeight = h - 4
        var (body, focusRow, cursorColumn) = bodyRows(width: width)
        let start = min(max(0, focusRow - bodyHeight / 3), max(0, body.count - bodyHeight))
        body = Array(body.dropFirst(start).prefix(bodyHeight))
        rows += body
        rows += Array(repeating: Row(), count: bodyHeight - body.count)
        rows.append(Row([Span(helpLine, colour: .cyan)]))
        rows.append(Row([Span(message ?? "", bold: true, colour: .yellow)]))
        var frame = Frame(width: width, height: h, rows: rows)
        if let c = cursorColumn, focusRow - start >= 0, focusRow - start < bodyHeight, c < width {
            frame.cursor = (row: 2 + focusRow - start, column: c)
        }
        return frame
    }

    private var legend: String {
        switch mode {
        case .review: return "* \(UIText.text("required", language))  ! \(UIText.text("problem", language))   ↑↓ select  Enter go to field / save  Esc back  Ctrl-C quit"
        case .picking: return "↑↓ move  type to filter  number picks  Space toggles  Enter choose  Esc cancel"
        default: return "* \(UIText.text("required", language))  ! \(UIText.text("problem", language))   Tab next  Shift-Tab back  Ctrl-R review  Ctrl-L language  Ctrl-C quit"
        }
    }

    /// The focused field's hint, or what its keys do.
    private var helpLine: String {
        if case .review = mode { return "" }
        guard let item = focusedItem else { return "" }
        switch item.kind {
        case .addInstance: return "Enter adds an entry"
        case .removeInstance: return "Enter removes this entry (asks first)"
        case .review: return "Enter shows every answer and problem before saving"
        default: break
        }
        guard let f = item.field else { return "" }
        var keys: String
        switch f.type {
        case .yesNo: keys = "y = \(UIText.text("yes", language)), n = \(UIText.text("no", language)), Backspace clears"
        case .singleChoice: keys = "number picks, Enter or letters open the list"
        case .multipleChoice: keys = "numbers toggle, Enter or letters open the list"
        case .date: keys = "YYYY-MM-DD, t = today"
        case .image: keys = "path of a PNG file"
        case .integer, .decimal:
            keys = [f.min.map { "min \(Self.trim($0))" }, f.max.map { "max \(Self.trim($0))" },
                    f.step.map { "step \(Self.trim($0))" }, f.unit].compactMap { $0 }.joined(separator: ", ")
        default: keys = ""
        }
        let hint = f.hint?.text(language) ?? ""
        return [hint, keys].filter { !$0.isEmpty }.joined(separator: "  ·  ")
    }

    static func trim(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }

    /// The body for the current mode, the row of the focus in it and the cursor column.
    private func bodyRows(width: Int) -> ([Row], Int, Int?) {
        switch mode {
        case .review(let selected): return reviewBody(selected: selected, width: width)
        case .picking: return pickerBody(width: width)
        case .confirmDiscard(let back):
            var copy = self; copy.mode = back
            return copy.bodyRows(width: width)
        default: return formBody(width: width)
        }
    }

    private func labelColumns(_ width: Int) -> Int { max(16, min(40, width * 45 / 100)) }

    private func formBody(width: Int) -> ([Row], Int, Int?) {
        var rows: [Row] = []
        var focusRow = 0
        var cursor: Int?
        let labelCols = labelColumns(width)
        for item in items {
            let focused = item.id == focus && mode != .picking
            let indent = String(repeating: "  ", count: item.depth)
            let pointer = focused ? ">" : " "
            if focused { focusRow = rows.count }
            switch item.kind {
            case .groupHeader:
                let f = item.field
                rows.append(Row([Span(" \(indent) \(f?.label.text(language) ?? "") (\(instanceCount(at: item.path)))", bold: true)]))
            case .addInstance:
                rows.append(Row([Span("\(pointer)\(indent)  "), Span("[+ \(UIText.text("Add", language)) \(item.field?.label.text(language) ?? "")]", reverse: focused)]))
            case .removeInstance:
                let n = item.path.components.last?.index ?? 0
                rows.append(Row([Span("\(pointer)\(indent)  "), Span("[- \(UIText.text("Remove", language)) \(n)]", reverse: focused)]))
            case .review:
                rows.append(Row())
                if focused { focusRow = rows.count }
                rows.append(Row([Span("\(pointer) "), Span("[ \(UIText.text("Review and save", language)) ]", bold: true, reverse: focused)]))
            case .field:
                guard let f = item.field else { continue }
                let required = evaluation.isRequired(item.path)
                let problems = shownErrors[item.path] ?? []
                let mark = problems.isEmpty ? (required ? "*" : " ") : "!"
                let labelText = "\(indent)\(f.label.text(language))"
                if f.type == .note {
                    rows.append(Row([Span("  \(labelText)", dim: true)])); continue
                }
                var spans = [Span("\(pointer)"), Span(mark, bold: !problems.isEmpty, colour: problems.isEmpty ? .none : .red),
                             Span(" " + labelText.padded(toColumns: labelCols - 1) + " ", bold: focused)]
                let valueColumns = max(4, width - labelCols - 3)
                if f.calculate != nil {
                    spans.append(Span(displayText(evaluation.value(at: item.path), for: f), dim: true))
                    spans.append(Span(" (\(UIText.text("calculated", language)))", dim: true))
                } else if focused, FormSession.isTyped(f.type) {
                    // Long input scrolls: the end being typed stays visible.
                    let shown = buffer.displayWidth >= valueColumns - 2
                        ? String(String(String(buffer.reversed()).truncated(toColumns: valueColumns - 3, ellipsis: "")).reversed())
                        : buffer
                    spans.append(Span("[" + shown, reverse: true))
                    cursor = 2 + labelCols + 1 + shown.displayWidth
                    spans.append(Span(" ]", reverse: true))
                    if let unit = f.unit { spans.append(Span(" \(unit)")) }
                } else {
                    let text = rawInputs[item.path] ?? displayText(answers.value(at: item.path), for: f)
                    let shown = text.isEmpty ? (focused ? choiceHint(f, at: item.path) : "·") : text
                    spans.append(Span(shown, reverse: focused, dim: text.isEmpty && !focused))
                }
                rows.append(Row(spans))
                for p in problems {
                    rows.append(Row([Span("  \(indent)  ! \(p)", bold: true, colour: .red)]))
                }
            }
        }
        return (rows, focusRow, cursor)
    }

    private func choiceHint(_ f: Field, at path: FieldPath) -> String {
        switch f.type {
        case .yesNo: return "y / n"
        case .singleChoice, .multipleChoice: return "1-\(offeredChoices(at: path).count) or Enter"
        default: return "…"
        }
    }

    private func pickerBody(width: Int) -> ([Row], Int, Int?) {
        guard let p = picker, let f = form.field(at: p.path) else { return ([], 0, nil) }
        var rows: [Row] = [Row([Span(" \(f.label.text(language))", bold: true)]),
                           Row([Span(" Filter: "), Span(p.filter.isEmpty ? "(type letters)" : p.filter, dim: p.filter.isEmpty)])]
        let shown = pickerChoices()
        if shown.isEmpty { rows.append(Row([Span("   no choice matches; Backspace to widen", colour: .yellow)])) }
        var focusRow = 2
        for (i, entry) in shown.enumerated() {
            let selected = p.multiple ? (p.selections.contains(entry.choice.value) ? "[x] " : "[ ] ") : ""
            if i == p.highlighted { focusRow = rows.count }
            rows.append(Row([Span(i == p.highlighted ? " > " : "   "),
                             Span("\(entry.number)) \(selected)\(entry.choice.label.text(language))", reverse: i == p.highlighted)]))
        }
        return (rows, focusRow, nil)
    }

    private func reviewBody(selected: Int, width: Int) -> ([Row], Int, Int?) {
        var rows: [Row] = [Row([Span(" Review: every answer and problem", bold: true)])]
        var focusRow = 0
        let labelCols = labelColumns(width)
        let all = reviewRows
        for (i, r) in all.enumerated() {
            let on = i == selected
            if on { focusRow = rows.count }
            if i == all.count - 1 {
                rows.append(Row()); if on { focusRow = rows.count }
                rows.append(Row([Span(on ? "> " : "  "), Span("[ \(r.label) ]", bold: true, reverse: on)]))
                continue
            }
            let mark = r.problems.isEmpty ? (r.required ? "*" : " ") : "!"
            let indent = String(repeating: "  ", count: r.depth)
            let answer = r.answer.isEmpty ? (r.item == nil ? "" : "—") : r.answer
            rows.append(Row([Span(on ? ">" : " "), Span(mark, colour: r.problems.isEmpty ? .none : .red),
                             Span(" " + (indent + r.label).padded(toColumns: labelCols - 1) + " ", reverse: on),
                             Span(answer, reverse: on)]))
            for p in r.problems {
                rows.append(Row([Span("    \(indent)! \(p)", bold: true, colour: .red)]))
            }
        }
        return (rows, focusRow, nil)
    }
}
