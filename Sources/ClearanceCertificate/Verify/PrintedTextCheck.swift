import Foundation

/// A signed fact that the page does not show as signed.
public struct PrintedDifference: Hashable, Sendable, CustomStringConvertible {
    /// The fact ("surname", "valid until", "photo").
    public var field: String
    /// The signed value.
    public var signed: String
    /// What the page shows in its place, when it could be read ("" when nothing).
    public var printed: String?

    public var description: String {
        if let printed { return "\(field): signed '\(signed)', the page shows '\(printed)'" }
        return "\(field): signed '\(signed)', not found on the page"
    }
}

/// Compares the signed facts with the text read back from the page.
///
/// Both sides are normalised the same way before comparing: compatibility forms folded (NFKC,
/// so Arabic presentation forms read as their letters), bullets and directional marks dropped, every run of white
/// space one space. Each fact must appear as its label followed by its value (or the value
/// alone when it has no label). A value the page shortened with "…" to fit matches when the
/// printed part is the start of the signed value. Right-to-left text is also tried in reverse
/// character order, as some readers give it in visual order.
///
/// ```swift
/// let differences = PrintedTextCheck.differences(facts, pageText: try PDFPageReader.poppler.text(pdf))
/// ```
public enum PrintedTextCheck {
    /// The facts the page text does not show as signed; empty when every one is there.
    public static func differences(_ facts: CertificateFacts, pageText: String) -> [PrintedDifference] {
        let page = normalise(pageText)
        let lines = pageText.split(whereSeparator: \.isNewline).map(String.init)
        var found: [PrintedDifference] = []
        for fact in facts.printed where !shows(page, label: fact.label, value: fact.value, after: fact.after) {
            found.append(PrintedDifference(field: fact.field, signed: fact.value,
                                           printed: fact.label.isEmpty ? nil : printed(after: fact.label, in: lines)))
        }
        return found
    }

    /// Whether `page` holds `label`, then `value` (exactly, shortened with an ellipsis, or with
    /// right-to-left runs reversed), then `after`.
    static func shows(_ page: String, label: String, value: String, after: String = "") -> Bool {
        let head = label.isEmpty ? "" : normalise(label) + " "
        let tail = after.isEmpty ? "" : " " + normalise(after)
        var candidates = [normalise(value)]
        if value.unicodeScalars.contains(where: isRightToLeft) { candidates.append(normalise(String(value.reversed()))) }
        for candidate in candidates {
            if page.contains(head + candidate + tail) { return true }
            // Shortened to fit: the start of the value and an ellipsis (three full stops after NFKC).
            var count = candidate.count - 1
            while count >= min(candidate.count, 3) {
                let shown = String(candidate.prefix(count)).trimmingCharacters(in: .whitespaces)
                if page.contains(head + shown + "..." + tail) { return true }
                count -= 1
            }
        }
        return false
    }

    /// The text after `label` on the first line holding it, up to a wide gap.
    static func printed(after label: String, in lines: [String]) -> String? {
        for line in lines {
            let folded = line.precomposedStringWithCompatibilityMapping
            guard let range = folded.range(of: label + " ") else { continue }
            let rest = folded[range.upperBound...].drop(while: { $0 == " " })
            let shown = rest.range(of: "   ").map { rest[..<$0.lowerBound] } ?? rest
            return normalise(String(shown))
        }
        return nil
    }

    /// Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: return true
        default: return false
        }
    }

    /// Directional marks and embeddings a reader may add around right-to-left text.
    static let bidiControls = Set("\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}".unicodeScalars)

    /// NFKC, bullets and directional marks removed, white space runs as one space, trimmed.
    static func normalise(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { !bidiControls.contains($0) })
        let folded = String(scalars).replacingOccurrences(of: "•", with: " ")
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
