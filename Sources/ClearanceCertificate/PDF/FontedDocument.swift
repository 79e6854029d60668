import CHaru
import Foundation

/// A libharu document with the certificate's regular and bold fonts registered, used for one
/// PDF after another.
///
/// Registering a font (parsing it, installing its glyph table) is done once; each PDF then starts
/// with `begin()`, which clears the previous PDF and gives the two faces for the new one. A PDF
/// made this way is byte for byte the PDF a fresh document would make. Not thread-safe: one PDF at
/// a time (see `FontedDocumentPool`).
///
/// ```swift
/// let fonted = try FontedDocument(regular: regularFont, bold: boldFont)
/// let faces = try fonted.begin()
/// // draw with fonted.document, faces.regular and faces.bold, then fonted.document.save()
/// ```
final class FontedDocument {
    let document: HaruDocument
    let regular: EmbeddableFont
    let bold: EmbeddableFont
    private let regularName: String
    private let boldName: String
    private var used = false

    /// - Throws: `CertificateError` when libharu rejects a font.
    init(regular: EmbeddableFont, bold: EmbeddableFont) throws {
        self.regular = regular
        self.bold = bold
        document = try HaruDocument()
        try document.enableUTF8()
        // The same order and subset tags as loading the two files into a new document.
        regularName = try document.registerFont(regular, tag: HaruDocument.subsetTag(index: 0))
        boldName = try document.registerFont(bold, tag: HaruDocument.subsetTag(index: 1))
    }

    /// Starts a new, empty PDF with compression on.
    /// - Returns: The regular and bold faces for it (embedded).
    func begin() throws -> (regular: PDFTypeface, bold: PDFTypeface) {
        if used { try document.startNextDocument() }
        used = true
        try document.enableCompression()
        let regularFace = try PDFTypeface(document: document, name: regularName, path: regular.path)
        let boldFace = try PDFTypeface(document: document, name: boldName, path: bold.path)
        return (regularFace, boldFace)
    }

    /// Whether this document was made for these two fonts.
    func uses(regular: EmbeddableFont, bold: EmbeddableFont) -> Bool {
        self.regular === regular && self.bold === bold
    }
}

/// The idle `FontedDocument`s of one renderer, so a batch of certificates sets its fonts up once.
///
/// Thread-safe: each render takes a document for itself (or makes one) and gives it back when
/// the PDF is written; a render that fails drops its document. At most `maximumIdle` are kept.
final class FontedDocumentPool: @unchecked Sendable {
    /// Idle documents kept (each holds two parsed fonts, about 2 MB).
    static let maximumIdle = 4

    private let lock = NSLock()
    private var idle: [FontedDocument] = []

    /// Runs `body` with a document for `regular` and `bold`, reused when one is idle.
    func withDocument<T>(regular: EmbeddableFont, bold: EmbeddableFont,
                         _ body: (FontedDocument) throws -> T) throws -> T {
        let document = try take(regular: regular, bold: bold) ?? FontedDocument(regular: regular, bold: bold)
        let result = try body(document)
        giveBack(document)
        return result
    }

    private func take(regular: EmbeddableFont, bold: EmbeddableFont) -> FontedDocument? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = idle.lastIndex(where: { $0.uses(regular: regular, bold: bold) }) else { return nil }
        return idle.remove(at: index)
    }

    private func giveBack(_ document: FontedDocument) {
        lock.lock()
        defer { lock.unlock() }
        idle.append(document)
        if idle.count > Self.maximumIdle { idle.removeFirst() }
    }
}
