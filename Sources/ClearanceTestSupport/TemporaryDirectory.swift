import Foundation

/// A fresh directory under the system's temporary folder, removed by ``remove()`` (or when
/// the value is deinitialized).
///
/// ```swift
/// let dir = try TemporaryDirectory()
/// let path = dir.path("clinic.sqlite")
/// ```
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory's URL.
    public let url: URL

    /// Creates `<tmp>/clearance-<prefix>-<uuid>/`.
    /// - Throws: A file system error when the directory cannot be created.
    public init(prefix: String = "test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("clearance-\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Deletes the directory and everything in it.
    public func remove() { try? FileManager.default.removeItem(at: url) }

    deinit { remove() }
}
