import Testing
import ClearanceCore

/// ICAO 9303 spelling of names in Cyrillic, Greek and Arabic.
@Suite("Latin transliteration (ICAO 9303)")
struct LatinTransliterationTests {
    @Test(arguments: [
        ("ИВАНОВА", "IVANOVA"), ("Мария", "MARIIA"), ("Щукин", "SHCHUKIN"), ("Жуков", "ZHUKOV"), ("Хрущёв", "KHRUSHCHEV"),
        ("Цой", "TSOI"), ("Юлия", "IULIIA"), ("Ольга", "OLGA"), ("Объедков", "OBIEEDKOV"), ("Крыжановський", "KRYZHANOVSKII"),
        ("Їжак", "IZHAK"), ("Єва", "IEVA"), ("Љубица", "LJUBITSA"), ("Ђорђе", "DORDE"),
    ])
    func cyrillic(_ native: String, _ latin: String) {
        #expect(LatinTransliteration.latin(native) == latin)
    }

    @Test(arguments: [("Παπαδόπουλος", "PAPADOPOULOS"), ("Γιώργος", "GIORGOS"), ("Θεοδωράκης", "THEODORAKIS"), ("Ψυχάρης", "PSYCHARIS")])
    func greek(_ native: String, _ latin: String) {
        #expect(LatinTransliteration.latin(native) == latin)
    }

    @Test(arguments: [("محمد", "MHMD"), ("خالد", "KHALD"), ("شريف", "SHRYF"), ("الحسن", "ALHSN"), ("مُحَمَّد", "MHMD"), ("ذكي", "DHKY")])
    func arabic(_ native: String, _ latin: String) {
        #expect(LatinTransliteration.latin(native) == latin)
    }

    @Test func latinNamesNeedNoSecondSpelling() {
        #expect(LatinTransliteration.latinIfNeeded("Müller, Hans") == nil)
        #expect(LatinTransliteration.latinIfNeeded("Nguyễn Thị Lan") == nil)
        #expect(LatinTransliteration.latinIfNeeded("O'Brien-Smith 2") == nil)
        #expect(LatinTransliteration.latinIfNeeded("ИВАНОВА, Мария") == "IVANOVA, MARIIA")
        // Punctuation and a mixed-script name keep their Latin part as written.
        #expect(LatinTransliteration.latin("Anna-Мария") == "ANNA-MARIIA")
    }
}
