@testable import ClearanceCertificate
import ClearanceCore
import Foundation
import Testing

/// A renderer reuses its libharu documents; the PDFs must not notice.
@Suite struct RendererReuseTests {
    let key: SigningKey
    init() throws { key = try Fixtures.key() }

    func signed(_ surname: String, given: String = "Ada Chiamaka", seed: UInt64 = 7) throws -> CertificateDocument {
        Fixtures.document(surname: surname, given: given, seed: seed)
    }

    @Test func aReusedRendererWritesTheSameBytesAsANewOne() throws {
        let photo = try Fixtures.photo()
        let latin = try signed("OKAFOR")
        let other = try signed("Иванова Мария", given: "محمد", seed: 9)
        let fresh = try Fixtures.renderer.pdf(latin, photo: photo, key: key)
        let freshOther = try Fixtures.renderer.pdf(other, photo: nil, key: key)

        let renderer = Fixtures.renderer
        #expect(try renderer.pdf(latin, photo: photo, key: key) == fresh)
        #expect(try renderer.pdf(other, photo: nil, key: key) == freshOther)
        #expect(try renderer.pdf(latin, photo: photo, key: key) == fresh, "glyphs of the previous PDF leaked into this one")
        #expect(try renderer.pdf(other, photo: nil, key: key) == freshOther)
    }

    @Test func aFailedRenderDoesNotSpoilTheNextOne() throws {
        let renderer = Fixtures.renderer
        let good = try signed("OKAFOR")
        let expected = try Fixtures.renderer.pdf(good, photo: nil, key: key)
        var overfull = Fixtures.document(conditions: Array(repeating: String(repeating: "Follow up with the clinic. ", count: 10), count: 4))
        overfull.tests = (1...12).map { CertificateTestLine(test: "Test number \($0)", date: nil, done: true) }
        #expect(throws: CertificateError.self) { try renderer.pdf(overfull, photo: nil, key: key) }
        #expect(try renderer.pdf(good, photo: nil, key: key) == expected)
    }

    @Test func concurrentRendersWithOneRendererAreCorrect() throws {
        let renderer = Fixtures.renderer
        let photo = try Fixtures.photo()
        let docs = try (0..<6).map { try signed("OKAFOR", seed: UInt64(20 + $0)) }
        let expected = try docs.map { try Fixtures.renderer.pdf($0, photo: photo, key: key) }
        let results = Results(count: 24)
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            results.set(index, try? renderer.pdf(docs[index % docs.count], photo: photo, key: key))
        }
        for index in 0..<24 {
            #expect(results.value(index) == expected[index % docs.count], "render \(index) differs")
        }
    }

    /// PDFs written by concurrent renders, collected under a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Data?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Data?) { lock.lock(); values[index] = value; lock.unlock() }
        func value(_ index: Int) -> Data? { lock.lock(); defer { lock.unlock() }; return values[index] }
    }
}
