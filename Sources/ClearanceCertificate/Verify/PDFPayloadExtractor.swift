import Foundation

/// Finds the signed payload that `CertificateRenderer` stores in a PDF's Info `Keywords` entry.
///
/// The Info dictionary is written uncompressed, so the payload is a plain `CLR1:…` run of
/// base64url characters in the file's bytes; no PDF parser is needed.
enum PDFPayloadExtractor {
    /// Characters that may follow `CLR1:` in a payload.
    static let payloadBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".utf8)

    /// The first payload text found in `pdf`, or nil.
    static func payload(in pdf: Data) -> String? {
        let marker = Array("/Keywords (CLR1:".utf8)
        let bytes = [UInt8](pdf)
        guard bytes.count >= marker.count else { return nil }
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker {
                let start = index + marker.count - "CLR1:".utf8.count
                var end = index + marker.count
                while end < bytes.count, payloadBytes.contains(bytes[end]), end - start < SignedPayload.maximumLength {
                    end += 1
                }
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// Whether `data` starts like a PDF file.
    static func isPDF(_ data: Data) -> Bool { data.starts(with: Array("%PDF-".utf8)) }
}
