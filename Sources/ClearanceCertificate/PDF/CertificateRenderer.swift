import CHaru
import Crypto
import Foundation

/// A rendered certificate: the signed PDF and what was signed.
public struct SignedCertificate: Sendable {
    /// The PDF bytes, ending with the file signature line.
    public let pdf: Data
    /// The payload printed in the QR code (version 2).
    public let payload: SignedPayload
    /// Every printed fact, whose digest the payload signs.
    public let facts: CertificateFacts
}

/// Signs a fitness certificate and renders it as a one-page A4 PDF.
///
/// The page carries the clinic header, the title with programme and destination, the
/// certificate id, the holder's identity beside the photo (or the officer's reason for none), the
/// examination dates and what validity counts from, the tests
/// table, the outcome in a coloured box with conditions, issue and expiry dates, the medical
/// officer, the key id, and the signed payload as a vector QR code. The same payload text is
/// stored uncompressed in the PDF Info `Keywords` entry, followed by the signed facts
/// (`CLRF1:` and the base64url canonical `CertificateFacts`), so `CertificateVerifier` can read
/// both without decoding the picture. Three things are signed with the clinic key: the payload,
/// which carries the digest of every printed fact and of the photo's pixels, and the finished
/// file as a whole (`CertificateFileSignature`, its last line).
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
/// let doc = CertificateDocument(...)
/// let signed = try renderer.render(doc, photo: photo, signingKey: key)
/// try signed.pdf.write(to: url)
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

    /// Signs `certificate` with `key` and renders it with the holder's `photo` (or, when nil, a
    /// box stating the officer's `noPhotoReason`).
    ///
    /// - Parameters:
    ///   - certificate: The certificate's content.
    ///   - photo: Decoded RGB pixels of the clinic photo.
    ///   - key: The clinic's signing key: signs the payload (with the facts' digest) and the file.
    /// - Returns: The signed PDF, payload and facts.
    /// - Throws: `CertificateError` for an invalid certificate (no photo and no reason), a missing
    ///   font, or a libharu failure (reported by step, never a crash).
    public func render(_ certificate: CertificateDocument, photo: CertificatePhoto?,
                       signingKey key: SigningKey) throws -> SignedCertificate {
        try certificate.validate(hasPhoto: photo != nil)
        let facts = CertificateFacts(document: certificate, photo: photo, keyID: key.keyID)
        let factsBytes = try facts.canonicalBytes()
        let signed = try SignedPayload.sign(
            certificate.payload(keyID: key.keyID, factsDigest: Data(SHA256.hash(data: factsBytes))), with: key)
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
            try document.setInfo(HPDF_INFO_SUBJECT, "Medical fitness certificate; the signed payload and facts are in Keywords")
            try document.setInfo(HPDF_INFO_CREATOR, "Clearance")
            try document.setInfo(HPDF_INFO_KEYWORDS, signed.text + " " + PDFPayloadExtractor.factsPrefix + Base64URL.encode(factsBytes))
            try document.setCreationDate(clock())
            let pdf = try CertificateFileSignature.append(to: try document.save(), signedWith: key)
            return SignedCertificate(pdf: pdf, payload: signed, facts: facts)
        }
    }
}
