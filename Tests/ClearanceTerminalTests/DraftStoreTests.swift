import ClearanceCore
import Foundation
import Testing
@testable import ClearanceTerminal

@Suite struct DraftStoreTests {
    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("clearance-drafts-\(UUID().uuidString)")
    }

    @Test func roundTripsEveryValueKindAndListsNewestFirst() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileDraftStore(directory: dir)
        let answers = Answers(["t": .text("王秀英 \"q\""), "i": .integer(-5), "d": .decimal(0.35), "day": .date(TestForms.today),
                               "b": .bool(false), "c": .choice("pos"), "m": .choices(["a", "b"]), "img": .image(42),
                               "g": .group([Answers(["smear": .choice("neg")]), Answers()])])
        let old = Draft(id: "case-1/tb/ana", form: TestForms.tb, savedAt: Date(timeIntervalSince1970: 100),
                        context: ["person": "Ana"], answers: answers, imageFiles: ["img": "/tmp/x.png"])
        let new = Draft(id: "case-2/tb/ana", form: TestForms.tb, savedAt: Date(timeIntervalSince1970: 200), answers: Answers())
        try store.save(old); try store.save(new)
        #expect(try store.load(id: "case-1/tb/ana") == old)
        #expect(try store.pending().map(\.id) == ["case-2/tb/ana", "case-1/tb/ana"])
        #expect(try store.load(id: "case-1/tb/ana")?.matches(TestForms.tb) == true)
        let attrs = try FileManager.default.attributesOfItem(atPath: store.fileURL(for: old.id).path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        try store.remove(id: "case-2/tb/ana")
        try store.remove(id: "case-2/tb/ana")   // absent: no error
        #expect(try store.pending().map(\.id) == ["case-1/tb/ana"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func aCorruptDraftIsReportedWithItsFile() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileDraftStore(directory: dir)
        let url = store.fileURL(for: "broken")
        try Data("{not json".utf8).write(to: url)
        #expect { try store.pending() } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("move the file away")
        }
    }

    @Test func distinctIdsNeverShareAFile() throws {
        let store = try FileDraftStore(directory: tempDir())
        #expect(store.fileURL(for: "a/b") != store.fileURL(for: "a_b"))
        #expect(!store.fileURL(for: "../../etc/passwd").lastPathComponent.contains("/"))
    }
}
