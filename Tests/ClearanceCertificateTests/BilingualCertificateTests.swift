@testable import ClearanceCertificate
import ClearanceCore
import Foundation
import Testing

/// A certificate in French or Spanish prints each label in the clinic's language beside
/// English (`Nom / Surname`), read back with poppler's `pdftotext`; verification still finds
/// every signed fact, still flags an edited one, and the signed facts do not depend on the language.
@Suite struct BilingualCertificateTests {
    let key: SigningKey
    let today = Fixtures.date("2026-06-02")

    init() throws { key = try Fixtures.key() }

    func document(_ language: String, tests: Int = 4, conditions: [String]? = nil) -> CertificateDocument {
        var doc = Fixtures.document()
        doc.language = language
        if tests > 4 {
            doc.tests = (1...tests).map { CertificateTestLine(test: "Screening number \($0)", date: Fixtures.date("2026-05-20"), done: $0 % 3 != 0) }
        }
        if let conditions { doc.conditions = conditions }
        return doc
    }

    func verify(_ pdf: Data) throws -> CertificateVerification {
        try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: key.publicKey.exportText(), today: today)
    }

    @Test func frenchAndSpanishLabelsPrintBesideEnglish() throws {
        let expected = [
            "fr": ["Nom / Surname", "Date de naissance / Date of birth", "Numéro du document / Document number",
                   "Valable jusqu'au / Valid until", "CERTIFICAT D'APTITUDE MÉDICALE".lowercased(), "Medical Fitness Certificate",
                   "TITULAIRE / HOLDER", "N° d'inscription / Registration no.", "Validité à compter de", "Validity counts from Chest X-ray"],
            "es": ["Apellido / Surname", "Fecha de nacimiento / Date of birth", "Válido hasta / Valid until",
                   "TITULAR / HOLDER", "Programa: / Programme: US panel", "Destino: / Destination: United States"],
        ]
        for (language, labels) in expected {
            let pdf = try Fixtures.renderer.pdf(document(language), photo: try Fixtures.photo(), key: key)
            Fixtures.keepSample(pdf, name: "certificate-\(language).pdf")
            let text = try PDFPageReader.poppler.text(pdf)
            for label in labels {
                #expect(text.lowercased().contains(label.lowercased()), "\(language): '\(label)' not on the page:\n\(text)")
            }
            let check = try verify(pdf)
            #expect(check.result.isValid && check.differences.isEmpty, "\(language): \(check.problems) \(check.differences)")
        }
        // A label the same in both languages but for spacing prints once.
        let french = try PDFPageReader.poppler.text(try Fixtures.renderer.pdf(document("fr"), photo: try Fixtures.photo(), key: key))
        #expect(french.contains("Programme: US panel") && !french.contains("Programme : /"), "\(french)")
        // English stays English only.
        let english = try PDFPageReader.poppler.text(try Fixtures.renderer.pdf(document("en"), photo: try Fixtures.photo(), key: key))
        #expect(english.contains("Surname") && !english.contains("Nom /") && !english.contains(" / Surname"))
    }

    /// The language is not a fact: the same certificate signs the same facts in every language.
    @Test func theSignedFactsAreTheSameInEveryLanguage() throws {
        let photo = try Fixtures.photo()
        let facts = try ["en", "fr", "es"].map { try Fixtures.renderer.signed(document($0), photo: photo, key: key).facts }
        #expect(facts[0] == facts[1] && facts[1] == facts[2])
    }

    /// Whatever fits on an English page (the most tests with four lines of conditions and no
    /// photo; at least gcc-labour's nine) fits in French and Spanish too, and verifies.
    @Test func whatFitsInEnglishFitsInEveryLanguage() throws {
        let conditions = ["Review by a chest physician within three months of arrival.", "Bring this certificate and the X-ray.",
                          "Repeat the sputum test if a cough returns.", "Hearing review within a year."]
        func page(_ language: String, tests: Int) -> Data? {
            var doc = document(language, tests: tests, conditions: conditions)
            doc.noPhotoReason = Fixtures.noPhotoReason
            return try? Fixtures.renderer.pdf(doc, photo: nil, key: key)
        }
        let most = try #require((1...12).reversed().first { page("en", tests: $0) != nil })
        #expect(most >= 9, "English holds only \(most) tests")
        for language in ["fr", "es"] {
            guard let pdf = page(language, tests: most) else { Issue.record("\(language): \(most) tests do not fit"); continue }
            let check = try verify(pdf)
            #expect(check.result.isValid && check.differences.isEmpty, "\(language): \(check.problems) \(check.differences)")
            let text = try PDFPageReader.poppler.text(pdf)
            #expect(text.contains(CertificateLabels(language: language)("no_photo_because")), "\(text)")
        }
    }

    /// An edited surname on a French page is named, as on an English one.
    @Test func anEditedFactOnAFrenchPageIsNamed() throws {
        let bytes = [UInt8](try Fixtures.renderer.pdf(document("fr"), photo: try Fixtures.photo(), key: key))
        let (content, plain) = try #require(PDFEdit.contentStream(bytes))
        let edited = PDFEdit.replacingAll("(OKAFOR) Tj", with: "(OKAFOX) Tj", in: plain)
        #expect(edited != plain)
        var forged = PDFEdit.replacing(content, with: PDFEdit.deflate(edited), in: bytes)
        let lastLine = String(decoding: bytes.suffix(200), as: UTF8.self).split(separator: "\n").last.map { "\($0)\n" } ?? ""
        forged += Array(lastLine.utf8)
        let check = try verify(Data(forged))
        guard case .tampered = check.result else { Issue.record("an edited French page gave \(check.result)"); return }
        #expect(check.differences.contains(PrintedDifference(field: "surname", signed: "OKAFOR", printed: "OKAFOX")), "\(check.differences)")
    }
}
