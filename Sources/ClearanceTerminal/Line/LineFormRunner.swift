import Foundation
import ClearanceCore

/// The same form as the full-screen one, as numbered prompts on plain lines.
///
/// Used when stdin or stdout is not a terminal, `TERM=dumb`, or `--plain`. Each field is
/// asked as `3/17 Cough for 2 weeks or more? * [yes/no]` (`*` = required); choices are
/// listed numbered. At a prompt: Enter keeps the current answer (or leaves it empty),
/// `-` clears it, `?` prints the field's help, `<` goes back. Invalid input is asked again
/// with the reason. Skipped (non-relevant) fields are not asked. At the end a review lists
/// every answer and problem and asks for confirmation; a number jumps back to that answer.
/// End of input aborts with ``LineFormError`` (never "accepts defaults"); what was
/// answered is in the draft (``FormSession/onCommit``).
///
/// ```swift
/// let runner = LineFormRunner(session: session, input: StandardLineInput(), output: StandardLineOutput())
/// let submission = try runner.run()
/// ```
public final class LineFormRunner {
    public private(set) var session: FormSession
    let input: LineInput
    let output: LineOutput

    /// - Parameters:
    ///   - session: a session on the form (its rules, roles, draft hook and image attacher are used).
    ///   - input: where answers come from.
    ///   - output: where prompts go.
    public init(session: FormSession, input: LineInput, output: LineOutput) {
        self.session = session; self.input = input; self.output = output
    }

    /// Asks every relevant field, then the review, until saved. When the session carries a
    /// rejection from the save path, starts at the review so the user fixes what was refused.
    /// - Returns: the answers to save.
    /// - Throws: ``LineFormError`` at end of input or when the user declines to save.
    public func run() throws -> FormSubmission {
        output.write("\(session.form.title.text(session.language)) (v\(session.form.version)): * = required; Enter keeps, - clears, ? help, < back\n")
        var history: [FormItem.ItemID] = []
        // After the save path refused the answers (``FormSession/showRejection(_:)``), start at
        // the review, which lists what was refused; otherwise at the first field.
        var current = session.rejection.isEmpty ? session.items.first(where: \.isFocusable)?.id : session.items.last?.id
        var backToReview = false
        while let id = current {
            let list = session.items.filter(\.isFocusable)
            guard let idx = list.firstIndex(where: { $0.id == id }) else { current = list.first?.id; continue }
            let item = list[idx]
            printPassedReadOnly(before: item)
            let step: Step
            switch item.kind {
            case .field:
                let fields = list.filter { $0.kind == .field }
                step = try ask(item, number: (fields.firstIndex { $0.id == id } ?? 0) + 1, of: fields.count)
            case .addInstance: step = try askAdd(item)
            case .removeInstance: step = .next
            case .review:
                switch try review() {
                case .save: return session.submission ?? FormSubmission(answers: session.evaluation.normalized)
                case .jump(let target): history.append(id); current = target; backToReview = true; continue
                case .back: step = .back
                }
            case .groupHeader: step = .next
            }
            switch step {
            case .go(let target):
                history.append(id); current = target
            case .back:
                current = history.popLast() ?? id
                backToReview = false
            case .next:
                history.append(id)
                if backToReview { current = session.items.last?.id; backToReview = false; continue }
                let now = session.items.filter(\.isFocusable)
                let at = now.firstIndex(where: { $0.id == id }) ?? idx
                current = at + 1 < now.count ? now[at + 1].id : nil
            }
        }
        throw LineFormError.discarded
    }

    enum Step { case next, back, go(FormItem.ItemID) }
    enum ReviewStep { case save, jump(FormItem.ItemID), back }

    private var printedReadOnly: Set<FieldPath> = []

    /// Notes and calculated fields just before `item` are printed once as the user reaches them.
    private func printPassedReadOnly(before item: FormItem) {
        let all = session.items
        guard let i = all.firstIndex(where: { $0.id == item.id }) else { return }
        var j = i - 1
        var lines: [String] = []
        while j >= 0, !all[j].isFocusable {
            let it = all[j]
            if let f = it.field, !printedReadOnly.contains(it.path) {
                printedReadOnly.insert(it.path)
                if f.type == .note { lines.append("  \(f.label.text(session.language))") }
                else if f.calculate != nil {
                    lines.append("  \(f.label.text(session.language)) = \(session.displayText(session.evaluation.value(at: it.path), for: f)) (calculated)")
                } else if it.kind == .groupHeader { lines.append("  -- \(f.label.text(session.language)) --") }
            }
            j -= 1
        }
        for l in lines.reversed() { output.write(l.terminalSafe + "\n") }
    }

    private func readAnswer(at field: String?) throws -> String {
        guard let line = input.readLine() else {
            output.write("\n")
            throw LineFormError.endOfInput(at: field)
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    private func ask(_ item: FormItem, number: Int, of total: Int) throws -> Step {
        guard let f = item.field else { return .next }
        let lang = session.language
        while true {
            let required = session.evaluation.isRequired(item.path)
            var prompt = "\(number)/\(total) \(label(item, f))\(required ? " *" : "") [\(format(f, at: item.path))]"
            if let v = session.answers.value(at: item.path) { prompt += " (now: \(session.displayText(v, for: f)))" }
            if f.type == .singleChoice || f.type == .multipleChoice {
                for (i, c) in session.offeredChoices(at: item.path).enumerated() {
                    output.write("    \(i + 1)) \(c.label.text(lang).terminalSafe)\n")
                }
            }
            output.write(prompt.terminalSafe + ": ")
            let text = try readAnswer(at: item.path.description)
            switch text {
            case "<": return .back
            case "?":
                output.write("  \(f.hint?.text(lang) ?? "no help for this field"); \(format(f, at: item.path))".terminalSafe + "\n")
                continue
            case "-":
                session.setAnswer(nil, at: item.path)
            case "":
                break
            default:
                switch session.parse(text, for: f, at: item.path) {
                case .success(let v): session.setAnswer(v, at: item.path)
                case .failure(let p): output.write("  ! \(p.message)".terminalSafe + "\n"); continue
                }
            }
            let issues = session.evaluation.issues(for: item.path)
            if issues.isEmpty { return .next }
            for i in issues { output.write("  ! \(i.message)".terminalSafe + "\n") }
        }
    }

    private func askAdd(_ item: FormItem) throws -> Step {
        let n = session.instanceCount(at: item.path)
        let name = item.field?.label.text(session.language) ?? item.path.description
        while true {
            output.write("Add \(n == 0 ? "an" : "another") entry to \(name) (\(n) so far)? [yes/no]: ".terminalSafe)
            let text = try readAnswer(at: item.path.description)
            switch text.lowercased() {
            case "<": return .back
            case "y", "yes", "o", "oui", "s", "sí", "si":
                var instances = session.answers.value(at: item.path)?.instances ?? []
                instances.append(Answers())
                session.answers.setValue(.group(instances), at: item.path)
                session.onCommit?(session.answers)
                let prefix = item.path.description + "[\(n + 1)]."
                if let first = session.items.first(where: { $0.isFocusable && $0.path.description.hasPrefix(prefix) }) {
                    return .go(first.id)
                }
                return .next
            case "n", "no", "non", "":
                // Moving on past the control: the next item after it.
                return .next
            default:
                output.write("  ! answer y (yes) or n (no)\n")
            }
        }
    }

    private func review() throws -> ReviewStep {
        let rows = session.reviewRows.dropLast()
        output.write("Review:\n")
        var targets: [Int: FormItem.ItemID] = [:]
        var n = 0
        for r in rows {
            let indent = String(repeating: "  ", count: r.depth)
            var line: String
            if let id = r.item {
                n += 1; targets[n] = id
                line = "\(String(n).leftPadded(3)). \(indent)\(r.label)\(r.required ? " *" : ""): \(r.answer.isEmpty ? "—" : r.answer)"
            } else {
                line = "     \(indent)\(r.label)\(r.answer.isEmpty ? "" : ": \(r.answer)")"
            }
            output.write(line.terminalSafe + "\n")
            for p in r.problems { output.write("       ! \(p)".terminalSafe + "\n") }
        }
        let problems = session.problems.count
        while true {
            if problems == 0 { output.write("Save? [yes = save, number = change that answer, < = back]: ") }
            else { output.write("\(problems) problem\(problems == 1 ? "" : "s") to fix: [number = change that answer, < = back]: ") }
            let text = try readAnswer(at: "review")
            if text == "<" { return .back }
            if let k = Int(text), let id = targets[k] { return .jump(id) }
            if problems == 0, ["y", "yes", "o", "oui", "s", "sí", "si"].contains(text.lowercased()) {
                session.save()
                return .save
            }
            if problems == 0, ["n", "no", "non"].contains(text.lowercased()) { throw LineFormError.discarded }
            output.write("  ! type \(problems == 0 ? "yes, " : "")a number from 1 to \(n), or <\n")
        }
    }

    private func label(_ item: FormItem, _ f: Field) -> String {
        let prefix = item.path.components.dropLast().map { c in c.index.map { "\(c.name) \($0) · " } ?? "" }.joined()
        return prefix + f.label.text(session.language)
    }

    private func format(_ f: Field, at path: FieldPath) -> String {
        let unit = f.unit.map { " \($0)" } ?? ""
        let range: String
        if let lo = f.min, let hi = f.max { range = ", \(FormSession.trim(lo))-\(FormSession.trim(hi))" }
        else if let lo = f.min { range = ", >= \(FormSession.trim(lo))" } else if let hi = f.max { range = ", <= \(FormSession.trim(hi))" }
        else { range = "" }
        switch f.type {
        case .yesNo: return "yes/no"
        case .integer: return "whole number\(range)\(unit)"
        case .decimal: return "number\(range)\(unit)"
        case .date: return "YYYY-MM-DD, t = today"
        case .text: return "text"
        case .image: return "PNG file path"
        case .singleChoice: return "1-\(session.offeredChoices(at: path).count)"
        case .multipleChoice: return "numbers like 1,3"
        case .note, .repeatGroup: return ""
        }
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
