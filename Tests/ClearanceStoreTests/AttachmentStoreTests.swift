import ClearanceStore
import Foundation
import GRDB
import Testing

@Suite struct AttachmentStoreTests {
    @Test func bytesAreKeptUnchangedWithHashAndListedWithoutBlobs() throws {
        let f = try Fixture()
        let encounterID = try f.save(.init(["photo": .image(1)]))
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF] + Array(repeating: 7, count: 1000))
        let info = try f.db.write { [f] db throws in
            try AttachmentStore.insert(db, bytes: bytes, mediaType: "image/png", kind: "chest-x-ray",
                                       personID: f.personID, encounterID: encounterID, by: "radiographer1", at: f.clock.now)
        }
        #expect(info.byteSize == 1006)
        #expect(info.sha256.count == 64)
        try f.db.read { db throws in
            #expect(try AttachmentStore.bytes(db, id: info.id) == bytes)
            #expect(try AttachmentStore.info(db, id: info.id) == info)
            #expect(try AttachmentStore.infos(db, encounterID: encounterID) == [info])
            #expect(try AttachmentStore.bytes(db, id: 999) == nil)
        }
        // SHA-256 of the known bytes "abc".
        let abc = try f.db.write { [f] db throws in
            try AttachmentStore.insert(db, bytes: Data("abc".utf8), mediaType: "text/plain", kind: "note", by: "u", at: f.clock.now)
        }
        #expect(abc.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
