/// Text in several languages (`en`, `fr`, `es`, ...), falling back to English.
///
/// In a form file a label is either a plain string (English) or a map of language codes.
public struct LocalizedText: Hashable, Sendable, ExpressibleByStringLiteral {
    public var translations: [String: String]

    public init(_ translations: [String: String]) { self.translations = translations }
    public init(stringLiteral value: String) { self.translations = ["en": value] }

    /// The text in `language`, else English, else any language present, else "".
    public func text(_ language: String = "en") -> String {
        translations[language] ?? translations["en"] ?? translations.values.sorted().first ?? ""
    }

    /// The English text.
    public var en: String { text("en") }
}
