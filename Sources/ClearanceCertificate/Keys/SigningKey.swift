import Crypto
import Foundation

/// A clinic's Ed25519 signing key, used by medical officers to sign fitness certificates.
///
/// The private key lives in a text file readable only by its owner (mode 0600). `write(to:)`
/// creates the file with that mode atomically and never overwrites an existing key; `load(from:)`
/// refuses a file that group or others can read.
///
/// ```swift
/// let key = SigningKey.generate()
/// try key.write(to: URL(fileURLWithPath: "/etc/clearance/clinic.key"))
/// let same = try SigningKey.load(from: URL(fileURLWithPath: "/etc/clearance/clinic.key"))
/// print(same.publicKey.exportText())
/// ```
public struct SigningKey: Sendable {
    static let label = "CLEARANCE PRIVATE KEY"
    /// Key files are tiny; anything larger is not a key file.
    static let maximumFileSize = 64 * 1024

    let key: Curve25519.Signing.PrivateKey

    /// The matching public key (give this to whoever verifies certificates).
    public let publicKey: CertificatePublicKey

    /// The key id (first 8 bytes of SHA-256 of the raw public key, hex).
    public var keyID: KeyID { publicKey.keyID }

    init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
        publicKey = CertificatePublicKey(key: key.publicKey)
    }

    /// A new key from the system's secure random generator.
    public static func generate() -> SigningKey {
        SigningKey(key: Curve25519.Signing.PrivateKey())
    }

    /// A key from its raw 32-byte seed (tests use fixed seeds).
    /// - Throws: `CertificateError` when `rawRepresentation` is not 32 bytes.
    public init(rawRepresentation: Data) throws {
        do {
            self.init(key: try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation))
        } catch {
            throw CertificateError(.invalidField(field: "private key",
                reason: "expected 32 bytes, found \(rawRepresentation.count)"))
        }
    }

    /// Signs `message` (Ed25519, 64-byte signature).
    public func signature(for message: Data) throws -> Data {
        try key.signature(for: message)
    }

    // MARK: - Files

    /// Writes the private key to a new file created with mode 0600.
    ///
    /// The file is opened with `O_CREAT | O_EXCL` and mode 0600 (then `fchmod` to 0600 whatever
    /// the umask), so it never exists with wider permissions, and an existing key is never
    /// replaced.
    /// - Parameter url: Path of the key file to create.
    /// - Throws: `CertificateError` when the file exists or cannot be written.
    public func write(to url: URL) throws {
        let path = url.path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST { throw CertificateError(.keyFileExists(path: path)) }
            throw CertificateError(.keyFileWrite(path: path, reason: String(cString: strerror(code))))
        }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(path) }
        }
        guard fchmod(fd, 0o600) == 0 else {
            throw CertificateError(.keyFileWrite(path: path, reason: String(cString: strerror(errno))))
        }
        let text = ArmoredText.encode(label: Self.label, keyID: keyID, bytes: key.rawRepresentation)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CertificateError(.keyFileWrite(path: path, reason: String(cString: strerror(errno))))
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            throw CertificateError(.keyFileWrite(path: path, reason: String(cString: strerror(errno))))
        }
        ok = true
    }

    /// Reads a private key file written by `write(to:)`.
    ///
    /// - Parameter url: Path of the key file.
    /// - Returns: The signing key.
    /// - Throws: `CertificateError` when the file is readable by group or others (with the
    ///   `chmod 600` to run), unreadable, or not a Clearance private key.
    public static func load(from url: URL) throws -> SigningKey {
        let path = url.path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CertificateError(.keyFileUnreadable(path: path, reason: String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw CertificateError(.keyFileUnreadable(path: path, reason: String(cString: strerror(errno))))
        }
        guard (info.st_mode & 0o170000) == 0o100000 else {   // S_IFMT, S_IFREG
            throw CertificateError(.keyFileUnreadable(path: path, reason: "not a regular file"))
        }
        let permissions = info.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw CertificateError(.keyFilePermissions(path: path, mode: "0" + String(permissions, radix: 8)))
        }
        guard Int(info.st_size) <= maximumFileSize else {
            throw CertificateError(.keyFileMalformed(path: path, reason: "file is \(info.st_size) bytes, too large"))
        }
        var buffer = [UInt8](repeating: 0, count: maximumFileSize + 1)
        var total = 0
        while total < buffer.count {
            let n = buffer[total...].withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CertificateError(.keyFileUnreadable(path: path, reason: String(cString: strerror(errno))))
            }
            if n == 0 { break }
            total += n
        }
        guard total <= maximumFileSize, let text = String(bytes: buffer[..<total], encoding: .utf8) else {
            throw CertificateError(.keyFileMalformed(path: path, reason: "not UTF-8 text of at most 64 KiB"))
        }
        switch ArmoredText.decode(label: label, text: text) {
        case .failure(let failure):
            throw CertificateError(.keyFileMalformed(path: path, reason: failure.reason))
        case .success(let (headerID, bytes)):
            guard bytes.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
                throw CertificateError(.keyFileMalformed(path: path, reason: "the key body is not 32 bytes"))
            }
            let signing = SigningKey(key: key)
            if let headerID, headerID != signing.keyID {
                throw CertificateError(.keyFileMalformed(path: path,
                    reason: "Key-Id line says \(headerID.hex) but the key's id is \(signing.keyID.hex)"))
            }
            return signing
        }
    }
}

// File-scope wrappers: inside `SigningKey` the names `write` and `read` are shadowed by methods.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
