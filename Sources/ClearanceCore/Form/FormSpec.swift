import ClearanceCore
import Crypto
import Foundation

/// A form as loaded from its form file: fields, choice lists, version and the exact source.
///
/// An encounter records the form version and ``hash`` it was recorded with and is always shown
/// with that form, so the source text is kept and stored in the database.
public struct FormSpec: Hashable, Sendable {
    /// The module id this form belongs to.
    public var id: String
    /// The form's own version, bumped whenever the form file changes (`3`, `2026.1`).
    public var version: String
    public var title: LocalizedText
    /// Languages every label is translated into (`["en", "fr", "es"]`).
    public var languages: [String]
    public var fields: [Field]
    public var choiceLists: [String: [Choice]]
    /// The form file's text, byte for byte.
    public var source: String { didSet { hash = Self.digest(source) } }
    /// File name or path it was loaded from (for error messages).
    public var origin: String

    public init(id: String, version: String, title: LocalizedText, languages: [String] = ["en"],
                fields: [Field], choiceLists: [String: [Choice]] = [:], source: String = "", origin: String = "") {
        self.id = id; self.version = version; self.title = title; self.languages = languages
        self.fields = fields; self.choiceLists = choiceLists; self.source = source; self.origin = origin
        self.hash = Self.digest(source)
    }

    /// SHA-256 of ``source``, hex: identifies the exact form an encounter was recorded with.
    /// Worked out once when the source is set (every save records it).
    public private(set) var hash: String

    private static func digest(_ source: String) -> String {
        SHA256.hash(data: Data(source.utf8)).hexString
    }

    /// The field at a path (`specimens[2].smear` finds the `smear` sub-field), or nil.
    public func field(at path: FieldPath) -> Field? {
        var level = fields
        var found: Field?
        for c in path.components {
            guard let f = level.first(where: { $0.name == c.name }) else { return nil }
            found = f
            level = f.fields
        }
        return found
    }

    /// The field with this top-level name, or nil.
    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// Every field, depth first (repeat groups before their sub-fields).
    public var allFields: [Field] {
        func walk(_ fs: [Field]) -> [Field] { fs.flatMap { [$0] + walk($0.fields) } }
        return walk(fields)
    }

    /// Whether any field, at any depth, is restricted to some roles (`roles:` or `read_roles:`
    /// in the form file).
    public var hasRestrictedFields: Bool {
        func any(_ fs: [Field]) -> Bool { fs.contains { $0.roles != nil || $0.readRoles != nil || any($0.fields) } }
        return any(fields)
    }

    /// The choices of a select field (empty for other fields).
    public func choices(for field: Field) -> [Choice] {
        field.choiceList.flatMap { choiceLists[$0] } ?? []
    }
}
