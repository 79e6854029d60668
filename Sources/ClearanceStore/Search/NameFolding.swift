import ClearanceCore
import Foundation

/// Folds names for search: lowercase, without diacritics, split into words.
///
/// `Müller` and `MULLER` both fold to `muller`; `Zoë` to `zoe`; `Ørsted` to `orsted`;
/// Cyrillic and Arabic stay in their own script (`Йылдыз`... `иылдыз`, Arabic without
/// harakat or hamza marks), so a name is found by a prefix typed in its own script.
///
/// ```swift
/// NameFolding.keys("Müller-Lüdenscheid")   // ["muller", "ludenscheid", "mullerludenscheid"]
/// ```
public enum NameFolding {
    /// Letters that do not decompose into a base letter plus a mark.
    static let special: [Character: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
        "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t",
    ]

    /// `text` lowercased, diacritics and combining marks removed, special letters spelled out.
    ///
    /// - Parameter text: A name or a query.
    /// - Returns: The folded text; word separators are kept.
    public static func fold(_ text: String) -> String {
        var spelled = ""
        for ch in text {
            if let s = special[ch] { spelled += s } else { spelled.append(ch) }
        }
        let decomposed = spelled.decomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue
            default:
                out.append(scalar)
            }
        }
        return String(out).lowercased()
    }

    /// The folded words of `text` (letters and digits; anything else separates words).
    public static func words(_ text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The search keys stored for a name: each folded word, and for a name of several words
    /// joined by hyphens or apostrophes also the words run together (`obrien` for `O'Brien`).
    public static func keys(_ name: String) -> [String] {
        var keys: [String] = []
        for part in fold(name).split(whereSeparator: \.isWhitespace) {
            let pieces = part.split { !($0.isLetter || $0.isNumber) }.map(String.init)
            keys += pieces
            if pieces.count > 1 { keys.append(pieces.joined()) }
        }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }

    /// The keys stored for a name: ``keys(_:)`` of the name as written and, for a name in
    /// another script, of its Latin transliteration (`Иванова` gives `иванова` and `ivanova`).
    public static func searchKeys(_ name: String) -> [String] {
        var all = keys(name)
        if let latin = LatinTransliteration.latinIfNeeded(name) {
            for k in keys(latin) where !all.contains(k) { all.append(k) }
        }
        return all
    }
}
