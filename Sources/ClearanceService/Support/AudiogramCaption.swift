import ClearanceCore
import ClearanceStore
import Foundation

/// The caption of an audiogram picture: whose test and when, so a printed or attached picture
/// cannot be mistaken for another person's.
///
/// `HADDAD, LAYLA  ID 7  TEST 2026-11-20  ENCOUNTER 12`. The picture's font has Latin letters
/// only: a name in another script is written in Latin letters (``LatinTransliteration``, the
/// ICAO 9303 spelling shown everywhere else), diacritics dropped, and the id beside it stays exact.
enum AudiogramCaption {
    /// The caption for `person`'s test on `testDate`, recorded as `encounterID`.
    static func text(person: PersonRecord, testDate: String, encounterID: Int64) -> String {
        let name = [person.surname, person.givenNames].filter { !$0.isEmpty }.joined(separator: ", ")
        return "\(latin(name))  ID \(person.id ?? 0)  TEST \(testDate)  ENCOUNTER \(encounterID)"
    }

    /// `text` in Latin letters without diacritics (unchanged when it already is).
    static func latin(_ text: String) -> String {
        let latin = LatinTransliteration.latin(text)
        return (latin.applyingTransform(StringTransform("Latin-ASCII"), reverse: false) ?? latin).uppercased()
    }
}
