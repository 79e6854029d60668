@testable import ClearanceCertificate
import ClearanceCore
import Foundation
import Testing

@Suite struct CertificateVerifierTests {
    let key: SigningKey
    let doc: CertificateDocument
    let signed: SignedCertificate
    var pdf: Data { signed.pdf }
    var publicKey: String { key.publicKey.exportText() }
    let today = Fixtures.date("2026-06-02")

    init() throws {
        key = try Fixtures.key()
        doc = Fixtures.document()
        signed = try Fixtures.renderer.signed(doc, photo: try Fixtures.photo(), key: key)
    }

    func verify(_ data: Data, status: ((CertificateID) -> CertificateStatus)? = nil) throws -> CertificateVerification {
        try CertificateVerifier.verify(pdfOrPayload: data, publicKeyText: publicKey, today: today, status: status)
    }

    func expectTampered(_ check: CertificateVerification, mentioning words: [String], _ what: String) {
        guard case .tampered(let reason) = check.result else {
            Issue.record("\(what) gave \(check.result)"); return
        }
        for word in words { #expect(reason.contains(word), "\(what): '\(word)' not in \(reason)") }
    }

    @Test func pdfVerifiesWithTheClinicKeyAndPrintsTheSignedFacts() throws {
        let check = try verify(pdf)
        #expect(check.result.isValid, "\(check.result) \(check.problems)")
        #expect(check.result.payload?.certificateID == doc.certificateID)
        #expect(check.result.summary.hasPrefix("VALID: \(doc.certificateID)"))
        #expect(check.version == 2 && check.differences.isEmpty && check.notes.isEmpty, "\(check.notes)")
        #expect(check.facts?.person.surname == "OKAFOR" && check.facts?.clinic.address == "Upper Hill Road, Nairobi")
    }

    /// Every printed fact is found on the page, for Latin, Cyrillic and Arabic names, with and
    /// without a photo, with long values shortened on the page.
    @Test func thePageShowsEveryFactForManyScripts() throws {
        var long = Fixtures.document(surname: String(repeating: "VERYLONGSURNAME ", count: 7), given: "Ada")
        long.conditions = ["Follow up with the chest clinic within three months of arrival and bring this certificate."]
        // Values the page shortens with "…" to fit: clinic name, a test name, the officer.
        long.clinicName = "The Very Long Named International Organization Migration Health Assessment Centre of Nairobi"
        long.tests[1].test = "Tuberculosis screening by symptom questionnaire, skin tests"
        long.officer.name = "Dr. Wanjiru Kamau-Otieno-Njoroge-Wambui-Mwangi-Kariuki-Achieng-Odhiambo-Chebet"
        for (doc, photo) in [(Fixtures.document(surname: "Иванова Мария", given: "محمد"), nil),
                             (Fixtures.document(surname: "NGUYỄN", given: "Thị Minh Khai"), try Fixtures.photo()),
                             (long, try Fixtures.photo())] as [(CertificateDocument, CertificatePhoto?)] {
            let check = try verify(try Fixtures.renderer.pdf(doc, photo: photo, key: key))
            #expect(check.result.isValid, "\(doc.person.surname): \(check.problems)")
        }
        let longText = try PDFPageReader.poppler.text(try Fixtures.renderer.pdf(long, photo: try Fixtures.photo(), key: key))
        #expect(longText.components(separatedBy: "…").count >= 4, "the long values are not shortened on the page: \(longText)")
    }

    @Test func payloadTextVerifiesAndOtherKeyIsWrongKey() throws {
        let qr = try CertificateVerifier.verify(pdfOrPayload: signed.payload.text, publicKeyText: publicKey, today: today)
        #expect(qr.result.isValid && qr.notes.first?.contains("QR text only") == true)
        let other = try Fixtures.key(seed: 4)
        let result = try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: other.publicKey.exportText(), today: today)
        #expect(result.result == .wrongKey(expected: other.keyID, found: key.keyID))
    }

    /// Certificates from before printed facts were signed (payload version 1) still verify,
    /// saying what their signature does not cover.
    @Test func versionOnePayloadsStillVerify() throws {
        let v1 = try CertificatePayload(certificateID: doc.certificateID, name: "OKAFOR, Ada Chiamaka",
                                        dateOfBirth: Fixtures.date("1990-02-28"), documentNumber: "A01234567", outcome: .fit,
                                        issueDate: Fixtures.date("2026-06-01"), expiryDate: Fixtures.date("2026-11-21"), keyID: key.keyID)
        let text = try SignedPayload.sign(v1, with: key).text
        #expect(try v1.canonicalBytes() == Data(#"{"dob":"1990-02-28","doc":"A01234567","exp":"2026-11-21","id":"\#(doc.certificateID)","iss":"2026-06-01","kid":"\#(key.keyID.hex)","name":"OKAFOR, Ada Chiamaka","out":"FIT","v":1}"#.utf8))
        let check = try CertificateVerifier.verify(pdfOrPayload: text, publicKeyText: publicKey, today: today)
        #expect(check.result.isValid && check.version == 1)
        // A version-1 PDF carried only the payload in its Keywords: still valid, with a note.
        let oldPDF = Data("%PDF-1.3\n1 0 obj\n<<\n/Keywords (\(text))\n>>\nendobj\n%%EOF\n".utf8)
        let pdfCheck = try verify(oldPDF)
        #expect(pdfCheck.result.isValid && pdfCheck.notes.first?.contains("version-1 certificate") == true, "\(pdfCheck)")
        // A version-2 payload cannot be passed off as a PDF without facts and file signature.
        let v2 = Data("%PDF-1.3\n1 0 obj\n<<\n/Keywords (\(signed.payload.text))\n>>\nendobj\n%%EOF\n".utf8)
        expectTampered(try verify(v2), mentioning: ["facts are missing", "signature line is missing"], "a v2 payload in a bare PDF")
    }

    @Test func editedPDFPayloadIsTampered() throws {
        var bytes = [UInt8](pdf)
        let marker = Array("/Keywords (CLR1:".utf8)
        let at = try #require(PDFEdit.find(marker, in: bytes, from: 0))
        let target = at + marker.count + 40
        bytes[target] = bytes[target] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        expectTampered(try verify(Data(bytes)), mentioning: [], "an edited payload")
    }

    /// One changed byte anywhere (here in the compressed page content) fails the file signature.
    @Test func oneChangedContentStreamByteIsTampered() throws {
        var bytes = [UInt8](pdf)
        let (content, _) = try #require(PDFEdit.contentStream(bytes))
        bytes[content.data.lowerBound + content.data.count / 2] ^= 0x01
        expectTampered(try verify(Data(bytes)), mentioning: ["changed after it was signed"], "a flipped content byte")
        var cut = [UInt8](pdf)
        cut.removeLast(20)
        expectTampered(try verify(Data(cut)), mentioning: ["signature line is missing"], "a cut signature line")
    }

    /// The attacker inflates the page, edits the printed surname and "valid until", deflates it
    /// and rebuilds the xref: the file signature fails and the verifier names both edits.
    @Test func editedPrintedSurnameAndDateAreNamed() throws {
        let bytes = [UInt8](pdf)
        let (content, plain) = try #require(PDFEdit.contentStream(bytes))
        var edited = PDFEdit.replacingAll("(OKAFOR) Tj", with: "(OKAFOX) Tj", in: plain)
        edited = PDFEdit.replacingAll("(2026-11-21) Tj", with: "(2027-11-21) Tj", in: edited)
        #expect(edited != plain)
        var forged = PDFEdit.replacing(content, with: PDFEdit.deflate(edited), in: bytes)
        // Keep a signature line so the file looks complete.
        let lastLine = String(decoding: bytes.suffix(200), as: UTF8.self).split(separator: "\n").last.map { "\($0)\n" } ?? ""
        forged += Array(lastLine.utf8)
        let text = try PDFPageReader.poppler.text(Data(forged))
        #expect(text.contains("OKAFOX") && text.contains("2027-11-21"), "the forgery does not read: \(text)")
        let check = try verify(Data(forged))
        expectTampered(check, mentioning: ["changed after it was signed", "surname", "valid until"], "edited page text")
        #expect(check.differences.contains(PrintedDifference(field: "surname", signed: "OKAFOR", printed: "OKAFOX")), "\(check.differences)")
        #expect(check.differences.contains { $0.field == "valid until" && $0.printed == "2027-11-21" }, "\(check.differences)")
        #expect(check.facts?.expiryDate == "2026-11-21")
    }

    /// Someone else's photo on a genuine certificate: the page's image is not the signed one.
    @Test func aSwappedPhotoIsTampered() throws {
        var other = try Fixtures.photo()
        other = try CertificatePhoto(width: other.width, height: other.height, rgb: other.rgb.map { $0 / 2 })
        let impostor = [UInt8](try Fixtures.renderer.pdf(doc, photo: other, key: key))
        // The genuine certificate's Keywords (payload and facts) over the impostor's page.
        func keywords(_ b: [UInt8]) throws -> Range<Int> {
            let start = try #require(PDFEdit.find(Array("/Keywords (".utf8), in: b, from: 0))
            let end = try #require(PDFEdit.find(Array(")".utf8), in: b, from: start))
            return start..<end
        }
        var forged = impostor
        let genuine = [UInt8](pdf)
        let (from, to) = (try keywords(genuine), try keywords(forged))
        #expect(from.count == to.count)
        forged.replaceSubrange(to, with: genuine[from])
        let check = try verify(Data(forged))
        expectTampered(check, mentioning: ["changed after it was signed", "photo"], "a swapped photo")
        #expect(check.differences.map(\.field) == ["photo"], "\(check.differences)")
    }

    @Test func aRevokedCertificateFailsOfflineWithTheList() throws {
        let list = RevocationList(keyID: key.keyID, issuedAt: "2026-06-02T09:00:00Z", entries: [
            RevocationList.Entry(id: doc.certificateID.description, status: "revoked", by: nil, date: "2026-06-02")])
        let text = try list.signed(with: key)
        let read = try RevocationList(text: text, publicKey: key.publicKey)
        let check = try verify(pdf, status: { read.status(of: $0) })
        #expect(check.result == .revoked(signed.payload.payload))
        // A list edited to drop the entry, or signed by another key, is refused.
        let emptied = try RevocationList(keyID: key.keyID, issuedAt: "2026-06-02T09:00:00Z", entries: []).signed(with: key)
        let spliced = String(emptied.split(separator: ".")[0]) + "." + String(text.split(separator: ".")[1])
        #expect(throws: CertificateError.self) { try RevocationList(text: spliced, publicKey: key.publicKey) }
        let other = try Fixtures.key(seed: 9)
        let foreign = try RevocationList(keyID: other.keyID, issuedAt: "2026-06-02T09:00:00Z", entries: []).signed(with: other)
        #expect(throws: CertificateError.self) { try RevocationList(text: foreign, publicKey: key.publicKey) }
    }

    @Test func expiredAndNonCertificateInputs() throws {
        let expired = try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: publicKey, today: Fixtures.date("2026-11-22"))
        #expect(expired.result == .expired(signed.payload.payload))
        let plainPDF = Data("%PDF-1.4\n%%EOF\n".utf8)
        if case .tampered = try verify(plainPDF).result {} else { Issue.record("a PDF without payload was not tampered") }
        #expect(throws: CertificateError.self) {
            try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: "nonsense", today: today)
        }
    }
}
