import CHaru
import Foundation

/// The photo as an image XObject whose pixels are PNG-predicted and compressed here.
///
/// libharu compresses raw pixels with zlib's default level and no predictor, which on a photo
/// is the slowest step of a certificate and gains little. Here each row is stored as its
/// difference from the row above (PNG "Up" filter, declared with `/DecodeParms << /Predictor 15
/// ... >>`) and compressed with zlib level 1, in pieces on every core (`ParallelDeflate`):
/// lossless, faster, and a smaller stream. The image
/// is still made from decoded pixels only; libharu's own image loaders are never used.
extension HaruDocument {
    /// The zlib level for image streams: after prediction, higher levels cost several times the
    /// time for a few per cent of size.
    static let imageCompressionLevel: Int32 = 1

    /// Adds `photo` as a Flate-compressed, PNG-predicted RGB image to the current PDF.
    /// - Throws: `CertificateError` naming the step when compression or libharu fails.
    func loadImage(_ photo: CertificatePhoto) throws -> HPDF_Image {
        let compressed = try Self.compressedUpRows(photo)
        let mmgr = handle.pointee.mmgr
        guard let image = HPDF_DictStream_New(mmgr, handle.pointee.xref), let parameters = HPDF_Dict_New(mmgr) else {
            try check("loading the photo")
            throw CertificateError(.pdf(step: "loading the photo", code: 0, detail: 0))
        }
        image.pointee.header.obj_class |= HPDF_UINT16(HPDF_OSUBCLASS_XOBJECT)
        HPDF_Dict_AddName(image, "Type", "XObject")
        HPDF_Dict_AddName(image, "Subtype", "Image")
        HPDF_Dict_AddName(image, "ColorSpace", "DeviceRGB")
        HPDF_Dict_AddNumber(image, "Width", HPDF_INT32(photo.width))
        HPDF_Dict_AddNumber(image, "Height", HPDF_INT32(photo.height))
        HPDF_Dict_AddNumber(image, "BitsPerComponent", 8)
        HPDF_Dict_AddNumber(parameters, "Predictor", 15)
        HPDF_Dict_AddNumber(parameters, "Colors", 3)
        HPDF_Dict_AddNumber(parameters, "BitsPerComponent", 8)
        HPDF_Dict_AddNumber(parameters, "Columns", HPDF_INT32(photo.width))
        HPDF_Dict_Add(image, "DecodeParms", parameters)
        // The stream's own filter stays "none", so libharu copies the bytes as they are; it
        // would drop a /Filter entry for such a stream, so the entry is written by this hook.
        image.pointee.write_fn = { _, stream in HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\n") }
        compressed.withUnsafeBufferPointer { _ = HPDF_Stream_Write(image.pointee.stream, $0.baseAddress, HPDF_UINT($0.count)) }
        try check("loading the photo")
        return image
    }

    /// The photo's rows, each prefixed with PNG filter type 2 (Up) and holding the byte-wise
    /// difference from the row above (the first row from zeros), zlib-compressed.
    static func compressedUpRows(_ photo: CertificatePhoto) throws -> [UInt8] {
        let rowBytes = photo.width * 3
        let filteredCount = (rowBytes + 1) * photo.height
        let filtered = [UInt8](unsafeUninitializedCapacity: filteredCount) { out, initialized in
            photo.rgb.withUnsafeBufferPointer { pixels in
                // Both are non-empty: a photo has at least one pixel.
                guard let source = pixels.baseAddress, let target = out.baseAddress else { return }
                for row in 0..<photo.height {
                    let line = target + (rowBytes + 1) * row + 1, current = source + rowBytes * row
                    line[-1] = 2
                    if row == 0 {
                        line.update(from: current, count: rowBytes)
                    } else {
                        let above = current - rowBytes
                        for i in 0..<rowBytes { line[i] = current[i] &- above[i] }
                    }
                }
                initialized = filteredCount
            }
        }
        return try ParallelDeflate.zlib(filtered, level: imageCompressionLevel)
    }
}

