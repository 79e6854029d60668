@testable import ClearanceCertificate
import Foundation
import Testing

@Suite struct CertificateVerifierTests {
    let key: SigningKey
    let doc: CertificateDocument
    let pdf: Data

    init() throws {
        key = try Fixtures.key()
        doc = try Fixtures.signedDocument(key: key)
        pdf = try Fixtures.renderer.render(doc, photo: nil)
    }

    @Test func pdfVerifiesWithTheClinicKey() throws {
        let result = try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: key.publicKey.exportText(),
                                                    today: Fixtures.date("2026-06-02"))
        #expect(result.isValid)
        #expect(result.payload?.certificateID == doc.certificateID)
        #expect(result.summary.hasPrefix("VALID: \(doc.certificateID)"))
    }

    @Test func payloadTextVerifiesAndOtherKeyIsWrongKey() throws {
        let text = try #require(doc.signedPayload?.text)
        #expect(try CertificateVerifier.verify(pdfOrPayload: text, publicKeyText: key.publicKey.exportText(),
                                               today: Fixtures.date("2026-06-02")).isValid)
        let other = try Fixtures.key(seed: 4)
        let result = try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: other.publicKey.exportText(),
                                                    today: Fixtures.date("2026-06-02"))
        #expect(result == .wrongKey(expected: other.keyID, found: key.keyID))
    }

    @Test func editedPDFPayloadIsTampered() throws {
        var bytes = [UInt8](pdf)
        let marker = Array("/Keywords (CLR1:".utf8)
        let at = try #require((0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        let target = at + marker.count + 40
        bytes[target] = bytes[target] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let result = try CertificateVerifier.verify(pdfOrPayload: Data(bytes), publicKeyText: key.publicKey.exportText(),
                                                    today: Fixtures.date("2026-06-02"))
        if case .tampered = result {} else { Issue.record("edited PDF gave \(result)") }
    }

    @Test func expiredAndNonCertificateInputs() throws {
        let expired = try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: key.publicKey.exportText(),
                                                     today: Fixtures.date("2026-11-22"))
        #expect(expired == .expired(try #require(doc.signedPayload?.payload)))
        let plainPDF = Data("%PDF-1.4\n%%EOF\n".utf8)
        if case .tampered = try CertificateVerifier.verify(pdfOrPayload: plainPDF, publicKeyText: key.publicKey.exportText(),
                                                            today: Fixtures.date("2026-06-02")) {} else {
            Issue.record("a PDF without payload was not tampered")
        }
        #expect(throws: CertificateError.self) {
            try CertificateVerifier.verify(pdfOrPayload: pdf, publicKeyText: "nonsense", today: Fixtures.date("2026-06-02"))
        }
    }
}
