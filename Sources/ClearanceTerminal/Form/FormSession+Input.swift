import Foundation
import ClearanceCore

extension FormSession {
    // MARK: - Reading typed text

    /// Whether a field is answered by typing text (as opposed to y/n or choosing).
    static func isTyped(_ type: FieldType) -> Bool {
        switch type {
        case .text, .integer, .decimal, .date, .image: return true
        default: return false
        }
    }

    /// Reads typed text as an answer to `field`.
    /// - Returns: `.success(nil)` for empty text (no answer), the value, or a message that
    ///   says what to type instead.
    mutating func parse(_ text: String, for field: Field, at path: FieldPath) -> Result<Value?, InputProblem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .success(nil) }
        switch field.type {
        case .text:
            return .success(.text(t))
        case .integer:
            guard let i = Int(t) else {
                return .failure(InputProblem(self.t("input.integer", ["text": t])))
            }
            return .success(.integer(i))
        case .decimal:
            guard let d = Double(t.replacingOccurrences(of: ",", with: ".")), d.isFinite else {
                return .failure(InputProblem(self.t("input.decimal", ["text": t])))
            }
            return .success(.decimal(d))
        case .date:
            if t.lowercased() == "t" || t.lowercased() == "today" { return .success(.date(today)) }
            guard let d = LocalDate(t) else {
                return .failure(InputProblem(self.t("input.date", ["text": t])))
            }
            return .success(.date(d))
        case .image:
            do {
                let id = try attachImage(t)
                imageFiles[path] = t
                return .success(.image(id))
            } catch {
                return .failure(InputProblem(self.t("input.image", ["file": t, "error": "\(error)"])))
            }
        case .yesNo:
            switch t.lowercased() {
            case "y", "yes", "1", "o", "oui", "s", "sí", "si", self.t("word.yes").lowercased():
                return .success(.bool(true))
            case "n", "no", "2", "non", self.t("word.no").lowercased():
                return .success(.bool(false))
            default:
                return .failure(InputProblem(self.t("input.yesno", ["yes": self.t("word.yes"), "no": self.t("word.no")])))
            }
        case .singleChoice:
            let choices = offeredChoices(at: path)
            if let n = Int(t), n >= 1, n <= choices.count { return .success(.choice(choices[n - 1].value)) }
            if let c = choices.first(where: { $0.value == t }) { return .success(.choice(c.value)) }
            let matches = choices.filter { Self.matches($0.label.text(language), filter: t) }
            if matches.count == 1 { return .success(.choice(matches[0].value)) }
            return .failure(InputProblem(self.t("input.choice", ["count": "\(choices.count)"])))
        case .multipleChoice:
            let choices = offeredChoices(at: path)
            var picked: [String] = []
            for part in t.split(whereSeparator: { $0 == "," || $0 == " " }) {
                guard let n = Int(part), n >= 1, n <= choices.count else {
                    return .failure(InputProblem(self.t("input.choices", ["count": "\(choices.count)"])))
                }
                if !picked.contains(choices[n - 1].value) { picked.append(choices[n - 1].value) }
            }
            return .success(.choices(picked))
        case .note, .repeatGroup:
            return .success(nil)
        }
    }

    /// Whether a choice label matches a typed filter, ignoring case and accents.
    static func matches(_ label: String, filter: String) -> Bool {
        filter.isEmpty || fold(label).contains(fold(filter))
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    // MARK: - Showing answers

    /// The text to edit for an answer (what the buffer starts with).
    func editText(_ value: Value?, for field: Field) -> String {
        guard let value else { return "" }
        switch value {
        case .image: return imageFilePath(for: value) ?? value.display
        default: return value.display
        }
    }

    private func imageFilePath(for value: Value) -> String? {
        imageFiles.first { answers.value(at: $0.key) == value }?.value
    }

    /// An answer as shown to the user: translated yes/no and choice labels, unit after numbers.
    public func displayText(_ value: Value?, for field: Field) -> String {
        guard let value else { return "" }
        switch value {
        case .bool(let b): return t(b ? "word.yes" : "word.no")
        case .choice(let c): return choiceLabel(c, field)
        case .choices(let cs): return cs.map { choiceLabel($0, field) }.joined(separator: ", ")
        case .integer, .decimal:
            return field.unit.map { "\(numberText(value)) \($0)" } ?? numberText(value)
        case .image(let id): return imageFiles.first { answers.value(at: $0.key) == .image(id) }?.value ?? value.display
        default: return value.display
        }
    }

    private func numberText(_ v: Value) -> String {
        if case .decimal(let d) = v { return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        return v.display
    }

    private func choiceLabel(_ value: String, _ field: Field) -> String {
        form.choices(for: field).first { $0.value == value }?.label.text(language) ?? value
    }
}

/// What is wrong with typed text, said so the user knows what to type instead.
public struct InputProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
