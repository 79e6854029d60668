/// Whether a new version of a form may replace an old one without harming stored data, and
/// every difference that matters (`clearance modules diff OLD NEW`).
///
/// The rules (see `docs/FORMS.md`, "Changing a published form"):
/// - a published field never changes type (a `date` stays a `date`; `select_one` is not
///   `select_multiple`): *breaking*;
/// - a choice used by stored answers is never removed: *breaking* when ``usedChoices`` says it
///   is used, a *warning* when no data was given (it cannot be known here);
/// - a changed form (another hash) bumps `form.version`: *breaking* when the version is the same.
/// Other differences (fields added or removed, units, bounds, a field becoming calculated) are
/// warnings or notes: encounters keep the form version they were recorded with.
///
/// ```swift
/// let report = FormCompatibility(old: stored, new: installed, usedChoices: ["doses.site": ["left_arm"]])
/// if !report.isCompatible { report.changes.filter { $0.severity == .breaking }.forEach { print($0) } }
/// ```
public struct FormCompatibility: Sendable {
    public let old: FormSpec
    public let new: FormSpec
    /// Every difference that matters, breaking ones first, then by file line.
    public let changes: [FormChange]

    /// Whether `new` may replace `old`: no breaking change.
    public var isCompatible: Bool { !changes.contains { $0.severity == .breaking } }
    /// The same form text (same hash).
    public var isIdentical: Bool { old.hash == new.hash }

    /// The one-line verdict of `clearance modules diff`, naming the files:
    /// `identical`, `compatible: NEW may replace OLD` or `incompatible: N breaking changes; ...`.
    public func verdict(old oldName: String, new newName: String) -> String {
        let breaking = changes.filter { $0.severity == .breaking }.count
        if isIdentical { return "identical" }
        if isCompatible { return "compatible: \(newName) may replace \(oldName)" }
        return "incompatible: \(breaking) breaking change\(breaking == 1 ? "" : "s"); \(newName) must not replace \(oldName)"
    }

    /// Compares two versions of a form.
    /// - Parameters:
    ///   - usedChoices: for each select field, by definition path without row numbers
    ///     (`site`, `doses.site`), the choice values stored answers hold (see
    ///     ``usedChoices(in:)``). Nil when unknown: a removed choice is then a warning.
    ///   - oldModule, newModule: the module sections, when the files have them: a module
    ///     version that does not move while the form changes, and removed result codes, are warnings.
    public init(old: FormSpec, new: FormSpec, usedChoices: [String: Set<String>]? = nil,
                oldModule: DeclarativeModuleSpec? = nil, newModule: DeclarativeModuleSpec? = nil) {
        self.old = old; self.new = new
        var out = FormCompatibility.formChanges(old, new)
        if !(old.hash == new.hash) {
            out += FormCompatibility.fieldChanges(old, new, usedChoices: usedChoices)
            out += FormCompatibility.moduleChanges(oldModule, newModule, old: old, new: new)
        }
        self.changes = out.sorted { ($0.severity, $0.line, $0.message) < ($1.severity, $1.line, $1.message) }
    }

    /// The breaking changes of `form` against every published version of it (what the host
    /// refuses on load), each once.
    /// - Parameter published: the stored versions of the form (their sources, loaded).
    public static func breakingChanges(of form: FormSpec, against published: [FormSpec],
                                       usedChoices: [String: Set<String>]? = nil) -> [FormChange] {
        var out: [FormChange] = []
        for p in published where p.hash != form.hash {
            for c in FormCompatibility(old: p, new: form, usedChoices: usedChoices).changes
            where c.severity == .breaking && !out.contains(c) { out.append(c) }
        }
        return out
    }

    /// The choice values held by stored answers, by definition path (`doses[2].site` counts
    /// for `doses.site`): the `usedChoices` of ``init(old:new:usedChoices:oldModule:newModule:)``.
    /// - Parameter observations: stored leaf values with their paths (``Answers/flattened(prefix:)``).
    public static func usedChoices(in observations: [(FieldPath, Value)]) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for (path, value) in observations {
            let values = value.selections
            guard !values.isEmpty else { continue }
            out[definitionKey(path), default: []].formUnion(values)
        }
        return out
    }

    /// A path without row numbers, as keys of `usedChoices`: `doses[2].site` is `doses.site`.
    public static func definitionKey(_ path: FieldPath) -> String {
        path.components.map(\.name).joined(separator: ".")
    }

    // MARK: - The comparisons

    private static func formChanges(_ old: FormSpec, _ new: FormSpec) -> [FormChange] {
        var out: [FormChange] = []
        let line = versionLine(new)
        if old.id != new.id {
            out.append(FormChange(.breaking, field: nil, "the forms are of different modules ('\(old.id)' and '\(new.id)'); compare two versions of one form", file: new.origin, line: line))
        }
        if old.hash == new.hash {
            if old.version != new.version {
                out.append(FormChange(.note, field: nil, "the text is the same but form.version moves from '\(old.version)' to '\(new.version)'", file: new.origin, line: line))
            }
            return out
        }
        if old.version == new.version {
            out.append(FormChange(.breaking, field: nil,
                "the form changed but form.version is still '\(old.version)'; bump it (to '\(nextVersion(old.version))', say) so encounters recorded with either text can be told apart",
                file: new.origin, line: line))
        } else if let o = numericVersion(old.version), let n = numericVersion(new.version), n.lexicographicallyPrecedes(o) {
            out.append(FormChange(.warning, field: nil, "form.version goes back from '\(old.version)' to '\(new.version)'; a new version is normally higher", file: new.origin, line: line))
        }
        return out
    }

    private static func fieldChanges(_ old: FormSpec, _ new: FormSpec, usedChoices: [String: Set<String>]?) -> [FormChange] {
        var out: [FormChange] = []
        let newDefs = Dictionary(new.definitionPaths.map { ($0.path.joined(separator: "."), $0.field) }, uniquingKeysWith: { a, _ in a })
        let oldKeys = Set(old.definitionPaths.map { $0.path.joined(separator: ".") })
        for (path, was) in old.definitionPaths {
            let key = path.joined(separator: ".")
            guard let now = newDefs[key] else {
                out.append(FormChange(.note, field: key, "field '\(key)' is removed; encounters recorded with form version \(old.version) keep its answers and are shown and corrected with that version",
                                      file: old.origin, line: was.line))
                continue
            }
            if was.type != now.type {
                out.append(FormChange(.breaking, field: key,
                    "field '\(key)' changes type from \(was.type.rawValue) to \(now.type.rawValue); a published field never changes type: keep it and add a field with a new name",
                    file: new.origin, line: now.line))
                continue
            }
            if was.calculate == nil, now.calculate != nil, was.type != .note {
                out.append(FormChange(.warning, field: key, "field '\(key)' becomes calculated (\(now.calculate?.source ?? "")); answers typed before are kept as recorded",
                                      file: new.origin, line: now.line))
            }
            if (was.unit ?? "") != (now.unit ?? "") {
                out.append(FormChange(.warning, field: key, "the unit of field '\(key)' changes from \(was.unit ?? "none") to \(now.unit ?? "none"); stored numbers keep the unit they were recorded in",
                                      file: new.origin, line: now.line))
            }
            if (now.min.map { lo in was.min.map { $0 < lo } ?? true } ?? false) || (now.max.map { hi in was.max.map { $0 > hi } ?? true } ?? false) {
                out.append(FormChange(.note, field: key, "the bounds of field '\(key)' narrow; stored answers outside them stay as recorded",
                                      file: new.origin, line: now.line))
            }
            if was.type == .singleChoice || was.type == .multipleChoice {
                let kept = Set(new.choices(for: now).map(\.value))
                for c in old.choices(for: was) where !kept.contains(c.value) {
                    let line = c.line > 0 ? c.line : was.line
                    switch usedChoices.map({ $0[key]?.contains(c.value) ?? false }) {
                    case true?:
                        out.append(FormChange(.breaking, field: key,
                            "choice '\(c.value)' of field '\(key)' is removed but stored answers use it; keep it in the list (a choice_filter can stop offering it)",
                            file: old.origin, line: line))
                    case false?:
                        out.append(FormChange(.note, field: key, "choice '\(c.value)' of field '\(key)' is removed; no stored answer uses it", file: old.origin, line: line))
                    case nil:
                        out.append(FormChange(.warning, field: key,
                            "choice '\(c.value)' of field '\(key)' is removed; stored answers that use it would lose their meaning: keep it and stop offering it with a choice_filter (breaking with --used)",
                            file: old.origin, line: line))
                    }
                }
            }
        }
        for (path, f) in new.definitionPaths where !oldKeys.contains(path.joined(separator: ".")) {
            let key = path.joined(separator: ".")
            let required = f.required != .never
            out.append(FormChange(.note, field: key, "field '\(key)' is added\(required ? " (required: encounters recorded before have no answer to it)" : "")",
                                  file: new.origin, line: f.line))
        }
        return out
    }

    private static func moduleChanges(_ old: DeclarativeModuleSpec?, _ new: DeclarativeModuleSpec?, old of: FormSpec, new nf: FormSpec) -> [FormChange] {
        guard let old, let new else { return [] }
        var out: [FormChange] = []
        if new.manifest.version <= old.manifest.version {
            out.append(FormChange(.warning, field: nil,
                "module.version stays \(old.manifest.version) while the file changes; bump it (patch for wording, minor for new fields or codes, major for anything that changes results)",
                file: nf.origin, line: versionLine(nf, section: "module:")))
        }
        let codes = Set(new.manifest.resultCodes.map(\.code))
        for c in old.manifest.resultCodes where !codes.contains(c.code) {
            let line = of.source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("code: \(c.code)") }.map { $0 + 1 } ?? 1
            out.append(FormChange(.warning, field: nil, "result code \(c.code) is removed; stored encounters and rule packs that name it keep it", file: of.origin, line: line))
        }
        return out
    }

    /// The line of `form.version` (or `module.version`) in the form's source (1 when it cannot be found).
    static func versionLine(_ form: FormSpec, section: String = "form:") -> Int {
        let lines = form.source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(section) }) else { return 1 }
        return lines[start...].firstIndex { $0.contains("version:") }.map { $0 + 1 } ?? 1
    }

    /// `3` gives `4`, `2026.1` gives `2026.2`; anything else gets `.1` appended.
    static func nextVersion(_ v: String) -> String {
        guard let parts = numericVersion(v), let last = parts.last else { return v + ".1" }
        return (parts.dropLast().map(String.init) + [String(last + 1)]).joined(separator: ".")
    }

    private static func numericVersion(_ v: String) -> [Int]? {
        let parts = v.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        return parts.map { $0! }
    }
}

/// One difference between two versions of a form, printed `FILE:LINE: severity: message`.
public struct FormChange: Hashable, Sendable, CustomStringConvertible {
    /// How much a difference matters.
    public enum Severity: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The new form must not replace the old one.
        case breaking
        /// Allowed, but worth a look (a unit changes, a choice goes that stored answers may use).
        case warning
        /// For the record (a field added or removed).
        case note
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
        public var description: String {
            switch self { case .breaking: return "breaking"; case .warning: return "warning"; case .note: return "note" }
        }
    }

    public var severity: Severity
    /// The field's definition path (`doses.site`), or nil for the form or module itself.
    public var field: String?
    public var message: String
    /// The file the line is in: the new file, or the old one for what was removed.
    public var file: String
    public var line: Int

    public init(_ severity: Severity, field: String?, _ message: String, file: String, line: Int) {
        self.severity = severity; self.field = field; self.message = message; self.file = file; self.line = line
    }

    public var description: String { "\(file.isEmpty ? "form" : file):\(line): \(severity): \(message)" }
}
