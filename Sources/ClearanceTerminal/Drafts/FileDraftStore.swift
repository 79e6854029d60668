import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drafts as JSON files in one directory, one file a draft, readable by the owner only.
///
/// Each save writes a temporary file (mode 0600), flushes it to disk and renames it over
/// the old one, so a crash leaves either the previous or the new draft. Drafts hold
/// medical answers: the directory is created with mode 0700.
///
/// ```swift
/// let store = try FileDraftStore(directory: URL(fileURLWithPath: "/var/lib/clearance/drafts"))
/// try store.save(draft)
/// let offers = try store.pending()
/// ```
public struct FileDraftStore: DraftStore {
    public let directory: URL

    /// - Throws: ``DraftStoreError`` when the directory cannot be created.
    public init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw DraftStoreError.unwritable(directory.path, "\(error.localizedDescription)")
        }
    }

    /// The file of a draft id: the id with anything but letters, digits, `-` and `_` as `_`,
    /// plus a short hash so that distinct ids never share a file.
    public func fileURL(for id: String) -> URL {
        let safe = String(id.unicodeScalars.map { s -> Character in
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_")) ? Character(s) : "_"
        }.prefix(80))
        var h: UInt64 = 0xcbf29ce484222325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return directory.appendingPathComponent("\(safe)-\(String(h, radix: 16)).draft.json")
    }

    public func save(_ draft: Draft) throws {
        let url = fileURL(for: draft.id)
        let data = try draft.jsonData()
        let tmp = url.path + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw DraftStoreError.unwritable(tmp, String(cString: strerror(errno))) }
        let ok = data.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 { if errno == EINTR { continue }; return false }
                off += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok, rename(tmp, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw DraftStoreError.unwritable(url.path, reason)
        }
    }

    public func load(id: String) throws -> Draft? {
        let url = fileURL(for: id)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DraftStoreError.unreadable(url.path, "cannot open the file")
        }
        return try Draft(jsonData: data, file: url.path)
    }

    public func remove(id: String) throws {
        let path = fileURL(for: id).path
        if unlink(path) != 0, errno != ENOENT {
            throw DraftStoreError.unwritable(path, String(cString: strerror(errno)))
        }
    }

    public func pending() throws -> [Draft] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var drafts: [Draft] = []
        for name in names.sorted() where name.hasSuffix(".draft.json") {
            let path = directory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DraftStoreError.unreadable(path, "cannot open the file")
            }
            drafts.append(try Draft(jsonData: data, file: path))
        }
        return drafts.sorted { $0.savedAt > $1.savedAt }
    }
}

/// Drafts kept in memory (tests, benchmarks, and sessions that must not touch the disk).
public final class InMemoryDraftStore: DraftStore, @unchecked Sendable {
    private var drafts: [String: Draft] = [:]
    private let lock = NSLock()
    public init() {}
    public func save(_ draft: Draft) throws { lock.lock(); drafts[draft.id] = draft; lock.unlock() }
    public func load(id: String) throws -> Draft? { lock.lock(); defer { lock.unlock() }; return drafts[id] }
    public func remove(id: String) throws { lock.lock(); drafts[id] = nil; lock.unlock() }
    public func pending() throws -> [Draft] {
        lock.lock(); defer { lock.unlock() }
        return drafts.values.sorted { $0.savedAt > $1.savedAt }
    }
}
