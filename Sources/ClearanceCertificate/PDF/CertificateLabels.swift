import ClearanceForms

/// The certificate's printed labels, from the host's catalogues (`pdf.*` keys in
/// `Forms/messages/<language>.yaml`).
///
/// In English a label is the English text; in another language with a catalogue it is the
/// clinic's language and then English, `Nom / Surname`, so the English label still stands
/// right before its value and certificate verification (which looks for the English label
/// and the signed value, ``CertificateFacts/printed``) reads every language the same way.
/// Values (names, dates, the outcome, test names, "Done") are signed facts and print as signed.
///
/// ```swift
/// CertificateLabels(language: "fr")("surname")   // "Nom / Surname"
/// CertificateLabels.english("surname")           // "Surname"
/// ```
public struct CertificateLabels: Sendable {
    /// The clinic's language (`en`, `fr`, `es`; another prints English only).
    public let language: String

    public init(language: String) { self.language = language }

    /// Whether labels print in two languages.
    public var bilingual: Bool { language != "en" && HostText.languages.contains(language) }

    /// The English label of `key` (`pdf.<key>` in the catalogue).
    public static func english(_ key: String) -> String { HostText.text("pdf." + key, "en") }

    /// The label in the clinic's language alone (English when there is none).
    public func local(_ key: String) -> String { HostText.text("pdf." + key, bilingual ? language : "en") }

    /// The printed label: `local / English`, or English alone (also when the two differ only in
    /// spacing and punctuation, `Programme :` and `Programme:`).
    public func callAsFunction(_ key: String) -> String {
        let english = Self.english(key), local = local(key)
        func letters(_ s: String) -> String { String(s.lowercased().filter(\.isLetter)) }
        return letters(local) == letters(english) ? english : "\(local) / \(english)"
    }
}
