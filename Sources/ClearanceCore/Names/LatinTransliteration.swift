import Foundation

/// Names in Latin letters, the way ICAO Doc 9303 (Part 3, section 6) writes them on travel
/// documents: the one owner of transliteration in Clearance.
///
/// Cyrillic, Greek and Arabic letters are spelled out letter by letter from the Doc 9303 tables
/// (`Ж` → `ZH`, `Щ` → `SHCH`, `Я` → `IA`, `Θ` → `TH`, `ش` → `SH`). Arabic uses the table's
/// letter values without the `X` marker the machine-readable zone adds to keep its spelling
/// reversible (`خ` is `KH`, not `XKH`): this text is for people reading and searching, not for an
/// MRZ. Arabic vowel marks (harakat), tatweel and the soft sign `Ь` are dropped. Latin letters,
/// digits and punctuation are kept as they are (diacritics too: `Müller` stays `Müller`); letters
/// of any other script go through ICU's `Any-Latin` as a fallback. Output is in capitals, as on
/// the document's data page.
///
/// ```swift
/// LatinTransliteration.latin("ИВАНОВА Мария")    // "IVANOVA MARIIA"
/// LatinTransliteration.latin("الحسن")            // "ALHSN"
/// LatinTransliteration.latinIfNeeded("Santos")   // nil: already Latin
/// ```
public enum LatinTransliteration {
    /// `text` in Latin letters (capitals), script by script as described above.
    ///
    /// - Parameter text: A name (any script, any case).
    /// - Returns: The transliterated name; text already in Latin letters comes back in capitals.
    public static func latin(_ text: String) -> String {
        var out = ""
        var other = ""
        func flushOther() {
            guard !other.isEmpty else { return }
            out += other.applyingTransform(StringTransform("Any-Latin"), reverse: false) ?? other
            other = ""
        }
        for scalar in greekDigraphs(text).unicodeScalars {
            if let mapped = table[scalar.value] {
                flushOther()
                out += mapped
            } else if dropped.contains(scalar.value) {
                continue
            } else if needsFallback(scalar) {
                other.unicodeScalars.append(scalar)
            } else {
                flushOther()
                out.unicodeScalars.append(scalar)
            }
        }
        flushOther()
        return out.uppercased()
    }

    /// The Latin form of `text` when it has letters outside the Latin script, else nil (a name
    /// already in Latin letters needs no second spelling beside it).
    public static func latinIfNeeded(_ text: String) -> String? {
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic && !isLatin($0) }) else { return nil }
        return latin(text)
    }

    // MARK: - Tables

    /// Greek `ΟΥ` is written `OU`, as Greek passports do (ELOT 743, which Doc 9303's Greek
    /// table follows): `Παπαδόπουλος` is `PAPADOPOULOS`, not `PAPADOPOYLOS`.
    static func greekDigraphs(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0x03C5 || $0.value == 0x03A5 || $0.value == 0x03CD || $0.value == 0x038E }) else { return text }
        var out = text
        for o in ["ο", "Ο", "ό", "Ό"] {
            for u in ["υ", "Υ", "ύ", "Ύ"] { out = out.replacingOccurrences(of: o + u, with: "OU") }
        }
        return out
    }

    /// Whether `scalar` is a Latin letter (Basic Latin to Latin Extended Additional, with
    /// combining marks), which is kept as written.
    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x0250 || (0x1E00...0x1EFF).contains(v) || (0x0300...0x036F).contains(v)
            || (0x2C60...0x2C7F).contains(v) || (0xA720...0xA7FF).contains(v) || (0xFF00...0xFF5E).contains(v)
    }

    static func needsFallback(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic && !isLatin(scalar)
    }

    /// Arabic marks and the Cyrillic soft sign: written in no Latin letter.
    static let dropped: Set<UInt32> = {
        var s = Set<UInt32>(0x064B...0x065F)   // harakat, shadda, sukun
        s.formUnion([0x0670, 0x0640, 0x042C, 0x044C])   // superscript alef, tatweel, Ь ь
        return s
    }()

    /// Scalar value to its Latin spelling (capitals; lowercase letters share the capitals' entry).
    static let table: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        func add(_ pairs: [(String, String)], lower: Bool = true) {
            for (letter, latin) in pairs {
                for s in letter.unicodeScalars { t[s.value] = latin }
                if lower { for s in letter.lowercased().unicodeScalars where t[s.value] == nil { t[s.value] = latin } }
            }
        }
        // Cyrillic (Doc 9303 Part 3, table for Cyrillic: Russian, Ukrainian, Belarusian,
        // Serbian, Macedonian, Bulgarian letters).
        add([("А", "A"), ("Б", "B"), ("В", "V"), ("Г", "G"), ("Ґ", "G"), ("Д", "D"), ("Ђ", "D"), ("Ѓ", "G"),
             ("Е", "E"), ("Ё", "E"), ("Є", "IE"), ("Ж", "ZH"), ("З", "Z"), ("Ѕ", "DZ"), ("И", "I"), ("І", "I"),
             ("Ї", "I"), ("Й", "I"), ("Ј", "J"), ("К", "K"), ("Л", "L"), ("Љ", "LJ"), ("М", "M"), ("Н", "N"),
             ("Њ", "NJ"), ("О", "O"), ("П", "P"), ("Р", "R"), ("С", "S"), ("Т", "T"), ("Ћ", "C"), ("Ќ", "K"),
             ("У", "U"), ("Ў", "U"), ("Ф", "F"), ("Х", "KH"), ("Ц", "TS"), ("Ч", "CH"), ("Џ", "DZ"), ("Ш", "SH"),
             ("Щ", "SHCH"), ("Ъ", "IE"), ("Ы", "Y"), ("Э", "E"), ("Ю", "IU"), ("Я", "IA")])
        // Greek (Doc 9303 Part 3, table for Greek), accented vowels as their base letter.
        add([("Α", "A"), ("Ά", "A"), ("Β", "V"), ("Γ", "G"), ("Δ", "D"), ("Ε", "E"), ("Έ", "E"), ("Ζ", "Z"),
             ("Η", "I"), ("Ή", "I"), ("Θ", "TH"), ("Ι", "I"), ("Ί", "I"), ("Ϊ", "I"), ("Κ", "K"), ("Λ", "L"),
             ("Μ", "M"), ("Ν", "N"), ("Ξ", "X"), ("Ο", "O"), ("Ό", "O"), ("Π", "P"), ("Ρ", "R"), ("Σ", "S"),
             ("Τ", "T"), ("Υ", "Y"), ("Ύ", "Y"), ("Ϋ", "Y"), ("Φ", "F"), ("Χ", "CH"), ("Ψ", "PS"), ("Ω", "O"),
             ("Ώ", "O")])
        add([("ς", "S"), ("ΐ", "I"), ("ΰ", "Y")], lower: false)
        // Arabic (Doc 9303 Part 3, table for Arabic, without the MRZ's X marker), with the
        // Persian and Urdu letters of the same table.
        add([("ء", ""), ("آ", "AA"), ("أ", "A"), ("ؤ", "U"), ("إ", "I"), ("ئ", "I"), ("ا", "A"), ("ب", "B"),
             ("ة", "H"), ("ت", "T"), ("ث", "TH"), ("ج", "J"), ("ح", "H"), ("خ", "KH"), ("د", "D"), ("ذ", "DH"),
             ("ر", "R"), ("ز", "Z"), ("س", "S"), ("ش", "SH"), ("ص", "S"), ("ض", "D"), ("ط", "T"), ("ظ", "Z"),
             ("ع", "E"), ("غ", "GH"), ("ف", "F"), ("ق", "Q"), ("ك", "K"), ("ل", "L"), ("م", "M"), ("ن", "N"),
             ("ه", "H"), ("و", "W"), ("ى", "Y"), ("ي", "Y"), ("پ", "P"), ("چ", "CH"), ("ژ", "ZH"), ("ڤ", "V"),
             ("گ", "G"), ("ک", "K"), ("ی", "Y"), ("ٱ", "A")], lower: false)
        return t
    }()
}
