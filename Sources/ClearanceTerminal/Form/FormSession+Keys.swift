import ClearanceCore

extension FormSession {
    /// Applies one key.
    ///
    /// Editing: characters type into the focused field (yes/no: `y`/`n`; choices: their
    /// number, or letters to filter; dates: `t` for today); Tab, Enter or Down go forward,
    /// Shift-Tab or Up go back; Enter on a choice opens the picker; Ctrl-R opens the review
    /// page; Ctrl-L switches language; Ctrl-C or Ctrl-D asks before discarding.
    public mutating func handle(_ key: Key) {
        switch mode {
        case .finished: return
        case .confirmDiscard(let back):
            switch key {
            case .char("y"), .char("Y"), .char("o"), .char("s"): mode = .finished(.discarded)
            case .char("n"), .char("N"), .escape, .ctrl("c"), .enter: mode = back; message = nil
            default: break
            }
            return
        case .confirmRemove(let path):
            if key == .char("y") || key == .char("Y") {
                answers.setValue(nil, at: path)
                shownErrors = shownErrors.filter { !$0.key.description.hasPrefix(path.description + ".") }
                onCommit?(answers)
                message = nil
            }
            mode = .editing
            ensureFocus()
            return
        default: break
        }
        if key == .ctrl("c") || key == .ctrl("d") {
            mode = .confirmDiscard(returnTo: mode)
            message = t("form.discard")
            return
        }
        if key == .ctrl("l") { cycleLanguage(); return }
        if case .review = mode { handleReview(key); return }
        if case .picking = mode { handlePicker(key); return }
        if key == .ctrl("r") { commitBuffer(); openReview(); return }
        guard let item = focusedItem else { ensureFocus(); return }
        switch item.kind {
        case .field: handleField(key, item)
        case .addInstance, .removeInstance, .review: handleControl(key, item)
        case .groupHeader: moveFocus(by: 1)
        }
    }

    /// Applies keys in order.
    public mutating func handle(_ keys: [Key]) { for k in keys { handle(k) } }

    private mutating func cycleLanguage() {
        let langs = form.languages.isEmpty ? ["en"] : form.languages
        let i = langs.firstIndex(of: language) ?? -1
        language = langs[(i + 1) % langs.count]
    }

    private mutating func handleControl(_ key: Key, _ item: FormItem) {
        switch key {
        case .enter, .char(" "):
            switch item.kind {
            case .addInstance:
                let n = instanceCount(at: item.path)
                guard let last = item.path.components.last else { return }
                let parent = FieldPath(Array(item.path.components.dropLast()))
                let instance = parent.appending(last.name, index: n + 1)
                answers.setValue(.group((answers.value(at: item.path)?.instances ?? []) + [Answers()]), at: item.path)
                onCommit?(answers)
                if let first = items.first(where: { $0.isFocusable && $0.kind == .field
                    && $0.path.description.hasPrefix(instance.description + ".") }) {
                    enterFocus(first.id)
                }
            case .removeInstance:
                mode = .confirmRemove(item.path)
                message = t("form.remove", ["entry": "\(item.path)"])
            case .review:
                openReview()
            default: break
            }
        case .tab, .down: moveFocus(by: 1)
        case .backTab, .up: moveFocus(by: -1)
        case .pageDown: moveFocus(by: 10)
        case .pageUp: moveFocus(by: -10)
        default: break
        }
    }

    private mutating func handleField(_ key: Key, _ item: FormItem) {
        guard let field = item.field else { return }
        switch key {
        case .tab, .down, .pageDown:
            if key == .tab, field.type == .image, completePath() { return }   // PathCompletion.swift
            goForward(item, field, steps: key == .pageDown ? 10 : 1)
            return
        case .enter:
            if field.type == .singleChoice || field.type == .multipleChoice { openPicker(item, field, filter: "") }
            else { goForward(item, field, steps: 1) }
            return
        case .backTab, .up, .pageUp:
            commitBuffer()
            moveFocus(by: key == .pageUp ? -10 : -1)
            return
        default: break
        }
        switch field.type {
        case .yesNo:
            switch key {
            case .char(let c):
                if case .success(let v) = parse(String(c), for: field, at: item.path) { setAnswer(v, at: item.path) }
                else { message = t("form.answer_yn", ["yes": t("word.yes"), "no": t("word.no")]) }
            case .backspace, .delete: setAnswer(nil, at: item.path)
            default: break
            }
        case .singleChoice, .multipleChoice:
            switch key {
            case .char(let c) where c.isNumber:
                chooseByNumber(c, item, field)
            case .char(let c):
                openPicker(item, field, filter: String(c))
            case .backspace, .delete:
                buffer = ""
                setAnswer(nil, at: item.path)
            case .right: openPicker(item, field, filter: "")
            default: break
            }
        default:
            switch key {
            case .char(let c):
                if field.type == .date, buffer.isEmpty, c == "t" || c == "T" { buffer = today.description }
                else { buffer.append(c) }
            case .backspace: if !buffer.isEmpty { buffer.removeLast() }
            case .delete, .ctrl("u"): buffer = ""
            default: break
            }
        }
    }

    /// Digits select choices by number; with ten or more choices a second digit may follow.
    private mutating func chooseByNumber(_ c: Character, _ item: FormItem, _ field: Field) {
        let choices = offeredChoices(at: item.path)
        var typed = buffer + String(c)
        if let n = Int(typed), n > choices.count { typed = String(c) }
        guard let n = Int(typed), n >= 1, n <= choices.count else {
            buffer = ""; message = t("form.choice_number", ["count": "\(choices.count)"]); return
        }
        buffer = n * 10 <= choices.count ? typed : ""
        let value = choices[n - 1].value
        if field.type == .singleChoice {
            setAnswer(.choice(value), at: item.path)
        } else {
            var sel = answers.value(at: item.path)?.selections ?? []
            if let i = sel.firstIndex(of: value) { sel.remove(at: i) } else { sel.append(value) }
            setAnswer(sel.isEmpty ? nil : .choices(sel), at: item.path)
        }
    }

    // MARK: - Committing and moving

    /// Stores an answer typed or chosen for the field at `path` and writes the draft.
    /// Refused (no change) for a field the user's roles may not access.
    public mutating func setAnswer(_ value: Value?, at path: FieldPath) {
        guard let field = form.field(at: path), field.isInput, evaluation.isVisible(path) else { return }
        answers.setValue(value, at: path)
        rawInputs[path] = nil
        rejection.removeAll { $0.path == path }
        if shownErrors[path] != nil { shownErrors[path] = currentProblems(at: path) }
        message = nil
        onCommit?(answers)
    }

    /// Reads the buffer of the focused typed field into the answers.
    /// - Returns: the input problem, when the text is not a valid answer.
    @discardableResult
    mutating func commitBuffer() -> InputProblem? {
        guard let item = focusedItem, item.kind == .field, let field = item.field,
              FormSession.isTyped(field.type) else { return nil }
        let current = answers.value(at: item.path)
        if rawInputs[item.path] == nil, buffer == editText(current, for: field) { return nil }
        switch parse(buffer, for: field, at: item.path) {
        case .success(let v):
            setAnswer(v, at: item.path)
            return nil
        case .failure(let p):
            rawInputs[item.path] = buffer
            answers.setValue(nil, at: item.path)
            onCommit?(answers)
            return p
        }
    }

    /// Problems of the field at `path` as they stand: unreadable text first, then the rules'.
    func currentProblems(at path: FieldPath) -> [String] {
        if let raw = rawInputs[path], let field = form.field(at: path) {
            var copy = self
            if case .failure(let p) = copy.parse(raw, for: field, at: path) { return [p.message] }
        }
        return evaluation.issues(for: path).map(\.message)
    }

    private mutating func goForward(_ item: FormItem, _ field: Field, steps: Int) {
        let before = shownErrors[item.path] ?? []
        let problem = commitBuffer()
        let problems = problem.map { [$0.message] } ?? evaluation.issues(for: item.path).map(\.message)
        let alreadyShown = before == problems
        shownErrors[item.path] = problems.isEmpty ? nil : problems
        if !problems.isEmpty, !alreadyShown {
            message = t("form.fix_or_tab")
            return
        }
        moveFocus(by: steps)
    }

    /// Moves the focus over focusable items; past the end opens the review page.
    mutating func moveFocus(by steps: Int) {
        let list = items.filter(\.isFocusable)
        guard !list.isEmpty else { return }
        let current = list.firstIndex { $0.id == focus } ?? 0
        let target = current + steps
        if target >= list.count { openReview(); return }
        enterFocus(list[max(0, target)].id)
    }

    /// Focuses an item and loads its text into the buffer.
    mutating func enterFocus(_ id: FormItem.ItemID) {
        focus = id
        buffer = ""
        if id.kind == .field, let field = form.field(at: id.path), FormSession.isTyped(field.type) {
            buffer = rawInputs[id.path] ?? editText(answers.value(at: id.path), for: field)
        }
        if message == t("form.fix_or_tab") { message = nil }
    }

    /// Keeps the focus on a shown item after items changed (a field became non-relevant).
    mutating func ensureFocus() {
        let list = items
        if let focus, list.contains(where: { $0.id == focus }) { return }
        if let f = list.first(where: \.isFocusable) { enterFocus(f.id) }
    }
}
