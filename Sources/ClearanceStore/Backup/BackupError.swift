import Foundation

/// A backup that cannot be written, read or restored. Says which file and what to do.
///
/// Extensible: a public struct wrapping a private enum.
public struct BackupError: Error, Sendable, CustomStringConvertible, Equatable {
    enum Kind: Sendable, Equatable {
        case corrupt(String)
        case wrongSecret(String)
        case file(String)
        case refused(String)
    }
    let kind: Kind

    /// The file is damaged or not a Clearance backup.
    public static func corrupt(_ message: String) -> BackupError { BackupError(kind: .corrupt(message)) }
    /// The passphrase or key file does not open the backup.
    public static func wrongSecret(_ message: String) -> BackupError { BackupError(kind: .wrongSecret(message)) }
    /// A file cannot be read or written.
    public static func file(_ message: String) -> BackupError { BackupError(kind: .file(message)) }
    /// The operation would harm something (overwrite an existing database or key).
    public static func refused(_ message: String) -> BackupError { BackupError(kind: .refused(message)) }

    /// True for a damaged or foreign file.
    public var isCorrupt: Bool { if case .corrupt = kind { return true }; return false }
    /// True when the secret does not open the backup.
    public var isWrongSecret: Bool { if case .wrongSecret = kind { return true }; return false }
    /// True when the operation was refused to protect existing files.
    public var isRefused: Bool { if case .refused = kind { return true }; return false }

    public var description: String {
        switch kind {
        case .corrupt(let m), .wrongSecret(let m), .file(let m), .refused(let m): return m
        }
    }
}
