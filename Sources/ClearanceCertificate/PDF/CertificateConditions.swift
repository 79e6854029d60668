import Foundation

/// How much conditions text a certificate prints: the one limit `case decide` checks when the
/// text is typed and ``CertificateDocument/validate()`` checks again when it is printed.
///
/// Conditions are written one a line; each line is printed as a bullet, wrapped to the page's
/// width. The limits keep them within the room the page has beside a usual list of tests; a
/// very long list of tests can still leave too little, which issuing reports.
///
/// ```swift
/// CertificateConditions.problem("Review at destination within 30 days")   // nil: printable
/// CertificateConditions.problem(String(repeating: "x", count: 301))       // "it has 301 characters; ..."
/// ```
public enum CertificateConditions {
    /// Most characters of all conditions together (line breaks not counted).
    public static let maximumCharacters = 300
    /// Most conditions (lines) a certificate prints.
    public static let maximumLines = 4

    /// The conditions of `text`: its non-empty lines, as the certificate prints them.
    public static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Why `text` cannot be printed as a certificate's conditions, or nil when it can.
    ///
    /// - Parameter text: The conditions as typed, one a line.
    /// - Returns: A message naming the line and the limit: too many lines, a line too long or
    ///   blank, control characters, or a screening result code or HIV mention.
    public static func problem(_ text: String) -> String? {
        let lines = lines(text)
        if lines.count > maximumLines {
            return "\(lines.count) lines; a certificate prints at most \(maximumLines) conditions, one a line: join or shorten them"
        }
        let total = lines.reduce(0) { $0 + $1.count }
        if total > maximumCharacters {
            let which = lines.count == 1 ? "it has" : "the \(lines.count) lines have"
            return "\(which) \(total) characters; a certificate prints at most \(maximumCharacters) characters of conditions (in at most \(maximumLines) lines): shorten them"
        }
        for (index, line) in lines.enumerated() {
            let which = lines.count == 1 ? "it" : "line \(index + 1)"
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                return "\(which) is blank; remove it"
            }
            if line.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return "\(which) contains control characters (tab, ...); remove them"
            }
            let upper = line.uppercased()
            for token in ForbiddenContent.tokens where upper.contains(token) {
                return "\(which) contains '\(token)', which looks like a screening result; a certificate never shows diagnoses or HIV status"
            }
        }
        return nil
    }
}
