import Foundation

extension ClinicService {
    /// Checks a PNG file as every attachment write checks it (exists, readable, within the
    /// size limits, a PNG that decodes), without storing anything: for front ends that take a
    /// file path and say at once what is wrong with it (the recorder's registration photo).
    ///
    /// - Throws: ``ServiceError`` forbidden (no ``Privilege/attachImages``), invalid naming the file.
    public func checkImage(fileAt path: String, by session: Session) throws {
        try session.require(.attachImages)
        let bytes = try Self.readImageFile(path)
        _ = try Self.processImage(bytes, source: path)
    }
}
