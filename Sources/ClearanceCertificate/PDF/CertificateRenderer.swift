import CHaru
import Foundation

/// Renders a signed fitness certificate as a one-page A4 PDF.
///
/// The page carries the clinic header, the title with programme and destination, the
/// certificate id, the holder's identity beside the photo, examination and X-ray dates, the tests
/// table, the outcome in a coloured box with conditions, issue and expiry dates, the medical
/// officer, the key id, and the signed payload as a vector QR code. The same payload text is
/// stored uncompressed in the PDF Info `Keywords` entry so `CertificateVerifier` can read it
/// without decoding the picture.
///
/// Fonts are DejaVu TrueType, embedded: text that fits in WinAnsi (Windows-1252) uses a
/// single-byte font, other text the same face with UTF-8 encoding, so Latin, Cyrillic and Arabic
/// names print (Arabic shaped by fribidi). Output is deterministic: the same certificate, photo and
/// clock give identical bytes.
///
/// Speed: each font file is read and prepared once per process (`EmbeddableFont`), and a
/// renderer keeps its libharu documents, fonts registered, for the next certificate
/// (`FontedDocumentPool`): reuse one renderer for a batch. The photo is stored losslessly with a
/// PNG predictor. A renderer (and its copies, which share the documents) may render on several
/// threads at once.
///
/// ```swift
/// let renderer = CertificateRenderer(clock: { Date() })
/// var doc = CertificateDocument(...)
/// try doc.sign(with: key)
/// let pdf = try renderer.render(doc, photo: photo)
/// ```
public struct CertificateRenderer: Sendable {
    /// DejaVu Sans, from Debian's fonts-dejavu-core.
    public static let defaultRegularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    /// DejaVu Sans Bold.
    public static let defaultBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    /// Supplies the PDF creation date.
    public var clock: @Sendable () -> Date
    public var regularFontPath: String
    public var boldFontPath: String
    /// libharu documents with the fonts set up, reused by this renderer and its copies.
    private let documents = FontedDocumentPool()

    /// - Parameters:
    ///   - clock: The time written as the PDF creation date (inject a fixed clock in tests).
    ///   - regularFontPath: TrueType font for body text.
    ///   - boldFontPath: TrueType font for headings and values.
    public init(clock: @escaping @Sendable () -> Date,
                regularFontPath: String = CertificateRenderer.defaultRegularFont,
                boldFontPath: String = CertificateRenderer.defaultBoldFont) {
        self.clock = clock
        self.regularFontPath = regularFontPath
        self.boldFontPath = boldFontPath
    }

    /// Renders `certificate` with the holder's `photo` (or a "no photo" box when nil).
    ///
    /// - Parameters:
    ///   - certificate: A validated, signed certificate (see `CertificateDocument.sign(with:)`).
    ///   - photo: Decoded RGB pixels of the clinic photo.
    /// - Returns: The PDF bytes.
    /// - Throws: `CertificateError` for an invalid or unsigned certificate, a missing font, or a
    ///   libharu failure (reported by step, never a crash).
    public func render(_ certificate: CertificateDocument, photo: CertificatePhoto?) throws -> Data {
        try certificate.validate()
        guard let signed = certificate.signedPayload else {
            throw CertificateError(.payloadMismatch(reason: "the certificate is not signed"))
        }
        let qr = try QRMatrix(encoding: signed.text)

        let regularFont = try EmbeddableFont.cached(path: regularFontPath)
        let boldFont = try EmbeddableFont.cached(path: boldFontPath)
        return try documents.withDocument(regular: regularFont, bold: boldFont) { fonted in
            let faces = try fonted.begin()
            let document = fonted.document
            let page = try document.addA4Page()
            let canvas = PDFCanvas(document: document, page: page, regular: faces.regular, bold: faces.bold)
            let placedPhoto = try photo.map { PlacedPhoto(image: try document.loadImage($0), photo: $0) }

            var layout = CertificateLayout(canvas: canvas, certificate: certificate, signed: signed)
            try layout.drawAll(qr: qr, photo: placedPhoto)

            try document.setInfo(HPDF_INFO_TITLE, "Medical Fitness Certificate \(certificate.certificateID)")
            try document.setInfo(HPDF_INFO_SUBJECT, "Medical fitness certificate; the signed payload is in Keywords")
            try document.setInfo(HPDF_INFO_CREATOR, "Clearance")
            try document.setInfo(HPDF_INFO_KEYWORDS, signed.text)
            try document.setCreationDate(clock())
            return try document.save()
        }
    }
}
