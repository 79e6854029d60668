import ClearanceCore
import Crypto
import Foundation
import GRDB

/// One stored original whose bytes no longer match what was recorded when it was attached.
public struct AttachmentMismatch: Sendable, Hashable {
    /// The attachment's id.
    public var attachmentID: Int64
    /// What is wrong, as a sentence (`SHA-256 is 3f..., recorded 9a...`).
    public var problem: String
}

extension AttachmentStore {
    /// Re-hashes every stored original, one row at a time, and compares the SHA-256 and size
    /// with the values recorded beside it.
    ///
    /// - Parameters:
    ///   - db: A read connection.
    ///   - recorded: Optional second witness per attachment id (the SHA-256 written in the
    ///     hash-chained audit log when it was attached), so that a change of both the bytes and
    ///     the `sha256` column is still found.
    /// - Returns: How many originals were checked, and every mismatch by attachment id.
    public static func verifyOriginals(_ db: Database, recorded: [Int64: String] = [:]) throws
        -> (checked: Int, mismatches: [AttachmentMismatch]) {
        var checked = 0
        var mismatches: [AttachmentMismatch] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT id, byte_size, sha256, bytes FROM attachments ORDER BY id")
        while let row = try rows.next() {
            checked += 1
            let id: Int64 = row["id"]
            let stored: String = row["sha256"]
            let size: Int64 = row["byte_size"]
            let bytes: Data = row["bytes"] ?? Data()
            let actual = SHA256.hash(data: bytes).hexString
            var problems: [String] = []
            if actual != stored { problems.append("its bytes hash to SHA-256 \(actual), but \(stored) was recorded") }
            if Int64(bytes.count) != size { problems.append("it holds \(bytes.count) bytes, but \(size) were recorded") }
            if let witness = recorded[id], witness != stored {
                problems.append("the audit log recorded SHA-256 \(witness) when it was attached, the row says \(stored)")
            }
            if !problems.isEmpty { mismatches.append(AttachmentMismatch(attachmentID: id, problem: problems.joined(separator: "; "))) }
        }
        return (checked, mismatches)
    }

    /// Sets the encounter of an attachment stored before its encounter existed (an image
    /// attached while a form was filled in). Refused by a trigger when it already has one.
    public static func link(_ db: Database, id: Int64, encounterID: Int64) throws {
        try db.execute(sql: "UPDATE attachments SET encounter_id = ? WHERE id = ? AND encounter_id IS NULL",
                       arguments: [encounterID, id])
    }
}
