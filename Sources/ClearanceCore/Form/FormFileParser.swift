import Yams

/// Reads one form file, collecting every problem instead of stopping at the first.
///
/// Phases: YAML structure (`form:`, `choices:`, `fields:`, `module:`), then expressions
/// (references, types, cycles; see `FormFileParser+Checks.swift`). Each problem carries the
/// file line and column of the YAML node it is about.
final class FormFileParser {
    let origin: String
    let yaml: String
    private(set) var problems: [FormProblem] = []

    /// The form's languages (`form.languages`), needed before any label is read.
    var languages: [String] = ["en"]
    var choiceLists: [String: [Choice]] = [:]
    /// Expressions waiting for the reference and type checks, in file order.
    var pending: [PendingExpression] = []
    /// Texts lacking each of the form's languages: how many, and where the first is.
    var missingTranslations: [String: (count: Int, line: Int, column: Int)] = [:]
    /// `example:` nodes, checked once the field's type and choices are known.
    var examples: [(path: [String], node: Node)] = []

    init(origin: String, yaml: String) { self.origin = origin; self.yaml = yaml }

    // MARK: - Problems

    func problem(_ node: Node?, _ message: String) {
        problem(line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message)
    }

    func problem(line: Int, column: Int, _ message: String) {
        let p = FormProblem(file: origin, line: line, column: column, message: message)
        if !problems.contains(p) { problems.append(p) }
    }

    // MARK: - Typed reads of YAML nodes

    /// The entries of a mapping; reports unknown keys (with a suggestion) and missing required keys.
    ///
    /// YAML merge keys are followed: `<<: *block` (or `<<: [*a, *b]`) adds the entries of the
    /// anchored mapping(s) that the mapping does not set itself, so a block of keys defined once
    /// (under `blocks:`) can be reused with a few keys changed.
    /// - Parameter others: keys outside `known` are returned instead of reported (choice attributes).
    func mapping(_ node: Node, _ what: String, known: [String], required: [String] = [], others: Bool = false) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let m) = node else {
            problem(node, "\(what) must be a mapping of keys (key: value); found \(kind(node))")
            return nil
        }
        var out: [String: (key: Node, value: Node)] = [:]
        for (k, v) in entriesWithMerges(m) {
            guard case .scalar(let s) = k else { problem(k, "keys of \(what) must be plain words"); continue }
            let key = s.string
            if out[key] != nil { continue }   // set by the mapping itself, or by an earlier merge
            if !known.contains(key) && !others {
                var msg = "unknown key '\(key)' in \(what)"
                if let s = FormNames.suggestion(for: key, among: known) { msg += "; did you mean '\(s)'?" }
                else { msg += "; known keys: \(known.joined(separator: ", "))" }
                problem(k, msg)
                continue
            }
            out[key] = (k, v)
        }
        for r in required where out[r] == nil {
            problem(node, "\(what) lacks required key '\(r)'; add \(r): ...")
        }
        return out
    }

    /// A mapping's own entries first, then those of its merge keys (`<<`) in order, recursively.
    /// A merge key whose value is not a mapping or a list of mappings is reported.
    private func entriesWithMerges(_ m: Node.Mapping, depth: Int = 0) -> [(Node, Node)] {
        var own: [(Node, Node)] = []
        var merged: [(Node, Node)] = []
        for (k, v) in m {
            guard case .scalar(let s) = k, s.string == "<<", s.style == .plain || s.style == .any else { own.append((k, v)); continue }
            let sources: [Node]
            switch v {
            case .mapping: sources = [v]
            case .sequence(let seq): sources = Array(seq)
            default: sources = []
            }
            if sources.isEmpty { problem(v, "'<<' merges a mapping: write <<: *block, with block: &block defined under blocks:") }
            for src in sources {
                guard case .mapping(let sm) = src, depth < 16 else {
                    problem(src, "'<<' merges a mapping: write <<: *block, with block: &block defined under blocks:"); continue
                }
                merged += entriesWithMerges(sm, depth: depth + 1)
            }
        }
        return own + merged
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty || s.string == "~" || s.string == "null" ? "nothing" : "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A non-empty scalar's text.
    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node, !s.string.isEmpty,
              !((s.string == "~" || s.string == "null") && (s.style == .plain || s.style == .any)) else {
            problem(node, "\(what) must be text; found \(kind(node))")
            return nil
        }
        return s.string
    }

    func number(_ node: Node, _ what: String) -> Double? {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any, let d = Double(s.string), d.isFinite else {
            problem(node, "\(what) must be a number; found \(kind(node))")
            return nil
        }
        return d
    }

    func integer(_ node: Node, _ what: String) -> Int? {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any, let i = Int(s.string) else {
            problem(node, "\(what) must be a whole number; found \(kind(node))")
            return nil
        }
        return i
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar(let s) = node else { problem(node, "\(what) must be true or false"); return nil }
        switch s.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: problem(node, "\(what) must be true or false; found '\(s.string)'"); return nil
        }
    }

    /// A list of scalars (a single scalar is not accepted: write `[a, b]`).
    func stringList(_ node: Node, _ what: String) -> [(String, Node)]? {
        guard case .sequence(let seq) = node else {
            problem(node, "\(what) must be a list, as in [a, b]; found \(kind(node))")
            return nil
        }
        var out: [(String, Node)] = []
        for item in seq { if let s = string(item, "an entry of \(what)") { out.append((s, item)) } }
        return out
    }

    /// A translated text: a plain string (English) or a map of languages.
    ///
    /// The form's base language (English, or the first of `form.languages` without English) is
    /// required; a text lacking another of the form's languages loads and is shown in the base
    /// language, and is counted for the one warning per language that lint prints.
    func text(_ node: Node, _ what: String) -> LocalizedText? {
        switch node {
        case .scalar:
            guard let s = string(node, what) else { return nil }
            if baseLanguage != "en" {
                problem(node, "\(what) is a plain text, which means English, but this form's languages (\(languages.joined(separator: ", "))) have no English: write {\(languages.map { "\($0): ..." }.joined(separator: ", "))}")
            }
            for lang in languages where lang != "en" { missingTranslation(lang, node) }
            return LocalizedText(["en": s])
        case .mapping(let m):
            var t: [String: String] = [:]
            for (k, v) in m {
                guard let lang = k.scalar?.string else { problem(k, "language codes in \(what) must be plain words"); continue }
                if !languages.contains(lang) {
                    problem(k, "\(what) has language '\(lang)', which is not in the form's languages (\(languages.joined(separator: ", "))); add it to form.languages or remove it")
                }
                if let s = string(v, "the '\(lang)' text of \(what)") { t[lang] = s }
            }
            if t[baseLanguage] == nil, m[baseLanguage] == nil {
                problem(node, "\(what) lacks \(baseLanguage), the language every text falls back to; add \(baseLanguage): ...")
            }
            for lang in languages where lang != baseLanguage && m[lang] == nil { missingTranslation(lang, node) }
            return LocalizedText(t)
        default:
            problem(node, "\(what) must be text or a map of languages like {en: ..., fr: ...}; found \(kind(node))")
            return nil
        }
    }

    /// The language every text must have: English, or the form's first language when it lists no English.
    var baseLanguage: String { languages.contains("en") ? "en" : (languages.first ?? "en") }

    /// Counts a text without a translation into `language`, remembering the first one's place.
    func missingTranslation(_ language: String, _ node: Node) {
        if var m = missingTranslations[language] {
            m.count += 1
            missingTranslations[language] = m
        } else {
            missingTranslations[language] = (1, node.mark?.line ?? 1, node.mark?.column ?? 1)
        }
    }

    /// One warning per language with texts that lack it, in the form's language order.
    var translationWarnings: [FormProblem] {
        languages.compactMap { lang in
            guard let m = missingTranslations[lang] else { return nil }
            return FormProblem(file: origin, line: m.line, column: m.column,
                message: "\(m.count) text\(m.count == 1 ? " has" : "s have") no '\(lang)' translation (the first is here); \(m.count == 1 ? "it is" : "they are") shown in \(baseLanguage == "en" ? "English" : baseLanguage) to users who chose \(lang)")
        }
    }

    // MARK: - Expressions

    /// Parses an expression node and queues it for the checks; reports syntax errors at their column.
    func expression(_ node: Node, _ role: PendingExpression.Role, owner: [String]?, scope: [String], what: String) -> Expression? {
        guard case .scalar(let s) = node, !s.string.isEmpty else {
            problem(node, "\(what) must be an expression written as text; found \(kind(node))")
            return nil
        }
        let line = node.mark?.line ?? 1
        var column = node.mark?.column ?? 1
        if s.style == .singleQuoted || s.style == .doubleQuoted { column += 1 }
        do {
            let tree = try ExpressionParser.parse(s.string)
            let e = Expression(source: s.string, root: tree.node, line: line, column: column)
            pending.append(PendingExpression(role: role, syntax: tree, expression: e, owner: owner, scope: scope,
                                             line: line, column: column, multiline: s.style == .literal || s.style == .folded))
            return e
        } catch let e as ExpressionError {
            report(e, line: line, column: column, multiline: s.style == .literal || s.style == .folded, what: what)
        } catch {
            problem(node, "\(what): \(error)")
        }
        return nil
    }

    /// Reports an expression error at its place in the file.
    func report(_ e: ExpressionError, line: Int, column: Int, multiline: Bool, what: String) {
        let col = multiline ? column : column + e.column - 1
        problem(line: line, column: col, "\(what): \(e.message)")
    }
}

/// An expression read from the file, waiting for reference and type checks.
struct PendingExpression {
    enum Role: String {
        case relevant, constraint, required, calculate, when
        case choiceFilter = "choice_filter", minCount = "min_count", maxCount = "max_count"
    }
    var role: Role
    var syntax: SyntaxNode
    var expression: Expression
    /// Definition path of the field it belongs to (nil for module rules).
    var owner: [String]?
    /// Definition path of the repeat group it sits in (empty at top level).
    var scope: [String]
    var line: Int
    var column: Int
    /// Block scalars (`|`, `>`) span lines: problems point at the expression's start.
    var multiline: Bool
}
