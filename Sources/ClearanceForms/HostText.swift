import ClearanceForms
import Foundation

/// The host's own words (not a form's) in English, French and Spanish: one catalogue per
/// language, `Forms/messages/<language>.yaml`, embedded in the binary like the forms.
///
/// A catalogue line is `key: "text"` (the text a JSON string, `{name}` filled in from the
/// arguments); `#` starts a comment. A key missing from a language falls back to English, and
/// a test checks that every key exists in every language.
///
/// ```swift
/// HostText.text("worklist.title", "fr", ["count": "3"])   // "Liste de travail (3 ouverts)"
/// ```
public enum HostText {
    /// The languages with a catalogue.
    public static let languages = ["en", "fr", "es"]

    /// Every catalogue by language: key to text.
    public static let catalogues: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        for l in languages { out[l] = (try? parse(embeddedForms["messages/\(l).yaml"] ?? "")) ?? [:] }
        return out
    }()

    /// A catalogue line that is not `key: "text"`.
    public struct CatalogueError: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "line \(line): '\(text)' is not key: \"text\"" }
    }

    /// Reads a catalogue's text.
    /// - Throws: ``CatalogueError`` naming the first line that cannot be read.
    public static func parse(_ text: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else { throw CatalogueError(line: i + 1, text: line) }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, let data = value.data(using: .utf8),
                  let s = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? String else {
                throw CatalogueError(line: i + 1, text: line)
            }
            out[key] = s
        }
        return out
    }

    /// The text of `key` in `language` (English when the language lacks it; the key itself
    /// when no catalogue has it), with `{name}` replaced by `arguments[name]`.
    public static func text(_ key: String, _ language: String, _ arguments: [String: String] = [:]) -> String {
        var t = catalogues[language]?[key] ?? catalogues["en"]?[key] ?? key
        for (name, value) in arguments { t = t.replacingOccurrences(of: "{\(name)}", with: value) }
        return t
    }

    /// The language to speak: `option` (`--lang`) when given, else the locale's
    /// (`LC_ALL`, `LC_MESSAGES`, then `LANG`, like `fr_FR.UTF-8`), else English; a language
    /// without a catalogue is English.
    public static func language(option: String?, environment: [String: String]) -> String {
        if let o = option, !o.isEmpty { return code(o) ?? "en" }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[name], !v.isEmpty { return code(v) ?? "en" }
        }
        return "en"
    }

    /// `fr_FR.UTF-8` → `fr`; nil when there is no catalogue for it (`C`, `POSIX`, `de`).
    static func code(_ locale: String) -> String? {
        let c = String(locale.lowercased().prefix { $0.isLetter })
        return languages.contains(c) ? c : nil
    }
}
