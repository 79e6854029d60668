import CHaru
import Foundation

/// Where libharu's error handler records the first error; checked after every call.
///
/// The handler only stores the codes and returns: it never longjmps, so no Swift frame is
/// skipped. libharu then returns an error status from the failing call and refuses further work
/// until the error is reset, and `HaruDocument.check(_:)` turns it into a thrown Swift error.
final class HaruErrorContext {
    var code: HPDF_STATUS = 0
    var detail: HPDF_STATUS = 0
}

/// The C error handler libharu calls; records into the `HaruErrorContext` passed as user data.
private let haruErrorHandler: HPDF_Error_Handler = { code, detail, userData in
    guard let userData else { return }
    let context = Unmanaged<HaruErrorContext>.fromOpaque(userData).takeUnretainedValue()
    if context.code == 0 {
        context.code = code
        context.detail = detail
    }
}

/// An owned libharu document with error checking.
///
/// ```swift
/// let doc = try HaruDocument()
/// let page = try doc.addA4Page()
/// let data = try doc.save()
/// ```
final class HaruDocument {
    let handle: HPDF_Doc
    private let context: HaruErrorContext

    init() throws {
        let context = HaruErrorContext()
        self.context = context
        guard let handle = HPDF_New(haruErrorHandler, Unmanaged.passUnretained(context).toOpaque()) else {
            throw CertificateError(.pdf(step: "creating the document", code: 0, detail: 0))
        }
        self.handle = handle
    }

    deinit { HPDF_Free(handle) }

    /// Throws the recorded libharu error, if any, naming `step`; then clears it.
    func check(_ step: @autoclosure () -> String) throws {
        let code = context.code
        guard code == 0 else {
            let detail = context.detail
            context.code = 0
            context.detail = 0
            HPDF_ResetError(handle)
            throw CertificateError(.pdf(step: step(), code: UInt(code), detail: UInt(detail)))
        }
    }

    /// Registers libharu's UTF-8 encoder; once per libharu document, which keeps it across
    /// `startNextDocument()`.
    func enableUTF8() throws {
        HPDF_UseUTFEncodings(handle)
        try check("enabling UTF-8 encodings")
    }

    /// Turns on Flate compression (deterministic) for page content, images and font data.
    func enableCompression() throws {
        HPDF_SetCompressionMode(handle, UInt32(HPDF_COMP_ALL))
        try check("setting compression")
    }

    /// Discards the pages and objects of the previous PDF and starts an empty one.
    ///
    /// Registered fonts and encoders stay (libharu clears each font's record of used glyphs), so
    /// the next PDF does not parse its fonts again; it comes out byte for byte as from a new
    /// `HaruDocument` given the same fonts in the same order.
    func startNextDocument() throws {
        HPDF_NewDoc(handle)
        try check("starting a new document")
    }

    /// The font registered as `name`, with `encoding` ("WinAnsiEncoding", "UTF-8"), for the
    /// current PDF.
    func font(named name: String, encoding: String, path: String) throws -> HPDF_Font {
        guard let font = HPDF_GetFont(handle, name, encoding) else {
            try check("selecting font \(path)")
            throw CertificateError(.font(path: path))
        }
        try check("selecting font \(path)")
        return font
    }

    /// Adds an A4 portrait page.
    func addA4Page() throws -> HPDF_Page {
        let page = HPDF_AddPage(handle)
        try check("adding a page")
        guard let page else { throw CertificateError(.pdf(step: "adding a page", code: 0, detail: 0)) }
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
        try check("sizing the page")
        return page
    }

    /// Sets an Info dictionary text entry (written uncompressed).
    func setInfo(_ type: HPDF_InfoType, _ value: String) throws {
        HPDF_SetInfoAttr(handle, type, value)
        try check("setting document info")
    }

    /// Sets the creation date (UTC) from `date`.
    func setCreationDate(_ date: Date) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var value = HPDF_Date()
        value.year = HPDF_INT(c.year ?? 2000)
        value.month = HPDF_INT(c.month ?? 1)
        value.day = HPDF_INT(c.day ?? 1)
        value.hour = HPDF_INT(c.hour ?? 0)
        value.minutes = HPDF_INT(c.minute ?? 0)
        value.seconds = HPDF_INT(c.second ?? 0)
        value.ind = CChar(UInt8(ascii: "Z"))
        value.off_hour = 0
        value.off_minutes = 0
        HPDF_SetInfoDateAttr(handle, HPDF_INFO_CREATION_DATE, value)
        try check("setting the creation date")
    }

    /// Writes the document to memory and returns its bytes.
    func save() throws -> Data {
        HPDF_SaveToStream(handle)
        try check("writing the PDF")
        let total = Int(HPDF_GetStreamSize(handle))
        try check("measuring the PDF")
        guard total > 0 else { throw CertificateError(.pdf(step: "writing the PDF (empty output)", code: 0, detail: 0)) }
        var bytes = [UInt8](repeating: 0, count: total)
        var size = HPDF_UINT32(total)
        // One read of exactly the stream's size returns HPDF_OK (no end-of-stream error).
        bytes.withUnsafeMutableBufferPointer { _ = HPDF_ReadFromStream(handle, $0.baseAddress, &size) }
        try check("reading the PDF")
        return Data(bytes[0..<Int(min(size, HPDF_UINT32(bytes.count)))])
    }
}
