import CHaru
import Foundation

/// Edits a certificate PDF the way an attacker with a text editor and zlib would: inflate a
/// stream, change it, deflate it again, and rebuild the cross-reference table so every reader
/// opens the result without complaint.
enum PDFEdit {
    struct Stream {
        /// Byte range of the stream's data (between `stream\n` and `endstream`).
        var data: Range<Int>
        /// Byte range of the dictionary's `/Length N` entry.
        var length: Range<Int>
    }

    /// Every stream of `pdf` with its data range and `/Length` entry.
    static func streams(_ pdf: [UInt8]) -> [Stream] {
        var found: [Stream] = []
        let keyword = Array("stream".utf8), lengthKey = Array("/Length ".utf8)
        var index = 0
        while let at = find(keyword, in: pdf, from: index) {
            index = at + keyword.count
            guard at >= 3, pdf[at - 3..<at] != ArraySlice("end".utf8) else { continue }
            var start = at + keyword.count
            if pdf[start] == 0x0D { start += 1 }
            if pdf[start] == 0x0A { start += 1 }
            guard let dictStart = findBackward(Array("<<".utf8), in: pdf, before: at),
                  let lengthAt = find(lengthKey, in: pdf, from: dictStart), lengthAt < at else { continue }
            var end = lengthAt + lengthKey.count
            while pdf[end] >= 0x30 && pdf[end] <= 0x39 { end += 1 }
            var count = Int(String(decoding: pdf[(lengthAt + lengthKey.count)..<end], as: UTF8.self)) ?? 0
            if pdf[end..<(end + 4)] == ArraySlice(" 0 R".utf8) {
                // An indirect length: the end of the data is found by its keyword instead.
                count = (find(Array("endstream".utf8), in: pdf, from: start) ?? start) - start
                while count > 0, pdf[start + count - 1] == 0x0A || pdf[start + count - 1] == 0x0D { count -= 1 }
            }
            found.append(Stream(data: start..<(start + count), length: (lengthAt + lengthKey.count)..<end))
            index = start + count
        }
        return found
    }

    /// `pdf` with `stream`'s data replaced by `data` (its /Length updated) and the xref rebuilt.
    static func replacing(_ stream: Stream, with data: [UInt8], in pdf: [UInt8]) -> [UInt8] {
        var out = pdf
        let lengthText = String(decoding: pdf[stream.length], as: UTF8.self)
        let indirect = pdf[stream.length.upperBound..<(stream.length.upperBound + 4)] == ArraySlice(" 0 R".utf8)
        out.replaceSubrange(stream.data, with: data)
        if indirect, let at = find(Array("\n\(lengthText) 0 obj\n".utf8), in: out, from: 0) {
            // libharu writes /Length as a reference to an object holding the number.
            let start = at + "\n\(lengthText) 0 obj\n".utf8.count
            var end = start
            while out[end] >= 0x30 && out[end] <= 0x39 { end += 1 }
            out.replaceSubrange(start..<end, with: Array(String(data.count).utf8))
        } else {
            out.replaceSubrange(stream.length, with: Array(String(data.count).utf8))
        }
        return rebuiltXref(out)
    }

    /// The page content stream (the inflated stream that draws text), inflated.
    static func contentStream(_ pdf: [UInt8]) -> (Stream, [UInt8])? {
        for stream in streams(pdf) {
            if let plain = inflate(Array(pdf[stream.data])), find(Array("BT".utf8), in: plain, from: 0) != nil,
               find(Array(" Tj".utf8), in: plain, from: 0) != nil {
                return (stream, plain)
            }
        }
        return nil
    }

    /// A new classic xref table and `startxref` for the objects as they now lie in the file.
    static func rebuiltXref(_ pdf: [UInt8]) -> [UInt8] {
        guard let xrefAt = findBackward(Array("\nxref".utf8), in: pdf, before: pdf.count) else { return pdf }
        let body = Array(pdf[..<(xrefAt + 1)])
        var offsets: [Int: Int] = [:]
        let objKeyword = Array(" 0 obj".utf8)
        var i = 0
        while let at = find(objKeyword, in: body, from: i) {
            i = at + objKeyword.count
            var start = at
            while start > 0, body[start - 1] >= 0x30, body[start - 1] <= 0x39 { start -= 1 }
            guard start < at, start == 0 || body[start - 1] == 0x0A || body[start - 1] == 0x0D else { continue }
            if let number = Int(String(decoding: body[start..<at], as: UTF8.self)) { offsets[number] = start }
        }
        let count = (offsets.keys.max() ?? 0) + 1
        var table = "xref\n0 \(count)\n0000000000 65535 f\r\n"
        for number in 1..<count {
            table += offsets[number].map { String(format: "%010d 00000 n\r\n", $0) } ?? "0000000000 65535 f\r\n"
        }
        let trailerAt = find(Array("trailer".utf8), in: pdf, from: xrefAt)!
        let startxrefAt = find(Array("startxref".utf8), in: pdf, from: trailerAt)!
        let trailer = Array(pdf[trailerAt..<startxrefAt])
        return body + Array(table.utf8) + trailer + Array("startxref\n\(body.count)\n%%EOF\n".utf8)
    }

    static func inflate(_ data: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = CHaru.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                }
            } while status == Z_OK
        }
        return status == Z_STREAM_END ? output : nil
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        _ = compress(&out, &size, data, uLong(data.count))
        return Array(out[0..<Int(size)])
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func findBackward(_ needle: [UInt8], in haystack: [UInt8], before: Int) -> Int? {
        var i = min(before, haystack.count) - needle.count
        while i >= 0 {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i -= 1
        }
        return nil
    }

    /// `bytes` with every occurrence of `old` replaced by `new`.
    static func replacingAll(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        let o = Array(old.utf8), n = Array(new.utf8)
        var out: [UInt8] = [], i = 0
        while i < bytes.count {
            if i + o.count <= bytes.count, bytes[i] == o[0], Array(bytes[i..<(i + o.count)]) == o {
                out += n; i += o.count
            } else { out.append(bytes[i]); i += 1 }
        }
        return out
    }
}
