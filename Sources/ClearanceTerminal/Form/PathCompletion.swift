import Foundation

/// Completing a file path typed in an image field (Tab), as a shell does: the typed path's
/// folder is listed, and the entries that start with its last part (folders, and PNG files)
/// complete it as far as they agree.
///
/// ```swift
/// PathCompletion.complete("photos/had")   // .completed("photos/haddad.png")
/// ```
public enum PathCompletion {
    public enum Result: Equatable, Sendable {
        /// The path was extended (a folder ends with `/`).
        case completed(String)
        /// Several entries match and the path cannot be extended: their names.
        case choices([String])
        /// Nothing to complete: empty, already whole, or nothing matches.
        case none
    }

    /// What Tab does with `typed`; relative paths are from `directory` (the current one).
    public static func complete(_ typed: String, from directory: String = FileManager.default.currentDirectoryPath) -> Result {
        guard !typed.isEmpty else { return .none }
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var folder = folderPart.isEmpty ? directory : folderPart
        if folder.hasPrefix("~/") { folder = NSHomeDirectory() + folder.dropFirst(1) }
        else if !folder.hasPrefix("/") { folder = (directory as NSString).appendingPathComponent(folder) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return .none }
        var isFolder: [String: Bool] = [:]
        let matching = names.filter { name in
            guard name.hasPrefix(prefix), prefix.hasPrefix(".") || !name.hasPrefix(".") else { return false }
            var d: ObjCBool = false
            FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &d)
            isFolder[name] = d.boolValue
            return d.boolValue || name.lowercased().hasSuffix(".png")
        }.sorted()
        guard let first = matching.first else { return .none }
        if matching.count == 1 {
            let whole = folderPart + first + (isFolder[first] == true ? "/" : "")
            return whole == typed ? .none : .completed(whole)
        }
        var common = first
        for name in matching.dropFirst() { while !name.hasPrefix(common) { common.removeLast() } }
        return common.count > prefix.count ? .completed(folderPart + common) : .choices(matching.map { $0 + (isFolder[$0] == true ? "/" : "") })
    }
}

extension FormSession {
    /// Tab in an image field: completes the typed path and keeps the focus (true), or lists the
    /// files that match; a second Tab on the same list, or nothing to complete, goes on (false).
    mutating func completePath() -> Bool {
        switch PathCompletion.complete(buffer) {
        case .completed(let path):
            buffer = path
            message = nil
            return true
        case .choices(let names):
            let shown = t("form.path_choices", ["files": names.prefix(8).joined(separator: "  ") + (names.count > 8 ? "  …" : "")])
            if message == shown { return false }
            message = shown
            return true
        case .none:
            return false
        }
    }
}
