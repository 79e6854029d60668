@testable import ClearanceCertificate
import ClearanceCore
import Foundation
import Testing

@Suite struct SignedPayloadTests {
    let key: SigningKey
    let payload: CertificatePayload
    let today = Fixtures.date("2026-07-01")

    init() throws {
        key = try Fixtures.key()
        payload = try Fixtures.document().payload(keyID: key.keyID, photo: try Fixtures.photo())
    }

    @Test func signThenVerifyIsValidAndDeterministic() throws {
        let a = try SignedPayload.sign(payload, with: key)
        let b = try SignedPayload.sign(payload, with: key)
        #expect(a.text == b.text)
        #expect(a.text.hasPrefix("CLR1:"))
        #expect(a.text.count < 550)   // version 2: with the 43-character facts digest
        #expect(SignedPayload.verify(a.text, publicKey: key.publicKey, today: today) == .valid(payload))
    }

    @Test func canonicalBytesHoldOnlyTheMinimumFields() throws {
        let json = String(decoding: try payload.canonicalBytes(), as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(Set(object?.keys ?? [:].keys) == ["v", "id", "name", "dob", "doc", "out", "iss", "exp", "kid", "fct"])
        #expect(object?["v"] as? Int == 2)
        #expect(json.contains("\"name\":\"OKAFOR, Ada Chiamaka\""))
        #expect(json.contains("\"out\":\"FIT WITH CONDITIONS\""))
        for forbidden in ["HIV", "TB-", "CXR-", "AUD-"] { #expect(!json.uppercased().contains(forbidden)) }
    }

    @Test func flippingAnyPayloadCharacterIsNeverValid() throws {
        let signed = try SignedPayload.sign(payload, with: key)
        var chars = Array(signed.text)
        // A character inside the encoded date of birth (not the key id): plainly tampered.
        chars[30] = chars[30] == "A" ? "B" : "A"
        #expect(SignedPayload.verify(String(chars), publicKey: key.publicKey, today: today)
                == .tampered(reason: "the signature does not match the content"))
        for position in 0..<signed.text.count {
            var flipped = Array(signed.text)
            flipped[position] = flipped[position] == "x" ? "y" : "x"
            let result = SignedPayload.verify(String(flipped), publicKey: key.publicKey, today: today)
            #expect(!result.isValid, "flip at \(position) accepted")
            if case .tampered = result { continue }
            if case .wrongKey = result { continue }
            Issue.record("flip at \(position) gave \(result)")
        }
    }

    @Test func anotherKeyIsReportedAsWrongKey() throws {
        let signed = try SignedPayload.sign(payload, with: key)
        let other = try Fixtures.key(seed: 9)
        #expect(SignedPayload.verify(signed.text, publicKey: other.publicKey, today: today)
                == .wrongKey(expected: other.keyID, found: key.keyID))
    }

    @Test func pastExpiryIsExpiredButTheLastDayIsValid() throws {
        let signed = try SignedPayload.sign(payload, with: key)
        #expect(SignedPayload.verify(signed.text, publicKey: key.publicKey, today: payload.expiryDate) == .valid(payload))
        #expect(SignedPayload.verify(signed.text, publicKey: key.publicKey,
                                     today: payload.expiryDate.adding(days: 1)) == .expired(payload))
    }

    @Test func beforeTheIssueDateIsNotYetValidButTheIssueDayIsValid() throws {
        let signed = try SignedPayload.sign(payload, with: key)
        #expect(SignedPayload.verify(signed.text, publicKey: key.publicKey, today: payload.issueDate) == .valid(payload))
        let early = payload.issueDate.adding(days: -1)
        let result = SignedPayload.verify(signed.text, publicKey: key.publicKey, today: early)
        #expect(result == .notYetValid(payload, today: early))
        #expect(!result.isValid)
        #expect(result.summary.contains("NOT YET VALID") && result.summary.contains(payload.issueDate.description))
    }

    @Test func statusHookReportsSupersededAndRevoked() throws {
        let signed = try SignedPayload.sign(payload, with: key)
        let newer = CertificateID(value: 12345)
        var asked: [CertificateID] = []
        let superseded = SignedPayload.verify(signed.text, publicKey: key.publicKey, today: today) { id in
            asked.append(id)
            return .superseded(by: newer)
        }
        #expect(superseded == .superseded(payload, by: newer))
        #expect(asked == [payload.certificateID])
        #expect(SignedPayload.verify(signed.text, publicKey: key.publicKey, today: today) { _ in .revoked }
                == .revoked(payload))
        #expect(SignedPayload.verify(signed.text, publicKey: key.publicKey, today: today) { _ in .current }
                == .valid(payload))
    }

    @Test func garbageNeverCrashesAndIsTampered() {
        for text in ["", "CLR1:", "CLR1:.", "CLR1:abc.def", "hello", "CLR1:" + String(repeating: "A", count: 5000),
                     "CLR1:eyJ9.AAAA", "CLR1:!!!.???", "CLR1:a.b.c"] {
            let result = SignedPayload.verify(text, publicKey: key.publicKey, today: today)
            if case .tampered = result {} else { Issue.record("\(text.prefix(20)) gave \(result)") }
        }
    }

    @Test func signingRefusesAPayloadNamingAnotherKey() throws {
        let other = try Fixtures.key(seed: 3)
        #expect(throws: CertificateError.self) { try SignedPayload.sign(payload, with: other) }
    }

    @Test func outcomeCodesRejectResultCodes() throws {
        #expect(try CertificateOutcome(code: "FIT") == .fit)
        #expect(try CertificateOutcome(code: "FIT WITH ESCORT") == .programme("FIT WITH ESCORT"))
        for bad in ["TB-B1-PULM", "HIV-POS", "CXR-NORMAL", "AUD-MILD", "", "fit", "PENDING", "PENDING\n"] {
            #expect(throws: CertificateError.self, "\(bad)") { try CertificateOutcome(code: bad) }
        }
    }
}
