import Foundation

/// Finds the signed payload and facts that `CertificateRenderer` stores in a PDF's Info
/// `Keywords` entry: `(CLR1:<payload>.<signature> CLRF1:<base64url facts>)`.
///
/// The Info dictionary is written uncompressed, so both are plain runs of base64url characters
/// in the file's bytes; no PDF parser is needed. A version-1 certificate has no facts part.
enum PDFPayloadExtractor {
    /// Characters that may follow `CLR1:` in a payload.
    static let payloadBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".utf8)
    /// What starts the facts part, after the payload and one space.
    static let factsPrefix = "CLRF1:"
    /// Longest facts text read (real ones are a few kilobytes).
    static let maximumFactsLength = 64 * 1024

    /// The first payload text found in `pdf`, or nil.
    static func payload(in pdf: Data) -> String? {
        keywords(in: pdf).map { String(decoding: $0.payload, as: UTF8.self) }
    }

    /// The canonical facts bytes stored after the payload, or nil (none, or not base64url).
    static func facts(in pdf: Data) -> Data? {
        guard let facts = keywords(in: pdf)?.facts else { return nil }
        return Base64URL.decode(Substring(String(decoding: facts, as: UTF8.self)))
    }

    /// The payload bytes and, when present, the facts' base64url bytes.
    private static func keywords(in pdf: Data) -> (payload: ArraySlice<UInt8>, facts: ArraySlice<UInt8>?)? {
        let marker = Array("/Keywords (CLR1:".utf8)
        let bytes = [UInt8](pdf)
        guard bytes.count >= marker.count else { return nil }
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker {
                let start = index + marker.count - "CLR1:".utf8.count
                let end = run(bytes, from: index + marker.count, limit: SignedPayload.maximumLength, start: start)
                let prefix = Array((" " + factsPrefix).utf8)
                guard end + prefix.count <= bytes.count, Array(bytes[end..<(end + prefix.count)]) == prefix else {
                    return (bytes[start..<end], nil)
                }
                let factsStart = end + prefix.count
                let factsEnd = run(bytes, from: factsStart, limit: maximumFactsLength, start: factsStart)
                return (bytes[start..<end], bytes[factsStart..<factsEnd])
            }
            index += 1
        }
        return nil
    }

    /// The end of the run of payload characters from `from`, at most `limit` after `start`.
    private static func run(_ bytes: [UInt8], from: Int, limit: Int, start: Int) -> Int {
        var end = from
        while end < bytes.count, payloadBytes.contains(bytes[end]), end - start < limit { end += 1 }
        return end
    }

    /// Whether `data` starts like a PDF file.
    static func isPDF(_ data: Data) -> Bool { data.starts(with: Array("%PDF-".utf8)) }
}
