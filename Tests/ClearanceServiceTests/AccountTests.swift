import ClearanceCore
import ClearanceService
import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

extension TestClock: ClearanceService.Clock {}

/// Lockout timing, password rules and administrator safeguards, with a clock the test moves.
@Suite struct AccountTests {
    let dir: TemporaryDirectory
    let clock = TestClock()
    let service: ClinicService
    let admin: Session
    static let password = "correct horse battery"

    init() throws {
        dir = try TemporaryDirectory(prefix: "accounts")
        let host = HostEnvironment(registry: ModuleRegistry(modules: []), programmes: ProgrammeCatalog(packs: []))
        service = try ClinicService(databasePath: dir.path("a.sqlite"), host: host, clock: clock, passwordHasher: PasswordHasher(iterations: 1_000))
        try service.createFirstAdmin(username: "admin", displayName: "Admin", password: Self.password)
        admin = try service.signIn(username: "admin", password: Self.password)
        _ = try service.addUser(username: "nurse", displayName: "Nurse", roles: [.nurse], registrationNumber: nil, password: Self.password, by: admin)
    }

    func failSignIn(_ user: String = "nurse", _ password: String = "wrong password!") -> String {
        do { _ = try service.signIn(username: user, password: password); return "signed in" } catch { return "\(error)" }
    }

    @Test func theDelayDoublesAfterEachLockAndAGoodSignInStartsAgain() throws {
        #expect(LoginLockout.standard.delay(afterFailures: 4) == nil)
        #expect(LoginLockout.standard.delay(afterFailures: 5) == 30)
        #expect(LoginLockout.standard.delay(afterFailures: 7) == 120)
        #expect(LoginLockout.standard.delay(afterFailures: 40) == 3600)

        for _ in 0..<5 { _ = failSignIn() }
        #expect(failSignIn("nurse", Self.password).contains("locked after 5 failed attempts"))
        clock.advance(seconds: 29)
        #expect(failSignIn("nurse", Self.password).contains("try again in 1 s"))
        clock.advance(seconds: 2)
        // The lock ran out: one more wrong password locks for twice as long.
        #expect(failSignIn().contains("(60 s)"))
        clock.advance(seconds: 59)
        #expect(failSignIn("nurse", Self.password).contains("locked after 6 failed attempts"))
        clock.advance(seconds: 2)
        _ = try service.signIn(username: "nurse", password: Self.password)
        // A good sign-in forgets the failures: four more wrong ones do not lock.
        for _ in 0..<4 { #expect(!failSignIn().contains("locked")) }
        _ = try service.signIn(username: "nurse", password: Self.password)
    }

    @Test func ownPasswordChangeNeedsTheCurrentOneAndANewValidOne() throws {
        let nurse = try service.signIn(username: "nurse", password: Self.password)
        #expect { try service.changeOwnPassword(current: "not the current one", new: "a fresh long password", by: nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 3 }
        #expect { try service.changeOwnPassword(current: Self.password, new: Self.password, by: nurse) }
            throws: { ($0 as? ServiceError)?.issues.first?.path.description == "new password" }
        #expect { try service.changeOwnPassword(current: Self.password, new: "nursenurse", by: nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 6 }
        #expect { try service.changeOwnPassword(current: Self.password, new: "aaaaaaaaaaaaaaaa", by: nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 6 }
        try service.changeOwnPassword(current: Self.password, new: "a fresh long password", by: nurse)
        _ = try service.signIn(username: "nurse", password: "a fresh long password")
    }

    @Test func theLastEnabledAdministratorCannotBeDisabledOrDemoted() throws {
        #expect { try service.setUserDisabled("admin", true, by: admin) } throws: { ($0 as? ServiceError)?.exitCode == 7 }
        #expect { try service.editUser("admin", roles: [.nurse], by: admin) } throws: { ($0 as? ServiceError)?.exitCode == 7 }
        _ = try service.addUser(username: "second", displayName: "Second", roles: [.admin], registrationNumber: nil, password: Self.password, by: admin)
        let second = try service.signIn(username: "second", password: Self.password)
        _ = try service.editUser("admin", roles: [.nurse, .admin], by: second)
        _ = try service.setUserDisabled("admin", true, by: second)
        #expect { try service.setUserDisabled("second", true, by: second) } throws: { ($0 as? ServiceError)?.exitCode == 7 }
        #expect(failSignIn("admin", Self.password).contains("wrong user name or password"))
    }

    @Test func aRegistrationNumberFixedByEditIsOnTheNextSession() throws {
        _ = try service.addUser(username: "drk", displayName: "Dr K", roles: [.medicalOfficer], registrationNumber: nil, password: Self.password, by: admin)
        #expect(try service.signIn(username: "drk", password: Self.password).registrationNumber == nil)
        let view = try service.editUser("drk", registrationNumber: "  MC-1  ", by: admin)
        #expect(view.registrationNumber == "MC-1")
        #expect(try service.signIn(username: "drk", password: Self.password).registrationNumber == "MC-1")
        _ = try service.editUser("drk", registrationNumber: .some(nil), by: admin)
        #expect(try service.signIn(username: "drk", password: Self.password).registrationNumber == nil)
    }
}
