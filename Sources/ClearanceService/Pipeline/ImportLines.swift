import ClearanceCore
import ClearanceStore
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a JSON Lines import file, read and checked for its shape: an item to import,
/// a line to refuse (with why), or nothing (a blank line).
public enum ImportLine: Sendable {
    case item(ImportItem)
    case refused(ImportReport.Refusal)
}

/// Reads a JSON Lines import file one line at a time (memory bounded by the longest line, not
/// by the file), with the one set of rules for what a line is:
///
/// - one JSON object `{"id": KEY, "case": ID, "answers": {...}}` per line; `id` is optional
///   (the sender's own key: a string or an integer), `case` an integer, `answers` an object;
///   `supersede` (optional) the reason the line replaces the case's final encounter of the
///   module; any other top-level name is refused;
/// - UTF-8 only: a line with an invalid byte is refused, naming the line and byte;
/// - a line may end in LF or CRLF; blank lines are skipped;
/// - a line's key is `id:` and its `id`, or, when it has none, `line:` and the SHA-256 of the
///   line's text (with `#2`, `#3` for the same text again in the file): running the same file
///   again skips every line already saved.
///
/// ```swift
/// var reader = try ImportLineReader(path: "tb.jsonl")
/// while let line = try reader.next() { ... }
/// ```
public struct ImportLineReader {
    /// The longest line accepted (bytes): a longer one is refused without being held whole.
    public static let maximumLineBytes = 16 << 20

    private let fd: Int32
    private let closeWhenDone: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var lineNumber = 0
    private var seenTexts: [String: Int] = [:]

    /// Opens `path` (`-`: standard input).
    ///
    /// - Throws: ``ServiceError`` not found for a missing file, invalid (field `file`) for a
    ///   directory, a device or a file that cannot be read.
    public init(path: String) throws {
        if path == "-" { fd = 0; closeWhenDone = false; return }
        let opened = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard opened >= 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT { throw ServiceError.notFound("cannot read \(path): no such file; give the JSON Lines file to import") }
            throw ServiceError.invalid([ValidationIssue(field: "file", message: "cannot read \(path) (\(reason))")])
        }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            closeDescriptor(opened)
            throw ServiceError.invalid([ValidationIssue(field: "file", message: "cannot read \(path) (\(String(cString: strerror(errno))))")])
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFIFO else {
            closeDescriptor(opened)
            let what = type == S_IFDIR ? "a directory" : "not a regular file"
            throw ServiceError.invalid([ValidationIssue(field: "file", message: "\(path) is \(what): give the JSON Lines file to import")])
        }
        // Blocking reads from here on (O_NONBLOCK only kept a FIFO without writer from hanging the open).
        _ = fcntl(opened, F_SETFL, fcntl(opened, F_GETFL) & ~O_NONBLOCK)
        fd = opened; closeWhenDone = true
    }

    /// Closes the file (standard input is left open).
    public func close() { if closeWhenDone { closeDescriptor(fd) } }

    /// The next non-blank line, checked; nil at the end of the file.
    /// - Throws: ``ServiceError`` invalid when the file cannot be read any further.
    public mutating func next() throws -> ImportLine? {
        while let raw = try nextRawLine() {
            lineNumber += 1
            if let line = parse(raw, line: lineNumber) { return line }
        }
        return nil
    }

    /// The bytes of the next line without its LF (nil at the end); a line past
    /// ``maximumLineBytes`` comes back as the first bytes past the limit, the rest dropped.
    private mutating func nextRawLine() throws -> ArraySlice<UInt8>? {
        var scanFrom = start
        while true {
            if let nl = buffer[scanFrom...].firstIndex(of: 0x0A) {
                let line = buffer[start..<nl]
                start = nl + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            if buffer.count - start > Self.maximumLineBytes {
                // Too long: keep a marker past the limit and skip to the end of this line.
                let head = Array(buffer[start..<(start + Self.maximumLineBytes + 1)])
                try skipPastNewline()
                return head[...]
            }
            // Compact, then read more.
            if start > 0 { buffer.removeSubrange(0..<start); start = 0 }
            scanFrom = buffer.count
            try fill()
        }
    }

    private mutating func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return }
            if n == 0 { atEnd = true; return }
            if errno == EINTR { continue }
            throw ServiceError.invalid([ValidationIssue(field: "file", message: "reading stopped after line \(lineNumber): \(String(cString: strerror(errno)))")])
        }
    }

    private mutating func skipPastNewline() throws {
        buffer.removeAll(keepingCapacity: true); start = 0
        while !atEnd {
            try fill()
            if let nl = buffer.firstIndex(of: 0x0A) { start = nl + 1; return }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// One line checked for its shape; nil for a blank line.
    private mutating func parse(_ raw: ArraySlice<UInt8>, line: Int) -> ImportLine? {
        func refuse(_ field: String, _ message: String) -> ImportLine {
            .refused(.init(index: line - 1, line: line, issues: [ValidationIssue(field: field, message: message)]))
        }
        var bytes = raw
        if bytes.last == 0x0D { bytes = bytes.dropLast() }   // CRLF
        if bytes.count > Self.maximumLineBytes {
            return refuse("(line)", "the line is longer than \(Self.maximumLineBytes >> 20) MiB; split it or shorten its answers")
        }
        if let bad = Self.firstInvalidUTF8(bytes) {
            return refuse("(line)", "not valid UTF-8 (byte \(bad + 1) of the line); save the file as UTF-8")
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        let data = Data(text.utf8)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return refuse("(line)", "not a JSON object {\"id\": KEY, \"case\": ID, \"answers\": {...}}")
        }
        if let unknown = object.keys.filter({ !["id", "case", "answers", "supersede"].contains($0) }).sorted().first {
            return refuse(unknown, "unknown name on an import line; a line holds id (optional), case, answers and supersede (optional)")
        }
        var supersede: String?
        if let given = object["supersede"] {
            guard let reason = given as? String, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                return refuse("supersede", "must be the reason (text) why this line replaces the case's earlier encounter")
            }
            supersede = reason
        }
        let header: ImportLineHeader
        do { header = try JSONDecoder().decode(ImportLineHeader.self, from: data) } catch {
            return refuse(Self.failingField(error), Self.headerMessage(error))
        }
        guard let answers = object["answers"] as? [String: Any] else {
            return refuse("answers", "must be an object of field names to answers")
        }
        let key: String
        if let id = header.id {
            guard !id.isEmpty, id.count <= ImportKeyStore.maximumKeyLength - 3 else {
                return refuse("id", "must be 1 to \(ImportKeyStore.maximumKeyLength - 3) characters")
            }
            key = "id:" + id
        } else {
            let digest = SHA256.hash(data: data).hexString
            let n = (seenTexts[digest] ?? 0) + 1
            seenTexts[digest] = n
            key = "line:" + digest + (n > 1 ? "#\(n)" : "")
        }
        return .item(ImportItem(caseID: header.caseID, json: answers, line: line, key: key, supersede: supersede))
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func failingField(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "(line)" }
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return c.codingPath.first?.stringValue ?? "(line)"
        case .keyNotFound(let k, _): return k.stringValue
        @unknown default: return "(line)"
        }
    }

    private static func headerMessage(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let k, _)? = error as? DecodingError {
            return "is missing; each line needs \"\(k.stringValue)\""
        }
        switch failingField(error) {
        case "case": return "must be a whole number, the case id (not true/false, a fraction or text)"
        case "id": return "must be text or a whole number, the sender's own key for the line"
        default: return "not a JSON object {\"id\": KEY, \"case\": ID, \"answers\": {...}}"
        }
    }
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// The typed names of an import line, decoded strictly: `case` a JSON integer, `id` a string or integer.
private struct ImportLineHeader: Decodable {
    var caseID: Int64
    var id: String?

    enum CodingKeys: String, CodingKey { case caseID = "case", id }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // A JSON true or 1.9 is not a case id: decode as Bool / Double first to refuse them.
        if (try? c.decode(Bool.self, forKey: .caseID)) != nil {
            throw DecodingError.typeMismatch(Int64.self, .init(codingPath: [CodingKeys.caseID], debugDescription: "a boolean"))
        }
        do { caseID = try c.decode(Int64.self, forKey: .caseID) } catch DecodingError.keyNotFound(let k, let context) {
            throw DecodingError.keyNotFound(k, context)
        } catch {
            // 1.9, "3", 1e400: named on `case` whatever the decoder's own path says.
            throw DecodingError.typeMismatch(Int64.self, .init(codingPath: [CodingKeys.caseID], debugDescription: "not a whole number"))
        }
        if c.contains(.id), try !c.decodeNil(forKey: .id) {
            if (try? c.decode(Bool.self, forKey: .id)) != nil {
                throw DecodingError.typeMismatch(String.self, .init(codingPath: [CodingKeys.id], debugDescription: "a boolean"))
            }
            if let s = try? c.decode(String.self, forKey: .id) { id = s }
            else if let n = try? c.decode(Int64.self, forKey: .id) { id = String(n) }
            else { throw DecodingError.typeMismatch(String.self, .init(codingPath: [CodingKeys.id], debugDescription: "not text or a whole number")) }
        } else {
            id = nil
        }
    }
}
