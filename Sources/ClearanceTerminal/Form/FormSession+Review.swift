import ClearanceCore

extension FormSession {
    /// One row of the review page: a field with its answer and problems, or the save entry.
    public struct ReviewRow: Hashable, Sendable {
        /// The item to jump back to; nil for the save row and for problems not tied to a shown field.
        public var item: FormItem.ItemID?
        public var label: String
        public var answer: String
        public var required: Bool
        public var problems: [String]
        public var depth: Int
    }

    /// Every problem standing in the way of saving: unreadable text, the rules' issues on
    /// the normalized answers (``FormEvaluation/issues``), and what the save path rejected.
    /// Issues on fields the user's roles cannot see are left out (they are not the user's to fix).
    public var problems: [ValidationIssue] {
        var out: [ValidationIssue] = rawInputs.keys.sorted().compactMap { path in
            currentProblems(at: path).first.map { ValidationIssue(path: path, message: $0) }
        }
        for issue in evaluation.issues + rejection where !out.contains(issue) && evaluation.isVisible(issue.path) {
            out.append(issue)
        }
        return out
    }

    /// The review page: every shown field with its answer and problems, then "Save".
    public var reviewRows: [ReviewRow] {
        let all = problems
        var rows: [ReviewRow] = []
        var placed = Set<FieldPath>()
        for item in items {
            switch item.kind {
            case .field, .groupHeader:
                guard let f = item.field else { continue }
                let value = f.calculate != nil ? evaluation.value(at: item.path) : answers.value(at: item.path)
                var text = item.kind == .groupHeader ? "\(instanceCount(at: item.path))"
                    : (rawInputs[item.path].map { "\($0)" } ?? displayText(value, for: f))
                if f.type == .note { text = "" }
                let mine = all.filter { $0.path == item.path }.map(\.message)
                placed.insert(item.path)
                rows.append(ReviewRow(item: item.isFocusable ? item.id : nil, label: f.label.text(language),
                                      answer: text, required: evaluation.isRequired(item.path),
                                      problems: mine, depth: item.depth))
            default: continue
            }
        }
        let loose = all.filter { !placed.contains($0.path) }
        for issue in loose {
            rows.insert(ReviewRow(item: nil, label: issue.path.description, answer: "", required: false,
                                  problems: [issue.message], depth: 0), at: 0)
        }
        rows.append(ReviewRow(item: nil, label: t("word.save"), answer: "", required: false,
                              problems: [], depth: 0))
        return rows
    }

    mutating func openReview() {
        picker = nil
        let rows = reviewRows
        mode = .review(row: rows.firstIndex { !$0.problems.isEmpty } ?? rows.count - 1)
        let n = problems.count
        message = n == 0 ? t("form.check") : t("form.to_fix", ["count": "\(n)"])
    }

    /// Review keys: Up/Down select a row, Enter jumps back to the field (or saves on the
    /// save row), Esc or Shift-Tab returns to the form.
    mutating func handleReview(_ key: Key) {
        guard case .review(let row) = mode else { return }
        let rows = reviewRows
        switch key {
        case .up, .backTab: mode = .review(row: max(0, row - 1))
        case .down, .tab: mode = .review(row: min(rows.count - 1, row + 1))
        case .home, .pageUp: mode = .review(row: 0)
        case .end, .pageDown: mode = .review(row: rows.count - 1)
        case .escape:
            mode = .editing; message = nil; ensureFocus()
        case .enter, .ctrl("s"):
            let r = rows[min(row, rows.count - 1)]
            if key == .ctrl("s") || row == rows.count - 1 { save(); return }
            if let target = r.item {
                mode = .editing; message = nil; enterFocus(target)
            }
        default: break
        }
    }

    /// Saves when there is no problem; otherwise says how many remain.
    mutating func save() {
        // A refusal tied to no field (the save path's own error) does not stop another try:
        // the save path says it again if it still holds.
        rejection.removeAll { form.field(at: $0.path) == nil }
        let n = problems.count
        guard n == 0 else {
            message = t("form.cannot_save", ["count": "\(n)"])
            return
        }
        mode = .finished(.saved(evaluation.normalized))
    }

    /// Shows what the save path refused (the service's validation) on the review page, so
    /// the user can go back and fix it; the answers are kept.
    public mutating func showRejection(_ issues: [ValidationIssue]) {
        rejection = issues
        openReview()
    }
}
