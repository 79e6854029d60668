@testable import ClearanceCertificate
import Foundation
import Testing

@Suite struct QRCodeTests {
    @Test func matrixHasFinderPatternsAndDecodesBack() throws {
        let key = try Fixtures.key()
        let signed = try Fixtures.renderer.signed(Fixtures.document(), photo: nil, key: key).payload
        let qr = try QRMatrix(encoding: signed.text)
        #expect(qr.size == 17 + 4 * qr.version)
        #expect(qr.modules.count == qr.size * qr.size)
        // Finder pattern corners: dark outer ring, light ring, dark centre.
        for (r, c) in [(0, 0), (0, qr.size - 7), (qr.size - 7, 0)] {
            #expect(qr.isDark(row: r, column: c) && qr.isDark(row: r + 6, column: c + 6))
            #expect(!qr.isDark(row: r + 1, column: c + 1))
            #expect(qr.isDark(row: r + 3, column: c + 3))
        }
        // Read the payload back from the library's own matrix with an independent decoder.
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let image = dir.appendingPathComponent("qr.pgm")
        try qr.pgm(scale: 4).write(to: image)
        let decoded = try Fixtures.run("zbarimg", ["--raw", "-q", image.path])
        #expect(decoded.trimmingCharacters(in: .newlines) == signed.text)
    }

    @Test func pdfQRRoundTripsThroughRasterisation() throws {
        let key = try Fixtures.key()
        let doc = try Fixtures.document(surname: "Иванова Мария", given: "Ada")
        let signed = try Fixtures.renderer.signed(doc, photo: try Fixtures.photo(), key: key)
        let pdf = signed.pdf
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdfURL = dir.appendingPathComponent("c.pdf")
        try pdf.write(to: pdfURL)
        try Fixtures.run("pdftoppm", ["-r", "200", "-png", "-singlefile", pdfURL.path, dir.appendingPathComponent("page").path])
        let decoded = try Fixtures.run("zbarimg", ["--raw", "-q", dir.appendingPathComponent("page.png").path])
        #expect(decoded.trimmingCharacters(in: .newlines) == signed.payload.text)
    }

    @Test func emptyTextIsAnError() {
        #expect(throws: CertificateError.self) { try QRMatrix(encoding: "") }
    }
}
