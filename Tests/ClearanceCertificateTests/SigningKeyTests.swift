@testable import ClearanceCertificate
import Foundation
import Testing

@Suite struct SigningKeyTests {
    @Test func writtenKeyFileHasMode0600AndLoadsBack() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("clinic.key")
        let key = SigningKey.generate()
        try key.write(to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let loaded = try SigningKey.load(from: url)
        #expect(loaded.keyID == key.keyID)
        #expect(loaded.publicKey.rawRepresentation == key.publicKey.rawRepresentation)
    }

    @Test func writeRefusesToOverwriteAnExistingKey() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("clinic.key")
        let first = try Fixtures.key(seed: 1)
        try first.write(to: url)
        #expect(throws: CertificateError(.keyFileExists(path: url.path))) {
            try Fixtures.key(seed: 2).write(to: url)
        }
        #expect(try SigningKey.load(from: url).keyID == first.keyID)
    }

    @Test func loadRefusesAKeyReadableByOthers() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("clinic.key")
        try Fixtures.key().write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        do {
            _ = try SigningKey.load(from: url)
            Issue.record("a 0644 key file was accepted")
        } catch let error as CertificateError {
            #expect(error.description.contains("0644"))
            #expect(error.description.contains("chmod 600 \(url.path)"))
        }
    }

    @Test func loadRejectsGarbageWithTheFileName() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("notakey.key")
        FileManager.default.createFile(atPath: url.path, contents: Data("hello".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: CertificateError.self) { try SigningKey.load(from: url) }
        do { _ = try SigningKey.load(from: url) } catch { #expect("\(error)".contains("notakey.key")) }
    }

    @Test func keyIDIsFirstEightBytesOfSHA256OfPublicKey() throws {
        let key = try Fixtures.key()
        #expect(key.keyID.hex.count == 16)
        #expect(key.keyID.hex.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(key.keyID != (try Fixtures.key(seed: 2)).keyID)
    }

    @Test func publicKeyTextRoundTripsAndDetectsAnEditedKeyID() throws {
        let key = try Fixtures.key()
        let text = key.publicKey.exportText()
        #expect(text.hasPrefix("-----BEGIN CLEARANCE PUBLIC KEY-----\nKey-Id: \(key.keyID.hex)\n"))
        let parsed = try CertificatePublicKey(text: text)
        #expect(parsed.keyID == key.keyID)
        let edited = text.replacingOccurrences(of: key.keyID.hex, with: "0000000000000000")
        #expect(throws: CertificateError.self) { try CertificatePublicKey(text: edited) }
        #expect(throws: CertificateError.self) { try CertificatePublicKey(text: "not a key") }
    }
}
