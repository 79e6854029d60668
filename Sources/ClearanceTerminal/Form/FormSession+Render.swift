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
        // The key legend wraps onto a second row when the language's words do not fit.
        let legendRows = legend.wrapped(toColumns: width).prefix(2)
        rows += legendRows.map { Row([Span($0, dim: true)]) }
        let bodyHeight = max(1, h - 3 - legendRows.count)
        var (body, focusRow, cursorColumn) = bodyRows(width: width)
        let start = min(max(0, focusRow - bodyHeight / 3), max(0, body.count - bodyHeight))
        body = Array(body.dropFirst(start).prefix(bodyHeight))
        rows += body
        rows += Array(repeating: Row(), count: bodyHeight - body.count)
        rows.append(Row([Span(helpLine, colour: .cyan)]))
        rows.append(Row([Span(message ?? "", bold: true, colour: .yellow)]))
        var frame = Frame(width: width, height: h, rows: rows)
        if let c = cursorColumn, focusRow - start >= 0, focusRow - start < bodyHeight, c < width {
            frame.cursor = (row: 1 + legendRows.count + focusRow - start, column: c)
        }
        return frame
    }

    private var legend: String {
        switch mode {
        case .review: return t("form.legend_review", ["required": t("word.required"), "problem": t("word.problem")])
        case .picking: return t("form.legend_picker")
        default: return t("form.legend", ["required": t("word.required"), "problem": t("word.problem")])
        }
    }

    /// The focused field's hint, or what its keys do.
    private var helpLine: String {
        if case .review = mode { return "" }
        guard let item = focusedItem else { return "" }
        switch item.kind {
        case .addInstance: return t("help.add")
        case .removeInstance: return t("help.remove")
        case .review: return t("help.review")
        default: break
        }
        guard let f = item.field else { return "" }
        var keys: String
        switch f.type {
        case .yesNo: keys = t("help.yesno", ["yes": t("word.yes"), "no": t("word.no")])
        case .singleChoice: keys = t("help.single")
        case .multipleChoice: keys = t("help.multiple")
        case .date: keys = t("help.date")
        case .image: keys = t("help.image")
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

    /// The label column's width: the longest label shown (in this language, with its
    /// indent) and a margin, at most 60% of the width and leaving 30 columns for the values;
    /// at least 16. Longer labels wrap onto the next rows.
    func labelColumns(_ width: Int) -> Int {
        var longest = 0
        for item in items where item.kind == .field {
            guard let f = item.field, f.type != .note else { continue }
            longest = max(longest, f.label.text(language).displayWidth + 2 * item.depth)
        }
        return max(16, min(longest + 2, width * 60 / 100, width - 30))
    }

    /// A label cut into lines of the label column (the first beside the value).
    static func labelLines(_ label: String, indent: String, columns: Int) -> [String] {
        let lines = label.wrapped(toColumns: max(4, columns - 1 - indent.count))
        return lines.map { indent + $0 }
    }

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
                rows.append(Row([Span("\(pointer)\(indent)  "), Span("[+ \(t("word.add")) \(item.field?.label.text(language) ?? "")]", reverse: focused)]))
            case .removeInstance:
                let n = item.path.components.last?.index ?? 0
                rows.append(Row([Span("\(pointer)\(indent)  "), Span("[- \(t("word.remove")) \(n)]", reverse: focused)]))
            case .review:
                rows.append(Row())
                if focused { focusRow = rows.count }
                rows.append(Row([Span("\(pointer) "), Span("[ \(t("word.review_save")) ]", bold: true, reverse: focused)]))
            case .field:
                guard let f = item.field else { continue }
                let required = evaluation.isRequired(item.path)
                let problems = shownErrors[item.path] ?? []
                let mark = problems.isEmpty ? (required ? "*" : " ") : "!"
                let labelText = "\(indent)\(f.label.text(language))"
                if f.type == .note {
                    for line in labelText.wrapped(toColumns: width - 2) { rows.append(Row([Span("  " + line, dim: true)])) }
                    continue
                }
                let labelRows = Self.labelLines(f.label.text(language), indent: indent, columns: labelCols)
                var spans = [Span("\(pointer)"), Span(mark, bold: !problems.isEmpty, colour: problems.isEmpty ? .none : .red),
                             Span(" " + labelRows[0].padded(toColumns: labelCols - 1) + " ", bold: focused)]
                let valueColumns = max(4, width - labelCols - 3)
                if f.calculate != nil {
                    spans.append(Span(displayText(evaluation.value(at: item.path), for: f), dim: true))
                    spans.append(Span(" (\(t("word.calculated")))", dim: true))
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
                for more in labelRows.dropFirst() { rows.append(Row([Span("   " + more, bold: focused)])) }
                for p in problems { rows += Self.problemRows(p, lead: "  \(indent)  ", width: width) }
            }
        }
        return (rows, focusRow, cursor)
    }

    /// A problem under its field: `! ` and the message, wrapped to the width (a message of
    /// several lines, like the service's list of issues, shows every line).
    static func problemRows(_ problem: String, lead: String, width: Int) -> [Row] {
        let lines = problem.wrapped(toColumns: max(10, width - lead.count - 2))
        return lines.enumerated().map { i, line in
            Row([Span(lead + (i == 0 ? "! " : "  ") + line.terminalSafe, bold: true, colour: .red)])
        }
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
                           Row([Span(" \(t("picker.filter")) "), Span(p.filter.isEmpty ? t("picker.type") : p.filter, dim: p.filter.isEmpty)])]
        let shown = pickerChoices()
        if shown.isEmpty { rows.append(Row([Span("   " + t("picker.none"), colour: .yellow)])) }
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
        var rows: [Row] = [Row([Span(" " + t("review.title"), bold: true)])]
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
            let labelRows = Self.labelLines(r.label, indent: indent, columns: labelCols)
            rows.append(Row([Span(on ? ">" : " "), Span(mark, colour: r.problems.isEmpty ? .none : .red),
                             Span(" " + labelRows[0].padded(toColumns: labelCols - 1) + " ", reverse: on),
                             Span(answer, reverse: on)]))
            for more in labelRows.dropFirst() { rows.append(Row([Span("   " + more)])) }
            for p in r.problems { rows += Self.problemRows(p, lead: "    \(indent)", width: width) }
        }
        return (rows, focusRow, nil)
    }
}
