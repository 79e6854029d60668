import ClearanceService
import Foundation

/// Writing a report or export file: never over anything but a regular file, and only with --force.
enum ReportFile {
    /// - Throws: conflict when `path` exists and `force` is false, or is not a regular file.
    static func checkWritable(_ path: String, force: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil else { return }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let type = attributes?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw ServiceError.conflict("\(path) exists and is not a regular file; write it somewhere else")
        }
        guard force else { throw ServiceError.conflict("\(path) exists; pass --force to replace it, or choose another --out") }
    }

    /// Writes `data` to a temporary file beside `path`, then renames it into place.
    static func write(_ data: Data, to path: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw ServiceError.invalid(field: "out", "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
