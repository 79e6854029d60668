@testable import ClearanceCertificate
import ClearanceCore
import Foundation
import Testing

@Suite struct CertificateRendererTests {
    let key: SigningKey
    init() throws { key = try Fixtures.key() }

    /// Renders `doc` to a temporary PDF and returns its path.
    func renderToFile(_ doc: CertificateDocument, photo: CertificatePhoto?, in dir: URL) throws -> (URL, Data) {
        let pdf = try Fixtures.renderer.pdf(doc, photo: photo, key: key)
        let url = dir.appendingPathComponent("certificate.pdf")
        try pdf.write(to: url)
        return (url, pdf)
    }

    @Test func pdfTextShowsNameIDOutcomeAndNoDiagnosis() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = try Fixtures.document()
        let (url, pdf) = try renderToFile(doc, photo: try Fixtures.photo(), in: dir)
        Fixtures.keepSample(pdf, name: "latin.pdf")
        let text = try Fixtures.run("pdftotext", ["-layout", url.path, "-"])
        for expected in ["Medical Fitness Certificate", "OKAFOR", "Ada Chiamaka", doc.certificateID.description,
                         "FIT WITH CONDITIONS", "Nairobi Migration Health Centre", "KE-NBO-01", "1990-02-28",
                         "A01234567", "2026-05-21", "2026-11-21", "Dr. Wanjiru Kamau", "KMPDC A-12345",
                         key.keyID.hex, "Verify: clearance certificate verify", "Chest X-ray", "Not done",
                         "United States"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        for forbidden in ["HIV", "TB-", "CXR-", "AUD-"] {
            #expect(!text.uppercased().contains(forbidden), "PDF text contains \(forbidden)")
        }
    }

    @Test func cyrillicAndShapedArabicNamesPrint() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = try Fixtures.document(surname: "Иванова Мария", given: "محمد")
        let (url, pdf) = try renderToFile(doc, photo: nil, in: dir)
        Fixtures.keepSample(pdf, name: "cyrillic-arabic.pdf")
        let (text, warnings) = try Fixtures.runCapturing("pdftotext", [url.path, "-"])
        #expect(text.contains("Иванова Мария"))
        // The UTF-8 font's ToUnicode map is valid: no "Invalid 'begincidrange' operator" (or
        // any other) warning from poppler, in either extraction mode.
        #expect(warnings.isEmpty, "pdftotext warned: \(warnings)")
        let layout = try Fixtures.runCapturing("pdftotext", ["-layout", url.path, "-"])
        #expect(layout.stderr.isEmpty && layout.stdout.contains("Иванова Мария"), "pdftotext -layout warned: \(layout.stderr)")
        // Joined presentation forms (initial meem, medial hah, medial meem, final dal), in logical
        // order once pdftotext reads the visual line right to left.
        #expect(text.contains("\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}"), "Arabic not shaped: \(text)")
        #expect(!text.contains("محمد"), "Arabic printed unshaped")
    }

    @Test func bidiShapingOfArabic() {
        #expect(BidiText.visual("محمد") == "\u{FEAA}\u{FEE4}\u{FEA4}\u{FEE3}")
        #expect(BidiText.visual("OKAFOR") == "OKAFOR")
        #expect(BidiText.visual("Иванова") == "Иванова")
    }

    /// Text that fits in WinAnsi uses single-byte fonts; other text adds the UTF-8 (CID) font of
    /// the same face. Every font is DejaVu and embedded.
    @Test func dejaVuIsEmbedded() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(CertificateDocument, [String])] = [
            (try Fixtures.document(), ["TrueType WinAnsi", "TrueType WinAnsi"]),
            (try Fixtures.document(surname: "Иванова Мария", given: "محمد"),
             ["TrueType WinAnsi", "TrueType WinAnsi", "CID TrueType Identity-H"]),
        ]
        for (doc, expectedTypes) in cases {
            let (url, _) = try renderToFile(doc, photo: nil, in: dir)
            let fonts = try Fixtures.run("pdffonts", [url.path])
            let rows = fonts.split(separator: "\n").filter { $0.contains("DejaVu") }
            #expect(rows.count == expectedTypes.count, "\(fonts)")
            for row in rows {
                let columns = row.split(separator: " ")
                // name type [type] encoding emb sub uni object generation
                #expect(columns.count >= 8 && columns[columns.count - 5] == "yes", "not embedded: \(row)")
            }
            let types = rows.map { $0.split(separator: " ").dropFirst().dropLast(5).joined(separator: " ") }
            #expect(types.sorted() == expectedTypes.sorted(), "\(fonts)")
        }
    }

    @Test func photoIsEmbeddedAtItsPixelSize() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (url, _) = try renderToFile(try Fixtures.document(), photo: try Fixtures.photo(), in: dir)
        let list = try Fixtures.run("pdfimages", ["-list", url.path])
        let images = list.split(separator: "\n").dropFirst(2)
        #expect(images.count == 1)
        let columns = images.first?.split(separator: " ") ?? []
        // page num type width height color comp bpc
        #expect(columns.count > 7 && columns[3] == "40" && columns[4] == "50" && columns[5] == "rgb", "\(list)")
    }

    /// The photo is compressed losslessly: poppler decodes exactly the pixels handed in.
    @Test func photoPixelsComeBackExactly() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var random = SeededRandom(state: 3)
        let noisy = try CertificatePhoto(width: 7, height: 5, rgb: (0..<105).map { _ in UInt8.random(in: 0...255, using: &random) })
        for photo in [try Fixtures.photo(), noisy] {
            let (url, _) = try renderToFile(try Fixtures.document(), photo: photo, in: dir)
            let prefix = dir.appendingPathComponent("img-\(photo.width)").path
            try Fixtures.run("pdfimages", [url.path, prefix])   // PPM is the default format
            let ppm = try Data(contentsOf: URL(fileURLWithPath: prefix + "-000.ppm"))
            let header = Array("P6\n\(photo.width) \(photo.height)\n255\n".utf8)
            #expect(Array(ppm.prefix(header.count)) == header)
            #expect(Array(ppm.dropFirst(header.count)) == photo.rgb, "pixels differ for \(photo.width)x\(photo.height)")
        }
    }

    @Test func sameInputsAndClockGiveIdenticalBytes() throws {
        let doc = try Fixtures.document()
        let photo = try Fixtures.photo()
        let a = try Fixtures.renderer.pdf(doc, photo: photo, key: key)
        let b = try Fixtures.renderer.pdf(doc, photo: photo, key: key)
        #expect(a == b)
        #expect(a.starts(with: Array("%PDF-".utf8)))
        let later = CertificateRenderer(clock: { Date(timeIntervalSince1970: 1_790_000_000) })
        #expect(try later.pdf(doc, photo: photo, key: key) != a)
    }

    @Test func payloadAndFactsAreInTheInfoDictionary() throws {
        let signed = try Fixtures.renderer.signed(Fixtures.document(), photo: try Fixtures.photo(), key: key)
        #expect(PDFPayloadExtractor.payload(in: signed.pdf) == signed.payload.text)
        #expect(signed.payload.payload.version == 2)
        let facts = try #require(PDFPayloadExtractor.facts(in: signed.pdf))
        #expect(facts == (try signed.facts.canonicalBytes()))
        #expect(signed.payload.payload.factsDigest == (try signed.facts.digest()))
        #expect(signed.facts.photo?.sha256 == CertificateFacts.pixelDigest(try Fixtures.photo().rgb))
        #expect(CertificateFileSignature.check(signed.pdf, publicKey: key.publicKey) == .valid)
    }

    /// The anti-impersonation photo is required: without one the officer states why, and the
    /// page prints the reason; a reason beside a photo is refused.
    @Test func noPhotoNeedsAReasonThatThePagePrints() throws {
        #expect(throws: CertificateError.self) { try Fixtures.renderer.render(Fixtures.document(), photo: nil, signingKey: key) }
        var withReason = Fixtures.document()
        withReason.noPhotoReason = "Holder has a facial injury"
        #expect(throws: CertificateError.self) { try Fixtures.renderer.render(withReason, photo: try Fixtures.photo(), signingKey: key) }
        let signed = try Fixtures.renderer.render(withReason, photo: nil, signingKey: key)
        #expect(signed.facts.noPhotoReason == "Holder has a facial injury" && signed.facts.photo == nil)
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("nophoto.pdf")
        try signed.pdf.write(to: url)
        let text = try Fixtures.run("pdftotext", ["-layout", url.path, "-"])
        #expect(text.contains("No photo, because") && text.contains("Holder has a facial injury"), "\(text)")
    }

    /// The page says what the pack counts validity from: an X-ray date, or the issue date.
    @Test func theValidityAnchorIsPrinted() throws {
        var fromIssue = Fixtures.document()
        fromIssue.validityAnchor = CertificateValidityAnchor(event: "Date of issue", date: Fixtures.date("2026-06-01"))
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (doc, expected) in [(Fixtures.document(), "Validity counts from Chest X-ray 2026-05-21"),
                                (fromIssue, "Validity counts from Date of issue 2026-06-01")] {
            let url = dir.appendingPathComponent("anchor.pdf")
            try Fixtures.renderer.pdf(doc, photo: try Fixtures.photo(), key: key).write(to: url)
            let text = PrintedTextCheck.normalise(try Fixtures.run("pdftotext", ["-layout", url.path, "-"]))
            #expect(text.contains(expected), "\(text)")
            #expect(!text.contains("X-ray date (validity anchor)"))
        }
    }

    @Test func resultCodesInFreeTextAreRefusedNamingTheField() throws {
        var doc = Fixtures.document(conditions: ["Class TB-B2 follow-up"])
        #expect(throws: CertificateError(.forbiddenContent(field: "conditions", token: "TB-"))) {
            try Fixtures.renderer.pdf(doc, photo: nil, key: key)
        }
        var hiv = Fixtures.document()
        hiv.tests.append(CertificateTestLine(test: "HIV test", date: nil, done: true))
        #expect(throws: CertificateError(.forbiddenContent(field: "test name", token: "HIV"))) {
            try Fixtures.renderer.pdf(hiv, photo: nil, key: key)
        }
    }

    @Test func badPhotosAndFontsThrowInsteadOfCrashing() throws {
        #expect(throws: CertificateError.self) { try CertificatePhoto(width: 2, height: 2, rgb: [0, 0, 0]) }
        #expect(throws: CertificateError.self) { try CertificatePhoto(width: 0, height: 5, rgb: []) }
        #expect(throws: CertificateError.self) { try CertificatePhoto(width: 5000, height: 1, rgb: []) }
        let missingFont = CertificateRenderer(clock: Fixtures.clock, regularFontPath: "/nonexistent/font.ttf")
        #expect(throws: CertificateError(.font(path: "/nonexistent/font.ttf"))) {
            try missingFont.pdf(try Fixtures.document(), photo: nil, key: key)
        }
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notAFont = dir.appendingPathComponent("bad.ttf")
        try Data("definitely not a font".utf8).write(to: notAFont)
        let corrupt = CertificateRenderer(clock: Fixtures.clock, regularFontPath: notAFont.path)
        #expect(throws: CertificateError.self) { try corrupt.pdf(try Fixtures.document(), photo: nil, key: key) }
    }

    @Test func longNamesShrinkOrTruncateAndStillRender() throws {
        var doc = Fixtures.document(surname: String(repeating: "VERYLONGSURNAME ", count: 7),
                                    given: String(repeating: "Given ", count: 19),
                                    conditions: ["Follow up with the chest clinic within three months of arrival and bring this certificate.",
                                                 "Hearing review in one year."])
        doc.tests = (1...7).map { CertificateTestLine(test: "Test number \($0)", date: nil, done: $0 % 2 == 0) }
        let pdf = try Fixtures.renderer.pdf(doc, photo: try Fixtures.photo(), key: key)
        Fixtures.keepSample(pdf, name: "long.pdf")
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("long.pdf")
        try pdf.write(to: url)
        let text = try Fixtures.run("pdftotext", [url.path, "-"])
        #expect(text.contains("VERYLONGSURNAME VERYLONGSURNAME"))
        #expect(text.contains("…"))
        #expect(text.contains("Test number 7"))
        #expect(text.contains("Hearing review in one year."))
    }

    @Test func contentThatCannotFitIsAClearErrorNotOverlap() throws {
        var doc = Fixtures.document(conditions: Array(repeating: String(repeating: "Follow up with the clinic. ", count: 10), count: 4))
        doc.tests = (1...12).map { CertificateTestLine(test: "Test number \($0)", date: nil, done: true) }
        do {
            _ = try Fixtures.renderer.pdf(doc, photo: nil, key: key)
            Issue.record("an overfull certificate rendered")
        } catch let error as CertificateError {
            #expect(error.description.contains("do not fit on one page"))
        }
    }
}
