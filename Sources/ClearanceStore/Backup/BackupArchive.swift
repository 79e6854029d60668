import Crypto
import Foundation

/// The backup file: compressed, encrypted, with its own digest.
///
/// Layout (integers big-endian):
///
/// ```
/// "CLRBAK01"                         magic, 8 bytes
/// u32 H, H bytes                     header: JSON (format, time, key slots, contents); not secret
/// repeated: u32 S, u32 P, S bytes    a piece: ChaChaPoly(nonce = piece index, AAD = SHA-256(header) + index)
///                                    of brotli(P plain bytes), P <= 1 MiB
/// u32 0                              end of pieces
/// 32 bytes                           SHA-256 of every byte before it: the backup's own digest
/// ```
///
/// The plain bytes, joined, are the *payload*: entries `u16 name length, name, u64 size, bytes`,
/// the database first, then any extra files (the signing key when asked), and last
/// `manifest.json`, a ``BackupManifest`` with each entry's size and SHA-256 and the snapshot's
/// counts. Moving, dropping or editing a piece fails its tag; cutting the file short loses the
/// manifest; the digest lets a copy be checked without the passphrase (``inspect(_:)``).
///
/// Pieces are compressed and sealed on every core while the next ones are read and hashed, a
/// few in flight at a time, so memory stays at a few MiB whatever the database's size.
public enum BackupArchive {
    static let magic = Array("CLRBAK01".utf8)
    /// Plain bytes per piece.
    public static let pieceSize = 1 << 20
    /// The payload entry that closes every backup.
    public static let manifestName = "manifest.json"
    /// The payload entry holding the database snapshot.
    public static let databaseName = "clinic.sqlite"

    /// What the header says (readable without any secret).
    public struct Header: Codable, Hashable, Sendable {
        public var format: Int
        /// When the backup was made (store timestamp).
        public var createdAt: String
        /// The payload entries' names, in order (without the manifest).
        public var contents: [String]
        /// How each piece is compressed (`brotli`).
        public var compression: String
        var slots: [BackupKeySlot]
        /// How the content key is sealed: `scrypt` (passphrase), `x25519` (key file), one per slot.
        public var lockedWith: [String] { slots.map(\.kind) }

        enum CodingKeys: String, CodingKey { case format, createdAt = "created_at", contents, compression, slots }
    }

    /// A file to put in the payload.
    public struct Entry: Sendable {
        public var name: String
        public var source: URL
        public init(name: String, source: URL) { self.name = name; self.source = source }
    }

    /// What ``inspect(_:)`` finds without a secret.
    public struct Inspection: Sendable {
        public var header: Header
        /// The SHA-256 the file ends with, hex; it matched the bytes before it.
        public var digest: String
        public var pieces: Int
        public var bytes: Int
    }

    // MARK: - Writing

    /// Writes the backup of `entries` and `manifest` to `url` (created with mode 0600; refused
    /// when it exists) and syncs it to disk.
    ///
    /// - Parameters:
    ///   - manifest: Completed with each entry's size and SHA-256 as they are read.
    ///   - recipients: Who can open it; at least one.
    /// - Returns: The manifest as written, and the file's digest (hex).
    /// - Throws: ``BackupError``.
    public static func write(to url: URL, entries: [Entry], manifest: BackupManifest, recipients: [BackupRecipient],
                             createdAt: String) throws -> (manifest: BackupManifest, digest: String, bytes: Int) {
        try write(to: url, entries: entries, manifest: manifest, lock: try Lock(recipients), createdAt: createdAt)
    }

    /// A fresh content key sealed for each recipient: the slow part of a passphrase (scrypt),
    /// which a caller can make while it takes the snapshot.
    public struct Lock: Sendable {
        let contentKey: SymmetricKey
        let slots: [BackupKeySlot]

        /// - Throws: ``BackupError``: refused without a recipient.
        public init(_ recipients: [BackupRecipient]) throws {
            guard !recipients.isEmpty else { throw BackupError.refused("a backup needs a passphrase or a public key to lock it with") }
            let key = SymmetricKey(size: .bits256)
            contentKey = key
            slots = try recipients.map { try BackupKeySlot.make(for: $0, contentKey: key) }
        }
    }

    /// ``write(to:entries:manifest:recipients:createdAt:)`` with the content key already sealed.
    public static func write(to url: URL, entries: [Entry], manifest: BackupManifest, lock: Lock,
                             createdAt: String) throws -> (manifest: BackupManifest, digest: String, bytes: Int) {
        let contentKey = lock.contentKey
        let header = Header(format: 1, createdAt: createdAt, contents: entries.map(\.name), compression: BackupCompression.name,
                            slots: lock.slots)
        let headerBytes = Array(try JSONEncoder.sorted.encode(header))
        let out = try OutputFile(create: url)
        var writer = PieceWriter(out: out, key: contentKey, headerDigest: Array(SHA256.hash(data: headerBytes)))
        do {
            try out.write(magic + be32(headerBytes.count) + headerBytes)
            var manifest = manifest
            manifest.entries = []
            for entry in entries {
                manifest.entries.append(try writer.addFile(entry.name, entry.source))
            }
            let manifestBytes = Array(try JSONEncoder.sorted.encode(manifest))
            try writer.addBytes(manifestName, manifestBytes)
            try writer.finish()
            try out.write(be32(0))
            let digest = out.digest()
            try out.write(digest)
            try out.sync()
            try out.close()
            return (manifest, hex(digest), out.written)
        } catch {
            try? out.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    // MARK: - Reading

    /// Checks the file's framing and digest without opening it (no secret needed).
    /// - Throws: ``BackupError`` naming what is wrong.
    public static func inspect(_ url: URL) throws -> Inspection {
        let input = try InputFile(url)
        let header = try readHeader(input)
        var pieces = 0
        while true {
            let sealed = try input.u32()
            if sealed == 0 { break }
            _ = try input.u32()
            guard sealed <= pieceSize + 4096 else { throw BackupError.corrupt("\(url.path): piece \(pieces) has an impossible length") }
            try input.skip(sealed)
            pieces += 1
        }
        let digest = try input.checkTrailer()
        return Inspection(header: header, digest: hex(digest), pieces: pieces, bytes: input.offset + 32)
    }

    /// Opens the backup and streams every payload entry to the file `sink` gives for its name
    /// (nil skips the entry), checking every tag, each entry's SHA-256 against the manifest and
    /// the file's digest.
    ///
    /// - Returns: The header and the manifest.
    /// - Throws: ``BackupError``: wrong secret, damaged file, or an entry that does not match.
    public static func read(_ url: URL, unlock: BackupUnlock, sink: @escaping (String) throws -> URL?) throws -> (header: Header, manifest: BackupManifest, digest: String) {
        let input = try InputFile(url)
        let header = try readHeader(input)
        var key: SymmetricKey?
        for slot in header.slots { if let k = try slot.open(unlock) { key = k; break } }
        guard let key else {
            switch unlock {
            case .passphrase: throw BackupError.wrongSecret("\(url.path): the passphrase does not open this backup (it is locked with: \(header.lockedWith.joined(separator: ", ")))")
            case .privateKey: throw BackupError.wrongSecret("\(url.path): this private key is not one the backup was made for (it is locked with: \(header.lockedWith.joined(separator: ", ")))")
            }
        }
        var parser = PayloadParser(sink: sink)
        var index: UInt64 = 0
        let headerDigest = input.headerDigest ?? []
        while true {
            let sealedLength = try input.u32()
            if sealedLength == 0 { break }
            let plainLength = try input.u32()
            guard sealedLength <= pieceSize + 4096 else { throw BackupError.corrupt("\(url.path): piece \(index) has an impossible length") }
            let sealed = try input.bytes(sealedLength)
            let plain: [UInt8]
            do {
                let box = try ChaChaPoly.SealedBox(combined: sealed)
                let opened = try ChaChaPoly.open(box, using: key, authenticating: headerDigest + be64(index))
                plain = try BackupCompression.decompress(Array(opened), expectedSize: plainLength, piece: Int(index))
            } catch let e as BackupError { throw e } catch {
                throw BackupError.corrupt("\(url.path): piece \(index) was altered or is out of place (its tag does not verify)")
            }
            try parser.feed(plain)
            index += 1
        }
        _ = try input.checkTrailer()
        let manifest = try parser.finish(url)
        return (header, manifest, hex(input.trailer))
    }

    static func readHeader(_ input: InputFile) throws -> Header {
        guard (try? input.bytes(8)) == magic else {
            throw BackupError.corrupt("\(input.path) is not a Clearance backup (it does not start with CLRBAK01)")
        }
        let length = try input.u32()
        guard length > 0, length < 1 << 20 else { throw BackupError.corrupt("\(input.path): the header length is impossible") }
        let bytes = try input.bytes(length)
        input.headerDigest = Array(SHA256.hash(data: bytes))
        do {
            let header = try JSONDecoder().decode(Header.self, from: Data(bytes))
            guard header.format == 1, header.compression == BackupCompression.name else {
                throw BackupError.corrupt("\(input.path) is backup format \(header.format) compressed with \(header.compression); this version reads format 1 with \(BackupCompression.name) (use a newer clearance)")
            }
            return header
        } catch let e as BackupError { throw e } catch {
            throw BackupError.corrupt("\(input.path): the header is not readable (\(error))")
        }
    }
}

// MARK: - Pieces

/// Cuts the payload into pieces, compresses and seals them on every core, and writes them in
/// order. The caller's thread keeps reading and hashing while earlier pieces are compressed;
/// at most ``maxInFlight`` pieces are held at once.
struct PieceWriter {
    let out: OutputFile
    let key: SymmetricKey
    let headerDigest: [UInt8]
    var current: [UInt8] = []
    let pipeline: PiecePipeline

    init(out: OutputFile, key: SymmetricKey, headerDigest: [UInt8]) {
        self.out = out; self.key = key; self.headerDigest = headerDigest
        pipeline = PiecePipeline(out: out, key: key, headerDigest: headerDigest,
                                 maxInFlight: max(4, ProcessInfo.processInfo.activeProcessorCount * 3))
        current.reserveCapacity(BackupArchive.pieceSize)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let take = min(BackupArchive.pieceSize - current.count, bytes.count - offset)
            // One memcpy per run (appending a slice of raw bytes goes element by element).
            current.append(contentsOf: UnsafeBufferPointer(start: bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self),
                                                           count: take))
            offset += take
            if current.count == BackupArchive.pieceSize { try flushPiece() }
        }
    }

    mutating func append(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try append($0) } }

    mutating func flushPiece() throws {
        guard !current.isEmpty else { return }
        try pipeline.submit(current)
        current = []
        current.reserveCapacity(BackupArchive.pieceSize)
    }

    /// Adds a file as one entry, reading it 1 MiB at a time.
    mutating func addFile(_ name: String, _ url: URL) throws -> BackupManifest.EntryInfo {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw BackupError.file("cannot read \(url.path) for the backup") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        try append(entryHeader(name, size))
        var hasher = SHA256()
        var done = 0
        while true {
            let data = try handle.read(upToCount: BackupArchive.pieceSize) ?? Data()
            if data.isEmpty { break }
            hasher.update(data: data)
            try data.withUnsafeBytes { try append($0) }
            done += data.count
        }
        guard done == size else { throw BackupError.file("\(url.path) changed size while it was read (\(size) then \(done) bytes)") }
        return BackupManifest.EntryInfo(name: name, size: size, sha256: hex(Array(hasher.finalize())))
    }

    mutating func addBytes(_ name: String, _ bytes: [UInt8]) throws {
        try append(entryHeader(name, bytes.count))
        try append(bytes)
    }

    mutating func finish() throws {
        try flushPiece()
        try pipeline.finish()
    }

    func entryHeader(_ name: String, _ size: Int) -> [UInt8] {
        let n = Array(name.utf8)
        return [UInt8(n.count >> 8), UInt8(n.count & 0xff)] + n + be64(UInt64(size))
    }
}

/// Compresses and seals pieces on a concurrent queue and writes them to the file in order.
final class PiecePipeline: @unchecked Sendable {
    let out: OutputFile
    let key: SymmetricKey
    let headerDigest: [UInt8]
    let maxInFlight: Int
    let queue = DispatchQueue(label: "clearance.backup.pieces", qos: .userInitiated, attributes: .concurrent)
    /// Guards `done`; signalled when a piece is ready.
    let condition = NSCondition()
    var done: [UInt64: Result<(plain: Int, sealed: [UInt8]), Error>] = [:]
    /// Touched by the submitting thread only.
    var submitted: UInt64 = 0
    var written: UInt64 = 0

    init(out: OutputFile, key: SymmetricKey, headerDigest: [UInt8], maxInFlight: Int) {
        self.out = out; self.key = key; self.headerDigest = headerDigest; self.maxInFlight = maxInFlight
    }

    /// Queues a piece; first writes finished ones while too many are in flight.
    func submit(_ piece: [UInt8]) throws {
        try drain(until: { $0.submitted - $0.written < UInt64($0.maxInFlight) })
        let n = submitted
        submitted += 1
        let key = self.key, digest = headerDigest
        queue.async { [self] in
            let result = Result { () throws -> (plain: Int, sealed: [UInt8]) in
                let packed = try BackupCompression.compress(piece)
                let nonce = try ChaChaPoly.Nonce(data: [0, 0, 0, 0] + be64(n))
                let box = try ChaChaPoly.seal(packed, using: key, nonce: nonce, authenticating: digest + be64(n))
                return (piece.count, Array(box.combined))
            }
            condition.lock()
            done[n] = result
            condition.signal()
            condition.unlock()
        }
        try writeReady()
    }

    /// Waits for and writes every piece still in flight.
    func finish() throws { try drain(until: { $0.written == $0.submitted }) }

    /// Writes ready pieces in order, waiting for the next one, until `enough` holds.
    private func drain(until enough: (PiecePipeline) -> Bool) throws {
        while !enough(self) {
            condition.lock()
            while done[written] == nil { condition.wait() }
            condition.unlock()
            try writeReady()
        }
    }

    /// Writes the pieces that are ready, in order, without waiting.
    private func writeReady() throws {
        while true {
            condition.lock()
            let next = done.removeValue(forKey: written)
            condition.unlock()
            guard let next else { return }
            let piece = try next.get()
            try out.write(be32(piece.sealed.count) + be32(piece.plain) + piece.sealed)
            written += 1
        }
    }
}

/// Splits the payload back into entries and streams each to its file, hashing as it goes.
struct PayloadParser {
    let sink: (String) throws -> URL?
    var pending: [UInt8] = []
    var entry: (name: String, remaining: UInt64, handle: FileHandle?, hasher: SHA256, size: Int)?
    var seen: [BackupManifest.EntryInfo] = []
    var manifestBytes: [UInt8]?

    init(sink: @escaping (String) throws -> URL?) { self.sink = sink }

    mutating func feed(_ bytes: [UInt8]) throws {
        var input = bytes[...]
        while !input.isEmpty {
            if var e = entry {
                let take = input.prefix(Int(min(UInt64(input.count), e.remaining)))
                e.hasher.update(data: Data(take))
                if e.name == BackupArchive.manifestName { manifestBytes = (manifestBytes ?? []) + take } else { try e.handle?.write(contentsOf: Data(take)) }
                e.remaining -= UInt64(take.count)
                input = input.dropFirst(take.count)
                entry = e
                if e.remaining == 0 { try close() }
                continue
            }
            pending.append(contentsOf: input)
            input = []
            guard pending.count >= 2 else { return }
            let nameLength = Int(pending[0]) << 8 | Int(pending[1])
            guard pending.count >= 2 + nameLength + 8 else { return }
            let name = String(decoding: pending[2..<(2 + nameLength)], as: UTF8.self)
            let size = pending[(2 + nameLength)..<(10 + nameLength)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard !name.isEmpty, !name.contains(".."), !name.hasPrefix("/") else {
                throw BackupError.corrupt("the backup holds an entry with an unsafe name '\(name)'")
            }
            var handle: FileHandle?
            if name != BackupArchive.manifestName, let url = try sink(name) {
                guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
                      let h = FileHandle(forWritingAtPath: url.path) else { throw BackupError.file("cannot write \(url.path)") }
                handle = h
            }
            let rest = Array(pending[(10 + nameLength)...])
            pending = []
            entry = (name, size, handle, SHA256(), Int(size))
            if size == 0 { try close() }
            if !rest.isEmpty { try feed(rest) }
        }
    }

    mutating func close() throws {
        guard let e = entry else { return }
        if let h = e.handle { try h.synchronize(); try h.close() }
        seen.append(BackupManifest.EntryInfo(name: e.name, size: e.size, sha256: hex(Array(e.hasher.finalize()))))
        entry = nil
    }

    mutating func finish(_ url: URL) throws -> BackupManifest {
        guard entry == nil, pending.isEmpty, let manifestBytes, seen.last?.name == BackupArchive.manifestName else {
            throw BackupError.corrupt("\(url.path) ends before its manifest: the backup is incomplete")
        }
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: Data(manifestBytes)) else {
            throw BackupError.corrupt("\(url.path): the manifest is not readable")
        }
        let files = seen.dropLast()
        guard files.map(\.name) == manifest.entries.map(\.name) else {
            throw BackupError.corrupt("\(url.path): the entries (\(files.map(\.name))) are not those the manifest lists (\(manifest.entries.map(\.name)))")
        }
        for (got, want) in zip(files, manifest.entries) where got != want {
            throw BackupError.corrupt("\(url.path): \(got.name) has SHA-256 \(got.sha256) and \(got.size) bytes; the manifest says \(want.sha256), \(want.size) bytes")
        }
        return manifest
    }
}

// MARK: - Files

/// A new file written through a running SHA-256.
final class OutputFile {
    let handle: FileHandle
    let path: String
    var hasher = SHA256()
    var written = 0

    init(create url: URL) throws {
        path = url.path
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw BackupError.refused("\(url.path) already exists; choose a new file name (backups never overwrite)") }
            throw BackupError.file("cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ bytes: [UInt8]) throws {
        hasher.update(data: bytes)
        do { try handle.write(contentsOf: Data(bytes)) } catch {
            throw BackupError.file("cannot write \(path): \(error.localizedDescription) (is the disk full?)")
        }
        written += bytes.count
    }

    func digest() -> [UInt8] { Array(hasher.finalize()) }
    func sync() throws { try handle.synchronize() }
    func close() throws { try handle.close() }
}

/// A backup file read from the start, hashing every byte but the trailing digest.
final class InputFile {
    let handle: FileHandle
    let path: String
    let size: Int
    var offset = 0
    var hasher = SHA256()
    var headerDigest: [UInt8]?
    var trailer: [UInt8] = []

    init(_ url: URL) throws {
        path = url.path
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw BackupError.file("cannot read \(url.path)") }
        handle = h
        size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, offset + count <= size - 32 else {
            throw BackupError.corrupt("\(path) is cut short at byte \(offset) (the backup is incomplete)")
        }
        let data = try handle.read(upToCount: count) ?? Data()
        guard data.count == count else { throw BackupError.corrupt("\(path) is cut short at byte \(offset)") }
        hasher.update(data: data)
        offset += count
        return Array(data)
    }

    func skip(_ count: Int) throws {
        var left = count
        while left > 0 { let n = min(left, BackupArchive.pieceSize); _ = try bytes(n); left -= n }
    }

    func u32() throws -> Int { try bytes(4).reduce(0) { $0 << 8 | Int($1) } }

    /// Reads the 32-byte digest that must end the file and checks it against what was read.
    func checkTrailer() throws -> [UInt8] {
        guard offset == size - 32 else {
            throw BackupError.corrupt("\(path) has \(size - 32 - offset) unexpected bytes after its last piece")
        }
        trailer = Array(try handle.read(upToCount: 32) ?? Data())
        let digest = Array(hasher.finalize())
        guard trailer == digest else {
            throw BackupError.corrupt("\(path): the digest at its end does not match its content; the file was damaged or altered after it was written")
        }
        return digest
    }

    deinit { try? handle.close() }
}

func be32(_ n: Int) -> [UInt8] { [UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)] }
func be64(_ n: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(truncatingIfNeeded: n >> (UInt64($0) * 8)) } }
func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

extension JSONEncoder {
    static var sorted: JSONEncoder { let e = JSONEncoder(); e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]; return e }
}
