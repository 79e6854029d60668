import ClearanceCore
import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

@Suite struct UserTests {
    let fast = PasswordHasher(iterations: 1_000)

    @Test func hashIsSelfDescribingSaltedAndVerifies() throws {
        let a = try fast.hash("correct horse")
        let b = try fast.hash("correct horse")
        #expect(a != b) // random salt
        let parts = a.split(separator: "$")
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "1000")
        #expect(Data(base64Encoded: String(parts[2]))?.count == 16)
        #expect(Data(base64Encoded: String(parts[3]))?.count == 32)
        #expect(try fast.verify("correct horse", against: a))
        #expect(try !fast.verify("correct horsE", against: a))
        #expect(try !fast.verify("", against: a))
    }

    @Test func knownPBKDF2Vector() throws {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1, dkLen=64).
        let expected = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        let stored = "pbkdf2-sha256$1$\(Data("salt".utf8).base64EncodedString())$\(Data(hex: expected).base64EncodedString())"
        #expect(try PasswordHasher().verify("passwd", against: stored))
    }

    @Test func defaultIsAtLeastOWASPMinimumAndOldHashesNeedRehash() throws {
        #expect(PasswordHasher().iterations >= 210_000)
        let old = try fast.hash("pw-123456")
        #expect(PasswordHasher(iterations: 2_000).needsRehash(old))
        #expect(!fast.needsRehash(old))
        // A hash made with other parameters still verifies: they are read from the string.
        #expect(try PasswordHasher(iterations: 5).verify("pw-123456", against: old))
    }

    @Test func malformedStoredHashesAreErrorsNotCrashes() {
        for bad in ["", "plain", "pbkdf2-sha256$x$AA==$AA==", "pbkdf2-sha256$0$AAAA$AAAAAAAAAAAAAAAAAAAAAA==",
                    "pbkdf2-sha256$99999999999$AAAA$AAAAAAAAAAAAAAAAAAAAAA==", "md5$1$AA==$AA==", "pbkdf2-sha256$10$!!$AA=="] {
            #expect(throws: StoreError.self) { try fast.verify("x", against: bad) }
        }
    }

    @Test func createAndAuthenticate() throws {
        let test = try TestStore()
        let clock = TestClock()
        let users = UserStore(hasher: fast)
        try test.database.write { db throws in
            let u = try users.create(db, username: "amina", displayName: "Dr Amina Yusuf", password: "s3cret-pass",
                                     roles: [.medicalOfficer, .counsellor], registrationNumber: "KMPDC-1234", at: clock.now)
            #expect(u.id != nil)
            #expect(u.passwordHash.hasPrefix("pbkdf2-sha256$1000$"))
            #expect(!u.passwordHash.contains("s3cret"))
        }
        try test.database.write { db throws in
            guard case .success(let user) = try users.authenticate(db, username: "amina", password: "s3cret-pass") else {
                Issue.record("expected success"); return
            }
            #expect(user.roleSet == [.medicalOfficer, .counsellor])
            #expect(user.registrationNumber == "KMPDC-1234")
            #expect(try users.authenticate(db, username: "amina", password: "wrong-pass") == .wrongPassword)
            #expect(try users.authenticate(db, username: "nobody", password: "s3cret-pass") == .unknownUser)
            try users.setDisabled(db, username: "amina", true)
            #expect(try users.authenticate(db, username: "amina", password: "s3cret-pass") == .disabled)
            try users.setDisabled(db, username: "amina", false)
            try users.setRoles(db, username: "amina", roles: [.admin])
            try users.setPassword(db, username: "amina", password: "another-pass")
            guard case .success(let again) = try users.authenticate(db, username: "amina", password: "another-pass") else {
                Issue.record("expected success after password change"); return
            }
            #expect(again.roleSet == [.admin])
        }
    }

    @Test func successfulLoginUpgradesAWeakerHash() throws {
        let test = try TestStore()
        try test.database.write { db throws in
            try UserStore(hasher: PasswordHasher(iterations: 10)).create(db, username: "n", displayName: "N", password: "password1",
                                                                     roles: [.nurse], at: Date())
            _ = try UserStore(hasher: fast).authenticate(db, username: "n", password: "password1")
            let stored = try UserStore(hasher: fast).fetch(db, username: "n")?.passwordHash
            #expect(stored?.hasPrefix("pbkdf2-sha256$1000$") == true)
        }
    }

    @Test func createRefusesDuplicatesEmptyPasswordsAndNoRoles() throws {
        let test = try TestStore()
        let users = UserStore(hasher: fast)
        try test.database.write { db throws in
            try users.create(db, username: "a", displayName: "A", password: "12345678", roles: [.clerk], at: Date())
            #expect { try users.create(db, username: "a", displayName: "A2", password: "12345678", roles: [.clerk], at: Date()) }
                throws: { ($0 as? StoreError)?.isDuplicate == true }
            // Password length is the service's policy (the demo database uses 'demo'); the store refuses only empty ones.
            #expect(throws: StoreError.self) { try users.create(db, username: "b", displayName: "B", password: "", roles: [.clerk], at: Date()) }
            #expect(throws: StoreError.self) { try users.create(db, username: "c", displayName: "C", password: "12345678", roles: [], at: Date()) }
            #expect(throws: StoreError.self) { try users.create(db, username: "d e", displayName: "D", password: "12345678", roles: [.nurse], at: Date()) }
        }
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex, let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[i..<j], radix: 16) ?? 0)
            i = j
        }
        self.init(bytes)
    }
}
