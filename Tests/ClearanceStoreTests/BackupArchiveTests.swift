import ClearanceStore
import ClearanceTestSupport
import Crypto
import Foundation
import GRDB
import Testing

/// The backup file as an attacker with write access to it sees it: the trailing digest is not
/// keyed, so they can always recompute it. What must still fail is in the sealed pieces.
@Suite struct BackupArchiveTests {
    /// A database of about 3 MiB of incompressible rows: several pieces.
    func bigStore() throws -> TestStore {
        let test = try TestStore()
        try test.database.write { db in
            try db.execute(sql: "CREATE TABLE filler (b BLOB)")
            for _ in 0..<48 { try db.execute(sql: "INSERT INTO filler VALUES (randomblob(65536))") }
        }
        return test
    }

    /// The pieces' byte ranges in a backup file.
    func pieces(_ data: [UInt8]) -> (prefix: Int, ranges: [Range<Int>]) {
        func u32(_ at: Int) -> Int { data[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var at = 8 + 4 + u32(8)
        let prefix = at
        var ranges: [Range<Int>] = []
        while u32(at) != 0 {
            let length = 8 + u32(at)
            ranges.append(at..<(at + length))
            at += length
        }
        return (prefix, ranges)
    }

    /// `body` of a backup with a freshly computed digest, as an attacker would write it.
    func redigested(_ body: [UInt8]) -> Data { Data(body + Array(SHA256.hash(data: body))) }

    @Test func reorderedOrDroppedPiecesAreRefusedEvenWithARecomputedDigest() throws {
        let test = try bigStore()
        let dir = try TemporaryDirectory(prefix: "backup")
        let file = URL(fileURLWithPath: dir.path("b.clbk"))
        let result = try test.database.backup(to: file, recipients: [.passphrase("the backup passphrase")], madeBy: "t", at: Date())
        #expect(result.manifest.tables["filler"] == 48)
        let data = Array(try Data(contentsOf: file))
        let (prefix, ranges) = pieces(data)
        #expect(ranges.count >= 3)
        let end = ranges.last!.upperBound
        let unlock = BackupUnlock.passphrase("the backup passphrase")

        // Two pieces swapped.
        var swapped = Array(data[0..<prefix])
        swapped += data[ranges[1]] + data[ranges[0]]
        for r in ranges.dropFirst(2) { swapped += data[r] }
        swapped += data[end..<(end + 4)]
        let a = URL(fileURLWithPath: dir.path("swapped.clbk"))
        try redigested(swapped).write(to: a)
        #expect(try BackupArchive.inspect(a).pieces == ranges.count, "the framing and new digest are fine")
        #expect { _ = try BackupArchive.read(a, unlock: unlock) { _ in nil } } throws: { ($0 as? BackupError)?.isCorrupt == true && "\($0)".contains("piece 0") }

        // The last piece (with the manifest) dropped.
        var cut = Array(data[0..<ranges.last!.lowerBound])
        cut += data[end..<(end + 4)]
        let b = URL(fileURLWithPath: dir.path("cut.clbk"))
        try redigested(cut).write(to: b)
        #expect { _ = try BackupArchive.read(b, unlock: unlock) { _ in nil } } throws: { "\($0)".contains("before its manifest") }

        // The intact file restores to the same rows; a wrong passphrase is named as such.
        #expect { _ = try BackupArchive.read(file, unlock: .passphrase("another passphrase")) { _ in nil } }
            throws: { ($0 as? BackupError)?.isWrongSecret == true }
        let restored = dir.path("restored.sqlite")
        let r = try ClinicDatabase.restore(from: file, unlock: unlock, to: restored, keyDirectory: URL(fileURLWithPath: dir.path("keys")))
        #expect(r.manifest.tables == result.manifest.tables)
        let queue = try DatabaseQueue(path: restored)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM filler") } == 48)
        // No plain snapshot is left beside the database.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: test.path).deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".clearance-backup-") }
        #expect(leftovers.isEmpty)
    }
}
